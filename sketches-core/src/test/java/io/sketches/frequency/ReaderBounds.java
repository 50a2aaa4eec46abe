package io.sketches.frequency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchFormatException;
import java.lang.management.ManagementFactory;
import java.util.function.Function;

/**
 * The memory bound every reader keeps (docs/format.md, "What a reader guarantees"): parsing a byte
 * array allocates at most {@code 16 × length + 64 KiB} for Count-Min, {@code 64 × length + 64 KiB}
 * for the sketches that hold items (heavy hitters, samplers: one Java object per item of one or two
 * bytes on the wire), whether the bytes are accepted or refused. Measured with the allocation
 * counter of the current thread, after one warm-up parse so that class loading is not counted.
 */
public final class ReaderBounds {
  public static final long COUNTERS_PER_INPUT_BYTE = 16;
  public static final long ITEMS_PER_INPUT_BYTE = 64;
  public static final long CONSTANT_BYTES = 64 << 10;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private ReaderBounds() {}

  /** Bytes allocated by this thread while {@code action} runs. */
  public static long allocatedBytes(Runnable action) {
    long thread = Thread.currentThread().getId();
    long before = THREADS.getThreadAllocatedBytes(thread);
    action.run();
    return THREADS.getThreadAllocatedBytes(thread) - before;
  }

  /** {@link #parseWithinBound(byte[], Function, long)} for a sketch of counters, 16 per byte. */
  public static <S> S parseWithinBound(byte[] bytes, Function<byte[], S> reader) {
    return parseWithinBound(bytes, reader, COUNTERS_PER_INPUT_BYTE);
  }

  /** {@link #parseWithinBound(byte[], Function, long)} for a sketch of items, 64 per byte. */
  public static <S> S assertItemsParseWithinBound(byte[] bytes, Function<byte[], S> reader) {
    return parseWithinBound(bytes, reader, ITEMS_PER_INPUT_BYTE);
  }

  /**
   * Parses {@code bytes} (refusal with a {@link SketchFormatException} counts as a parse), asserts
   * that the parse allocated at most {@code perInputByte × length + 64 KiB}, and returns the sketch
   * or null if refused.
   */
  public static <S> S parseWithinBound(
      byte[] bytes, Function<byte[], S> reader, long perInputByte) {
    Object[] result = new Object[1];
    Runnable parse =
        () -> {
          try {
            result[0] = reader.apply(bytes);
          } catch (SketchFormatException refused) {
            result[0] = null;
          }
        };
    parse.run(); // warm-up: class loading and first-call costs are not the reader's
    long allocated = allocatedBytes(parse);
    long bound = perInputByte * bytes.length + CONSTANT_BYTES;
    assertTrue(
        allocated <= bound,
        "parsing " + bytes.length + " bytes allocated " + allocated + " bytes, bound " + bound);
    @SuppressWarnings("unchecked")
    S sketch = (S) result[0];
    return sketch;
  }
}
