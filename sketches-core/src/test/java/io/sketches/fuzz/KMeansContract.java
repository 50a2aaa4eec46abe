package io.sketches.fuzz;

import io.sketches.SketchType;
import io.sketches.clustering.StreamingKMeans;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Streaming k-means: total weight finite and ≥ 0; unless it holds no weight (then the model queries
 * refuse with the documented {@link IllegalStateException}), k finite centres of the sketch's
 * dimension, k finite weights ≥ 0, {@code predict} in [0, k), finite costs ≥ 0.
 */
final class KMeansContract extends SketchContract<StreamingKMeans> {
  private static final Predicate<Throwable> NO_POINTS = illegalState("no points seen");

  KMeansContract() {
    super(SketchType.STREAMING_KMEANS, StreamingKMeans.class);
  }

  @Override
  StreamingKMeans readOwn(byte[] bytes, Specimen origin) {
    return StreamingKMeans.fromByteArray(bytes);
  }

  @Override
  void queries(StreamingKMeans sketch, Probe probe, SplittableRandom random) {
    int k = sketch.k();
    int dimension = sketch.dimension();
    Double totalWeight = probe.query("totalWeight()", sketch::totalWeight);
    if (totalWeight != null) {
      probe.finiteNonNegative("totalWeight()", totalWeight);
    }
    probe.expect(
        sketch.featureCount() <= sketch.featureCapacity(),
        "more features than the capacity",
        "%d > %d",
        sketch.featureCount(),
        sketch.featureCapacity());
    double[][] centers = probe.query("centers()", sketch::centers, NO_POINTS);
    if (centers != null) {
      probe.expect(centers.length == k, "centers() has not k rows", "%d ≠ %d", centers.length, k);
      for (double[] center : centers) {
        probe.expect(
            center.length == dimension, "a centre has the wrong dimension", "%d", center.length);
        probe.allFinite("centers()", center);
      }
    }
    double[] weights = probe.query("weights()", sketch::weights, NO_POINTS);
    if (weights != null) {
      probe.expect(weights.length == k, "weights() has not k entries", "%d", weights.length);
      for (double weight : weights) {
        probe.finiteNonNegative("a centre's weight", weight);
      }
    }
    double[] point = Corpus.point(random, dimension);
    Integer nearest = probe.query("predict(point)", () -> sketch.predict(point), NO_POINTS);
    probe.expect(
        nearest == null || (nearest >= 0 && nearest < k),
        "predict() outside [0, k)",
        "%s",
        nearest);
    Double cost = probe.query("cost(points)", () -> sketch.cost(new double[][] {point}), NO_POINTS);
    if (cost != null) {
      probe.finiteNonNegative("cost(points)", cost);
    }
    Double summaryCost = probe.query("summaryCost()", sketch::summaryCost, NO_POINTS);
    if (summaryCost != null) {
      probe.finiteNonNegative("summaryCost()", summaryCost);
    }
  }

  @Override
  void update(StreamingKMeans sketch, SplittableRandom random) {
    double[] point = Corpus.point(random, sketch.dimension());
    if (sketch.toString().contains("forward decay")) {
      sketch.update(point, 100 * random.nextDouble());
    } else {
      sketch.update(point);
    }
  }
}
