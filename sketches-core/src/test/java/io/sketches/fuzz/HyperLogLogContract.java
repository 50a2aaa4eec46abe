package io.sketches.fuzz;

import io.sketches.SketchType;
import io.sketches.cardinality.HyperLogLog;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * HyperLogLog: estimates finite and ≥ 0, bounds finite and around the estimate for 1, 2 and 3
 * standard errors; and {@code mergeBytes} into a valid sketch refuses exactly what {@code
 * fromByteArray} refuses, leaves the target unchanged when it does, and otherwise equals {@code
 * merge(fromByteArray(bytes))} byte for byte.
 */
final class HyperLogLogContract extends SketchContract<HyperLogLog> {
  HyperLogLogContract() {
    super(SketchType.HYPERLOGLOG, HyperLogLog.class);
  }

  @Override
  HyperLogLog readOwn(byte[] bytes, Specimen origin) {
    return HyperLogLog.fromByteArray(bytes);
  }

  @Override
  void queries(HyperLogLog sketch, Probe probe, SplittableRandom random) {
    Double estimate = probe.query("estimate()", sketch::estimate);
    Double error = probe.query("relativeStandardError()", sketch::relativeStandardError);
    if (estimate == null || error == null) {
      return;
    }
    probe.finiteNonNegative("estimate()", estimate);
    probe.finiteNonNegative("relativeStandardError()", error);
    for (int k = 1; k <= 3; k++) {
      int stdDevs = k;
      Double lower = probe.query("lowerBound(" + k + ")", () -> sketch.lowerBound(stdDevs));
      Double upper = probe.query("upperBound(" + k + ")", () -> sketch.upperBound(stdDevs));
      if (lower != null && upper != null) {
        probe.finiteNonNegative("lowerBound(" + k + ")", lower);
        probe.finiteNonNegative("upperBound(" + k + ")", upper);
        probe.expect(
            lower <= estimate && estimate <= upper,
            "bounds do not enclose estimate()",
            "lowerBound(%d) %s, estimate %s, upperBound(%d) %s",
            k,
            lower,
            estimate,
            k,
            upper);
      }
    }
    Boolean empty = probe.query("isEmpty()", sketch::isEmpty);
    probe.expect(
        empty == null || !empty || estimate == 0, "an empty sketch estimates ≠ 0", "%s", estimate);
    Double merged =
        probe.query(
            "discardMartingale().estimate()", () -> sketch.copy().discardMartingale().estimate());
    if (merged != null) {
      probe.finiteNonNegative("estimate() without the martingale", merged);
    }
  }

  @Override
  void update(HyperLogLog sketch, SplittableRandom random) {
    sketch.update(random.nextLong());
  }

  @Override
  void extraChecks(byte[] bytes, Specimen origin, HyperLogLog own, Probe probe) {
    HyperLogLog target = (HyperLogLog) origin.read();
    byte[] before = target.toByteArray();
    long bound = Probe.parseAllocationBound(bytes.length) + 16L * before.length;
    Probe.Call<HyperLogLog> call =
        probe.parse("HyperLogLog.mergeBytes", bytes.length, bound, () -> target.mergeBytes(bytes));
    if (call.thrown != null && !call.refused()) {
      return; // recorded by parse
    }
    if (call.refused()) {
      probe.expect(own == null, "mergeBytes refused what fromByteArray accepts", "%s", call.thrown);
      probe.expect(
          Arrays.equals(before, target.toByteArray()),
          "refused mergeBytes changed the target",
          "target %s",
          origin);
      return;
    }
    probe.expect(
        own != null, "mergeBytes accepted what fromByteArray refuses", "target %s", origin);
    if (own != null) {
      HyperLogLog viaMerge =
          probe.operation("merge(fromByteArray(bytes))", () -> cast(origin.read()).merge(own));
      probe.expect(
          viaMerge == null || Arrays.equals(viaMerge.toByteArray(), target.toByteArray()),
          "mergeBytes differs from merge(fromByteArray(bytes))",
          "target %s",
          origin);
    }
  }
}
