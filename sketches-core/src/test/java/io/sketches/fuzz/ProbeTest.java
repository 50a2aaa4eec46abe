package io.sketches.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sketches.SketchFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker catches what it must: wrong exceptions, over-allocation, errors, NaN. */
class ProbeTest {

  private static List<String> kinds(Probe probe) {
    return probe.problems().stream().map(Probe.Problem::kind).toList();
  }

  @Test
  void aRefusalIsNoProblemButAnyOtherExceptionIs() {
    Probe probe = new Probe();
    probe.parse(
        "reader",
        new byte[20],
        () -> {
          throw new SketchFormatException("bad");
        });
    assertEquals(List.of(), kinds(probe));
    probe.parse(
        "reader",
        new byte[20],
        () -> {
          throw new ArrayIndexOutOfBoundsException(-3);
        });
    assertEquals(List.of("reader threw ArrayIndexOutOfBoundsException"), kinds(probe));
  }

  /** Time is CPU time: a parse that computes for 150 ms is flagged, one that waits is not. */
  @Test
  void aParseComputingOver100MsIsADefectButOneWaitingIsNot() {
    Probe probe = new Probe();
    probe.parse(
        "busy reader",
        new byte[60],
        () -> {
          long start = Probe.cpuNanos();
          long spins = 0;
          while (Probe.cpuNanos() - start < 150_000_000L) {
            spins++;
          }
          return spins;
        });
    probe.parse(
        "waiting reader",
        new byte[60],
        () -> {
          try {
            Thread.sleep(150);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return 0;
        });
    assertEquals(List.of("busy reader took over 100 ms"), kinds(probe));
  }

  @Test
  void aParseAllocatingMoreThanItsBoundIsADefectEvenIfItThenRefuses() {
    Probe probe = new Probe();
    probe.parse(
        "reader",
        new byte[60],
        () -> {
          long[] counters = new long[1 << 20]; // 8 MiB for 60 bytes
          throw new SketchFormatException("refused after " + counters.length + " counters");
        });
    // (on a loaded machine allocating 8 MiB may also take over 100 ms: not what is tested here)
    assertEquals(
        List.of("reader allocated more than its bound (16 × length + 64 KiB)"),
        kinds(probe).stream().filter(kind -> !kind.contains("took over")).toList());
  }

  @Test
  void errorsAreCaughtAndRecorded() {
    Probe probe = new Probe();
    Object value =
        probe.operation(
            "update",
            () -> {
              throw new OutOfMemoryError("Java heap space");
            });
    assertNull(value);
    assertEquals(List.of("update threw OutOfMemoryError"), kinds(probe));
  }

  @Test
  void aDocumentedRefusalIsNoProblemAndNonFiniteAnswersAre() {
    Probe probe = new Probe();
    probe.query(
        "coefficients()",
        () -> {
          throw new IllegalStateException("rank-deficient data");
        },
        SketchContract.illegalState("rank-deficient"));
    probe.finite("posteriorMean()", Double.NaN);
    probe.finiteNonNegative("lowerBound(2)", -1);
    assertEquals(
        List.of("posteriorMean() is not finite", "lowerBound(2) is not finite and ≥ 0"),
        kinds(probe));
  }
}
