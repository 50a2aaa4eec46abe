package io.sketches.clustering;

import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;

/**
 * The body of a serialized {@link StreamingKMeans}, serial version 1 (all little-endian; the
 * 16-byte header is in {@code docs/format.md}, this layout in {@code docs/kmeans.md}):
 *
 * <pre>
 * int32   k                      1..65536
 * int32   dimension d            1..65536
 * int32   summarySize            k..2^20
 * int64   seed
 * uint8   decay mode             0 none, 1 per batch, 2 per point, 3 forward (event time)
 * float64 decay parameter        1 (none), a ∈ [0, 1) (batch/point), λ > 0 (forward)
 * float64 latest event time      forward decay only; −∞ only if there are no features
 * varint  n                      features, n ≤ summarySize (a buffer past it is reduced first)
 * n ×  { float64 weight ≥ 0, float64 ssd ≥ 0, d × float64 mean }   all finite
 * </pre>
 *
 * A reader also refuses k·d above {@link StreamingKMeans#MAX_CENTER_COORDINATES} and summaries
 * whose cost bound exceeds {@link #MAX_COST_BOUND}: with those, queries would overflow. An empty
 * summary allocates nothing of its k × d shape until it is updated.
 *
 * <p>Weights and deviations are written as decayed actual values (the lazy decay scale folded in),
 * so the bytes of a sketch do not depend on when it last renormalized.
 */
final class KMeansFormat {
  static final int SERIAL_VERSION = 1;

  private KMeansFormat() {}

  static byte[] write(StreamingKMeans sketch) {
    ClusterFeatures features = sketch.features;
    if (features.size > sketch.summarySize) {
      // Bytes hold the reduced summary: at most summarySize features, a third of the worst case.
      features = features.copy();
      new SummaryReducer(sketch.dimension).reduce(features, sketch.summarySize);
    }
    int d = sketch.dimension;
    SketchWriter out =
        SketchFormat.writer(
            SketchType.STREAMING_KMEANS, SERIAL_VERSION, 0, 40 + features.size * (d + 2) * 8);
    out.putInt(sketch.k).putInt(d).putInt(sketch.summarySize).putLong(sketch.seed);
    out.putByte(sketch.decayMode.id).putDouble(sketch.decayParameter);
    if (sketch.decayMode == DecayMode.FORWARD) {
      out.putDouble(sketch.latestEventTime());
    }
    out.putVarLong(features.size);
    double scale = sketch.weightScale();
    for (int i = 0; i < features.size; i++) {
      out.putDouble(features.weight[i] * scale).putDouble(features.ssd[i] * scale);
      for (int a = 0; a < d; a++) {
        out.putDouble(features.mean[i * d + a]);
      }
    }
    return out.toByteArray();
  }

  static StreamingKMeans read(byte[] bytes) {
    SketchReader in = SketchFormat.reader(bytes, SketchType.STREAMING_KMEANS, SERIAL_VERSION);
    in.check(in.flags() == 0, "unknown flags 0x%x", in.flags());
    int k = in.getInt();
    in.check(
        k >= 1 && k <= StreamingKMeans.MAX_K, "k must be in [1, %d]: %d", StreamingKMeans.MAX_K, k);
    int d = in.getInt();
    in.check(
        d >= 1 && d <= StreamingKMeans.MAX_DIMENSION,
        "dimension must be in [1, %d]: %d",
        StreamingKMeans.MAX_DIMENSION,
        d);
    int summarySize = in.getInt();
    in.check(
        summarySize >= k && summarySize <= StreamingKMeans.MAX_SUMMARY_SIZE,
        "summarySize must be in [k = %d, %d]: %d",
        k,
        StreamingKMeans.MAX_SUMMARY_SIZE,
        summarySize);
    long seed = in.getLong();
    int modeId = in.getUnsignedByte();
    DecayMode mode = DecayMode.ofId(modeId);
    in.check(mode != null, "unknown decay mode %d", modeId);
    double parameter = in.getDouble();
    in.check(
        mode.isValid(parameter),
        "decay parameter %s is invalid for decay mode %d",
        parameter,
        modeId);
    in.check(
        (long) k * d <= StreamingKMeans.MAX_CENTER_COORDINATES,
        "k × dimension must be at most %d (the centers' coordinates): %d × %d",
        StreamingKMeans.MAX_CENTER_COORDINATES,
        k,
        d);
    StreamingKMeans sketch = new StreamingKMeans(k, d, summarySize, seed, mode, parameter);
    double latest = Double.NEGATIVE_INFINITY;
    if (mode == DecayMode.FORWARD) {
      latest = in.getDouble();
      in.check(
          Double.isFinite(latest) || latest == Double.NEGATIVE_INFINITY,
          "latest event time must be finite or -Infinity: %s",
          latest);
    }
    int n = in.getLength(8 * (d + 2), "cluster feature");
    in.check(n <= summarySize, "%d features exceed summarySize %d", n, summarySize);
    in.check(
        n == 0 || mode != DecayMode.FORWARD || Double.isFinite(latest),
        "a forward-decayed sketch with features needs a finite latest event time");
    sketch.restoreLatestEventTime(latest);
    readFeatures(in, sketch.features, n);
    in.expectEnd();
    return sketch;
  }

  /**
   * Largest accepted {@code max(W, 1) · 4d · M² + Σ ssd} (W total weight, M the largest |mean
   * coordinate|): it bounds every squared distance, k-means cost and moment the queries and reduces
   * compute, and leaves a factor 2^64 for merges before any of them could overflow.
   */
  static final double MAX_COST_BOUND = 0x1p960;

  /**
   * n features into the empty {@code features}: weights finite and ≥ 0 (0 or subnormal where decay
   * underflowed), deviations finite and ≥ 0, means finite, and the whole summary's cost bound
   * within {@link #MAX_COST_BOUND}.
   */
  private static void readFeatures(SketchReader in, ClusterFeatures features, int n) {
    int d = features.dimension;
    features.ensureCapacity(n);
    double totalWeight = 0;
    double totalSsd = 0;
    double largestCoordinate = 0;
    for (int i = 0; i < n; i++) {
      double weight = in.getFiniteDouble("feature weight");
      in.check(weight >= 0, "feature %d has negative weight %s", i, weight);
      double ssd = in.getFiniteDouble("feature squared deviation");
      in.check(ssd >= 0, "feature %d has negative squared deviation %s", i, ssd);
      for (int a = 0; a < d; a++) {
        double coordinate = in.getFiniteDouble("feature mean");
        features.mean[i * d + a] = coordinate;
        largestCoordinate = Math.max(largestCoordinate, Math.abs(coordinate));
      }
      features.weight[i] = weight;
      features.ssd[i] = ssd;
      totalWeight += weight;
      totalSsd += ssd;
    }
    features.size = n;
    double costBound =
        Math.max(totalWeight, 1) * 4.0 * d * largestCoordinate * largestCoordinate + totalSsd;
    in.check(
        costBound <= MAX_COST_BOUND,
        "features out of range: total weight %s, largest mean coordinate %s and total squared"
            + " deviation %s bound the k-means cost by %s, above 2^960",
        totalWeight,
        largestCoordinate,
        totalSsd,
        costBound);
  }
}
