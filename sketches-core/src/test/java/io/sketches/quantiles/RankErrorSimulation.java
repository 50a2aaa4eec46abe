package io.sketches.quantiles;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The simulation behind {@link QuantileSketch#normalizedRankError(int)}: for each k, the 99th
 * percentile over trials of the largest |estimated − true| normalized rank over all ranks, for
 * streams of n distinct items in random order, one sketch per stream and the merge of 8 sketches of
 * its contiguous parts; then the least-squares fit of log ε = log a − b·log k over the k, each k
 * taking the larger of its configurations, with a raised until no simulated k exceeds the fit.
 *
 * <pre>
 * java -cp ... io.sketches.quantiles.RankErrorSimulation [trials] [n,n,...] [k,k,...]
 * </pre>
 *
 * Single-threaded; about 10 minutes for 400 trials, n = 10^5 and 10^6, k = 8..1024.
 */
public final class RankErrorSimulation {
  private RankErrorSimulation() {}

  public static void main(String[] args) {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int[] ns = parse(args.length > 1 ? args[1] : "100000,1000000");
    int[] ks = parse(args.length > 2 ? args[2] : "8,16,32,64,128,256,512,1024");
    double[] logK = new double[ks.length];
    double[] logError = new double[ks.length];
    for (int j = 0; j < ks.length; j++) {
      double worst = 0;
      for (int n : ns) {
        for (int parts : new int[] {1, 8}) {
          double p99 = percentile99(ks[j], n, parts, trials);
          System.out.printf(
              "k %5d  n %8d  parts %d  p99 %.6f  k*p99 %.4f%n", ks[j], n, parts, p99, ks[j] * p99);
          worst = Math.max(worst, p99);
        }
      }
      logK[j] = Math.log(ks[j]);
      logError[j] = Math.log(worst);
    }
    int first = 0;
    while (first < ks.length - 2 && ks[first] < 16) {
      first++;
    }
    double meanX = Arrays.stream(logK, first, ks.length).average().orElseThrow();
    double meanY = Arrays.stream(logError, first, ks.length).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (int j = first; j < ks.length; j++) {
      sxy += (logK[j] - meanX) * (logError[j] - meanY);
      sxx += (logK[j] - meanX) * (logK[j] - meanX);
    }
    double exponent = -sxy / sxx;
    double scale = Math.exp(meanY + exponent * meanX);
    double cover = 1;
    for (int j = 0; j < ks.length; j++) {
      cover = Math.max(cover, Math.exp(logError[j]) / (scale * Math.pow(ks[j], -exponent)));
    }
    System.out.printf(
        "fit: eps(k) = %.4f / k^%.4f; raised to cover every k: %.4f / k^%.4f%n",
        scale, exponent, scale * cover, exponent);
  }

  private static int[] parse(String list) {
    return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** The 99th percentile of the worst rank error over {@code trials} streams. */
  static double percentile99(int k, int n, int parts, int trials) {
    double[] errors = new double[trials];
    long[] stream = new long[n];
    for (int t = 0; t < trials; t++) {
      SplittableRandom random = new SplittableRandom(31L * t + k + n + parts);
      for (int i = 0; i < n; i++) {
        stream[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        long swap = stream[i];
        stream[i] = stream[j];
        stream[j] = swap;
      }
      QuantileSketch merged = QuantileSketch.create(k, random.nextLong());
      for (int p = 0; p < parts; p++) {
        QuantileSketch part = QuantileSketch.create(k, merged.seed());
        for (int i = (int) ((long) p * n / parts); i < (long) (p + 1) * n / parts; i++) {
          part.update(stream[i]);
        }
        merged.merge(part);
      }
      errors[t] = worstRankErrorOfPermutation(merged, n);
    }
    Arrays.sort(errors);
    return errors[(int) Math.ceil(0.99 * trials) - 1];
  }

  /**
   * The largest rank error over all values for a sketch of a permutation of 0..n−1: the estimate
   * only changes at retained items, the truth at every integer, so the extremes are at each
   * retained item x (true rank (x+1)/n) and just below it (true rank x/n).
   */
  static double worstRankErrorOfPermutation(QuantileSketch sketch, int n) {
    double worst = 0;
    for (long x : RetainedItems.of(sketch)) {
      worst = Math.max(worst, Math.abs(sketch.rank(x) - (x + 1.0) / n));
      worst = Math.max(worst, Math.abs(sketch.rank(x - 1) - (double) x / n));
    }
    return worst;
  }
}
