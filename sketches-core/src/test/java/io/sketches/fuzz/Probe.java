package io.sketches.fuzz;

import io.sketches.SketchFormatException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The examination of one input: runs each parse, query and operation under its limits of time (the
 * thread's CPU time, {@code ThreadMXBean.getCurrentThreadCpuTime}) and allocation ({@code
 * ThreadMXBean.getThreadAllocatedBytes}), catches everything it throws (errors included), and
 * collects what broke as {@link Problem}s. A parse or query over its limit is run once more before
 * it counts (the JIT, a GC pause or a class initialization may have been what was slow), and so is
 * a copy or a serialization, which change nothing; operations that change a sketch (merge, update)
 * are run once.
 */
final class Probe {
  /** Parsing n bytes may allocate at most 16·n + 64 KiB. */
  static final long PARSE_BYTES_PER_INPUT_BYTE = 16;

  static final long PARSE_BYTES_CONSTANT = 64 << 10;

  /**
   * No query or operation on an accepted sketch may allocate more than this: a sketch small on the
   * wire may grow when updated (a Count-Min allocates its counters on the first update), but not to
   * gigabytes.
   */
  static final long OPERATION_BYTES_CEILING = 512L << 20;

  static final long PARSE_AND_QUERY_NANOS = 100_000_000L;
  static final long OPERATION_NANOS = 1_000_000_000L;

  static final Predicate<Throwable> NOTHING_DOCUMENTED = e -> false;

  /** One thing that broke: a kind (to group defects by) and the details of this input. */
  record Problem(String kind, String detail) {
    @Override
    public String toString() {
      return kind + ": " + detail;
    }
  }

  /** What one metered call did. */
  static final class Call<T> {
    T value;
    Throwable thrown;

    /** CPU time of the calling thread ({@link #cpuNanos}). */
    long nanos;

    long allocatedBytes;

    boolean refused() {
      return thrown instanceof SketchFormatException;
    }
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final List<Problem> problems = new ArrayList<>();
  private long maxParseNanos;
  private double maxParseBytesPerInputByte;

  List<Problem> problems() {
    return problems;
  }

  long maxParseNanos() {
    return maxParseNanos;
  }

  double maxParseBytesPerInputByte() {
    return maxParseBytesPerInputByte;
  }

  static long allocatedBytes() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  static long parseAllocationBound(int length) {
    return PARSE_BYTES_PER_INPUT_BYTE * length + PARSE_BYTES_CONSTANT;
  }

  /**
   * The calling thread's CPU time: what a call costs, which a loaded machine's scheduler does not
   * inflate (at a load of 20 on 2 cores a parse of 30 bytes took 90 ms of wall time).
   */
  static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static <T> Call<T> meter(Supplier<T> operation) {
    Call<T> call = new Call<>();
    long allocatedBefore = allocatedBytes();
    long start = cpuNanos();
    try {
      call.value = operation.get();
    } catch (Throwable e) { // OutOfMemoryError and StackOverflowError included: they are defects
      call.thrown = e;
    }
    call.nanos = cpuNanos() - start;
    call.allocatedBytes = allocatedBytes() - allocatedBefore;
    return call;
  }

  private static <T> Call<T> meterTwiceIfOver(
      Supplier<T> operation, long nanosLimit, long bytesLimit) {
    Call<T> call = meter(operation);
    if (call.nanos > nanosLimit || call.allocatedBytes > bytesLimit) {
      call = meter(operation);
    }
    return call;
  }

  /**
   * Reads {@code bytes}: the call must accept or throw {@link SketchFormatException}, within the
   * parse limits. The caller looks at {@link Call#refused()} and {@link Call#value}.
   */
  <T> Call<T> parse(String reader, byte[] bytes, Supplier<T> read) {
    return parse(reader, bytes.length, parseAllocationBound(bytes.length), read);
  }

  /** As {@link #parse(String, byte[], Supplier)} with an allocation bound of the caller's. */
  <T> Call<T> parse(String reader, int length, long bound, Supplier<T> read) {
    Call<T> call = meterTwiceIfOver(read, PARSE_AND_QUERY_NANOS, bound);
    maxParseNanos = Math.max(maxParseNanos, call.nanos);
    maxParseBytesPerInputByte =
        Math.max(maxParseBytesPerInputByte, (double) call.allocatedBytes / Math.max(1, length));
    if (call.thrown != null && !call.refused()) {
      threw(reader, call.thrown);
    }
    if (call.allocatedBytes > bound) {
      report(
          reader + " allocated more than its bound (16 × length + 64 KiB)",
          "%d bytes, bound %d, for an input of %d bytes (%s)",
          call.allocatedBytes,
          bound,
          length,
          call.refused() ? "then refused" : "accepted");
    }
    if (call.nanos > PARSE_AND_QUERY_NANOS) {
      report(reader + " took over 100 ms", "%.1f ms, twice", call.nanos / 1e6);
    }
    return call;
  }

  /** A query: its value, or null if it threw (a documented refusal or a recorded problem). */
  <T> T query(String name, Supplier<T> query, Predicate<Throwable> documented) {
    return checked(
        name,
        meterTwiceIfOver(query, PARSE_AND_QUERY_NANOS, OPERATION_BYTES_CEILING),
        documented,
        PARSE_AND_QUERY_NANOS);
  }

  <T> T query(String name, Supplier<T> query) {
    return query(name, query, NOTHING_DOCUMENTED);
  }

  /**
   * An operation that changes nothing ({@code copy()}, {@code toByteArray()}): within the
   * operations' limits, run once more if over them before it counts, as a query is.
   */
  <T> T pureOperation(String name, Supplier<T> operation) {
    return checked(
        name,
        meterTwiceIfOver(operation, OPERATION_NANOS, OPERATION_BYTES_CEILING),
        NOTHING_DOCUMENTED,
        OPERATION_NANOS);
  }

  /** An operation that changes a sketch (merge, update): run once. */
  <T> T operation(String name, Supplier<T> operation, Predicate<Throwable> documented) {
    return checked(name, meter(operation), documented, OPERATION_NANOS);
  }

  <T> T operation(String name, Supplier<T> operation) {
    return operation(name, operation, NOTHING_DOCUMENTED);
  }

  private <T> T checked(
      String name, Call<T> call, Predicate<Throwable> documented, long nanosLimit) {
    if (call.thrown != null && !documented.test(call.thrown)) {
      threw(name, call.thrown);
    }
    if (call.allocatedBytes > OPERATION_BYTES_CEILING) {
      report(name + " allocated over 512 MiB", "%d bytes", call.allocatedBytes);
    }
    if (call.nanos > nanosLimit) {
      report(name + " took over " + nanosLimit / 1_000_000 + " ms", "%.1f ms", call.nanos / 1e6);
    }
    return call.thrown == null ? call.value : null;
  }

  private void threw(String name, Throwable thrown) {
    report(name + " threw " + thrown.getClass().getSimpleName(), "%s", describe(thrown));
  }

  static String describe(Throwable thrown) {
    StackTraceElement[] frames = thrown.getStackTrace();
    String where = "";
    for (StackTraceElement frame : frames) {
      if (frame.getClassName().startsWith("io.sketches.")
          && !frame.getClassName().startsWith("io.sketches.fuzz.")) {
        where = " at " + frame;
        break;
      }
    }
    return thrown.getClass().getName() + ": " + thrown.getMessage() + where;
  }

  /** Records a broken contract unless {@code holds}. */
  void expect(boolean holds, String kind, String format, Object... args) {
    if (!holds) {
      report(kind, format, args);
    }
  }

  void report(String kind, String format, Object... args) {
    problems.add(new Problem(kind, String.format(format, args)));
  }

  /** {@code value} must be finite. */
  void finite(String what, double value) {
    expect(Double.isFinite(value), what + " is not finite", "%s", value);
  }

  /** {@code value} must be finite and at least 0. */
  void finiteNonNegative(String what, double value) {
    expect(Double.isFinite(value) && value >= 0, what + " is not finite and ≥ 0", "%s", value);
  }

  void allFinite(String what, double[] values) {
    for (double value : values) {
      if (!Double.isFinite(value)) {
        report(what + " has a non-finite entry", "%s", java.util.Arrays.toString(values));
        return;
      }
    }
  }
}
