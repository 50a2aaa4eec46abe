package io.sketches.fuzz;

import io.sketches.SketchType;
import io.sketches.quantiles.ItemKind;
import io.sketches.quantiles.QuantileSketch;
import java.util.SplittableRandom;

/**
 * The quantile sketch: count ≥ 0 and empty exactly when the kind is NONE; retained items at most
 * the count and at most the capacity of any level stack for k (3k + 9 per level, 62 levels), so
 * memory is bounded by k; empty answers NaN; otherwise min ≤ max, every quantile of 101 ranks and a
 * random one within [min, max] and non-decreasing in the rank, quantile(0) = min, quantile(1) =
 * max, rank(quantile(r)) ≥ r (inclusive ranks), ranks in [0, 1] and rank(max) = 1 (the count is the
 * sum of the weights), cdf non-decreasing ending at 1, pmf ≥ 0 summing to 1, the error bound in [0,
 * 1) and 0 exactly when exact; a sketch of longs answers the same exact longs.
 */
final class QuantilesContract extends SketchContract<QuantileSketch> {
  QuantilesContract() {
    super(SketchType.QUANTILES, QuantileSketch.class);
  }

  @Override
  QuantileSketch readOwn(byte[] bytes, Specimen origin) {
    return QuantileSketch.fromByteArray(bytes);
  }

  @Override
  boolean documentedMergeRefusal(Throwable thrown) {
    return super.documentedMergeRefusal(thrown) || thrown instanceof ArithmeticException;
  }

  @Override
  boolean documentedUpdateRefusal(Throwable thrown) {
    return thrown instanceof ArithmeticException;
  }

  @Override
  void queries(QuantileSketch sketch, Probe probe, SplittableRandom random) {
    long count = sketch.count();
    int retained = sketch.retainedItems();
    ItemKind kind = sketch.itemKind();
    probe.expect(
        count >= 0 && sketch.isEmpty() == (count == 0) && (kind == ItemKind.NONE) == (count == 0),
        "count, isEmpty() and itemKind() disagree",
        "count %d, kind %s",
        count,
        kind);
    probe.expect(
        retained <= count && retained <= 3L * sketch.k() + 9 * 62,
        "more items retained than seen or than k allows",
        "%d retained, count %d, k %d",
        retained,
        count,
        sketch.k());
    Double error = probe.query("normalizedRankError()", sketch::normalizedRankError);
    if (error != null) {
      probe.expect(
          error >= 0 && error < 1 && (error == 0) == (retained == count),
          "normalizedRankError() is not in [0, 1) or not 0 exactly when exact",
          "%s with %d of %d retained",
          error,
          retained,
          count);
    }
    if (count == 0) {
      Double quantile = probe.query("quantile(0.5)", () -> sketch.quantile(0.5));
      probe.expect(quantile == null || quantile.isNaN(), "an empty sketch answers", "%s", quantile);
      return;
    }
    double min = sketch.min();
    double max = sketch.max();
    probe.expect(min <= max, "min > max", "%s > %s", min, max);
    double[] ranks = new double[102];
    for (int i = 0; i <= 100; i++) {
      ranks[i] = i / 100.0;
    }
    ranks[101] = random.nextDouble();
    java.util.Arrays.sort(ranks);
    double[] quantiles = probe.query("quantiles(...)", () -> sketch.quantiles(ranks));
    if (quantiles == null) {
      return;
    }
    probe.expect(
        quantiles[0] == min && quantiles[ranks.length - 1] == max,
        "quantile(0) is not min or quantile(1) is not max",
        "%s, %s against %s, %s",
        quantiles[0],
        quantiles[ranks.length - 1],
        min,
        max);
    for (int i = 0; i < ranks.length; i++) {
      double q = quantiles[i];
      probe.expect(
          min <= q && q <= max && (i == 0 || quantiles[i - 1] <= q),
          "quantiles out of [min, max] or not increasing",
          "quantile(%s) = %s, min %s, max %s",
          ranks[i],
          q,
          min,
          max);
      // a long beyond 2^53 answers as the nearest double: its exact rank is the long's
      boolean longs = kind == ItemKind.LONGS;
      double r = ranks[i];
      Double rank =
          probe.query(
              "rank(quantile)", () -> longs ? sketch.rank(sketch.quantileLong(r)) : sketch.rank(q));
      probe.expect(
          rank == null || (rank >= r && rank <= 1),
          "rank(quantile(r)) < r or > 1",
          "r %s, quantile %s, rank %s",
          r,
          q,
          rank);
    }
    Double rankOfMax =
        probe.query(
            "rank(max())",
            () -> kind == ItemKind.LONGS ? sketch.rank(sketch.maxLong()) : sketch.rank(max));
    probe.expect(rankOfMax == null || rankOfMax == 1.0, "rank(max()) is not 1", "%s", rankOfMax);
    double[] splits = distinct(quantiles);
    double[] cdf = probe.query("cdf(quantiles)", () -> sketch.cdf(splits));
    double[] pmf = probe.query("pmf(quantiles)", () -> sketch.pmf(splits));
    if (cdf != null && pmf != null) {
      double sum = 0;
      for (int i = 0; i < cdf.length; i++) {
        probe.expect(
            cdf[i] >= 0 && cdf[i] <= 1 && (i == 0 || cdf[i - 1] <= cdf[i]) && pmf[i] >= 0,
            "cdf not increasing in [0, 1] or pmf negative",
            "at %d: cdf %s, pmf %s",
            i,
            cdf[i],
            pmf[i]);
        sum += pmf[i];
      }
      probe.expect(
          cdf[cdf.length - 1] == 1 && Math.abs(sum - 1) < 1e-9,
          "cdf does not end at 1 or pmf does not sum to 1",
          "cdf ends %s, pmf sums %s",
          cdf[cdf.length - 1],
          sum);
    }
    if (kind == ItemKind.LONGS) {
      long[] exact = probe.query("quantilesLong(...)", () -> sketch.quantilesLong(ranks));
      for (int i = 0; exact != null && i < exact.length; i++) {
        probe.expect(
            sketch.minLong() <= exact[i]
                && exact[i] <= sketch.maxLong()
                && (double) exact[i] == quantiles[i],
            "quantileLong out of [minLong, maxLong] or not quantile",
            "quantileLong(%s) = %d, quantile %s",
            ranks[i],
            exact[i],
            quantiles[i]);
      }
    }
  }

  private static double[] distinct(double[] sorted) {
    return java.util.Arrays.stream(sorted).distinct().toArray();
  }

  @Override
  void update(QuantileSketch sketch, SplittableRandom random) {
    if (sketch.itemKind() == ItemKind.LONGS
        || (sketch.itemKind() == ItemKind.NONE && random.nextBoolean())) {
      sketch.update(random.nextLong());
    } else {
      sketch.update(random.nextGaussian());
    }
  }
}
