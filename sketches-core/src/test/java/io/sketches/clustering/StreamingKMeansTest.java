package io.sketches.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.IncompatibleSketchException;
import io.sketches.SketchFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingKMeansTest {

  private static StreamingKMeans.Builder builder(int k, int d) {
    return StreamingKMeans.builder().k(k).dimension(d).seed(1);
  }

  /** MLlib's rule with k = 1: c ← (a·n·c + m·x̄) / (a·n + m), n ← a·n + m, per batch. */
  @Test
  void singleClusterFollowsTheMllibUpdateRulePerBatch() {
    double a = 0.7;
    StreamingKMeans sketch = builder(1, 3).decayFactor(a).summarySize(4).build();
    Random random = new Random(5);
    double[] center = new double[3];
    double n = 0;
    for (int batch = 0; batch < 40; batch++) {
      double[][] points = new double[1 + random.nextInt(20)][3];
      double[] sum = new double[3];
      for (double[] point : points) {
        for (int j = 0; j < 3; j++) {
          point[j] = batch * 0.5 + random.nextGaussian() * 3;
          sum[j] += point[j];
        }
      }
      int m = points.length;
      for (int j = 0; j < 3; j++) {
        center[j] = (a * n * center[j] + sum[j]) / (a * n + m);
      }
      n = a * n + m;
      sketch.update(points);
      assertArrayEquals(center, sketch.centers()[0], 1e-9, "center after batch " + batch);
      assertEquals(n, sketch.weights()[0], 1e-9 * n, "weight after batch " + batch);
    }
  }

  /** With the time unit points, a batch of m points discounts the past by a^m (MLlib). */
  @Test
  void singleClusterFollowsTheMllibUpdateRulePerPoint() {
    double a = 0.95;
    StreamingKMeans sketch =
        builder(1, 1)
            .halfLife(Math.log(0.5) / Math.log(a), DecayUnit.POINTS)
            .summarySize(4)
            .build();
    Random random = new Random(6);
    double center = 0;
    double n = 0;
    for (int batch = 0; batch < 30; batch++) {
      double[][] points = new double[1 + random.nextInt(10)][1];
      double sum = 0;
      for (double[] point : points) {
        point[0] = batch + random.nextGaussian();
        sum += point[0];
      }
      double discount = Math.pow(a, points.length);
      center = (discount * n * center + sum) / (discount * n + points.length);
      n = discount * n + points.length;
      sketch.update(points);
      assertEquals(center, sketch.centers()[0][0], 1e-9 * Math.max(1, Math.abs(center)));
      assertEquals(n, sketch.weights()[0], 1e-9 * n);
    }
  }

  /**
   * Three clusters move at speed v = 0.05 per batch over 300 batches (a path of 15). With a
   * half-life of 5 batches the mean age of the summary is a/(1 − a) ≈ 6.7 batches, so the centers
   * lag by ≈ 0.34: tolerance 1.0. Without decay the centers sit near the path's midpoint, ≈ 7.5
   * behind: they must be more than 4 away. Fixed seeds: deterministic.
   */
  @Test
  void withAHalfLifeTheCentersFollowMovingClusters() {
    double[][] start = {{0, 0}, {40, 0}, {0, 40}};
    double[] velocity = {0.05, 0.03};
    StreamingKMeans decayed = builder(3, 2).halfLife(5, DecayUnit.BATCHES).build();
    StreamingKMeans forever = builder(3, 2).build();
    Random random = new Random(9);
    int batches = 300;
    for (int batch = 0; batch < batches; batch++) {
      double[][] points = new double[100][];
      for (int i = 0; i < points.length; i++) {
        double[] mean = start[random.nextInt(3)];
        points[i] =
            new double[] {
              mean[0] + velocity[0] * batch + random.nextGaussian(),
              mean[1] + velocity[1] * batch + random.nextGaussian()
            };
      }
      decayed.update(points);
      forever.update(points);
    }
    for (double[] mean : start) {
      double[] now = {mean[0] + velocity[0] * (batches - 1), mean[1] + velocity[1] * (batches - 1)};
      assertTrue(
          nearest(decayed.centers(), now) <= 1.0,
          "decayed centers follow: distance " + nearest(decayed.centers(), now));
      assertTrue(
          nearest(forever.centers(), now) > 4.0,
          "undecayed centers stay behind: distance " + nearest(forever.centers(), now));
    }
  }

  private static double nearest(double[][] centers, double[] point) {
    double best = Double.POSITIVE_INFINITY;
    for (double[] center : centers) {
      best = Math.min(best, Math.sqrt(ClusterFeatures.squaredDistance(center, 0, point, 0, 2)));
    }
    return best;
  }

  /** Forward decay: a merge of two halves weighs every point exactly as one sketch does. */
  @Test
  void forwardDecayIsExactlyMergeable() {
    StreamingKMeans whole = builder(2, 2).forwardDecay(10).build();
    StreamingKMeans early = builder(2, 2).forwardDecay(10).build();
    StreamingKMeans late = builder(2, 2).forwardDecay(10).build();
    Random random = new Random(4);
    for (int t = 0; t < 200; t++) {
      double[] point = {random.nextGaussian() + (t % 2) * 50, random.nextGaussian()};
      whole.update(point, t);
      (t % 3 == 0 ? early : late).update(point, t);
    }
    StreamingKMeans merged = early.copy().merge(late);
    double expectedWeight = (1 - Math.pow(0.5, 200 / 10.0)) / (1 - Math.pow(0.5, 0.1));
    assertEquals(expectedWeight, whole.totalWeight(), 1e-9 * expectedWeight);
    assertEquals(expectedWeight, merged.totalWeight(), 1e-9 * expectedWeight);
    assertEquals(whole.summaryCost(), merged.summaryCost(), 1e-6 * whole.summaryCost());
    assertEquals(expectedWeight, late.copy().merge(early).totalWeight(), 1e-9 * expectedWeight);
  }

  @Test
  void emptyClustersAreReseededNotLeftEmpty() {
    StreamingKMeans sketch = builder(4, 2).build();
    Random random = new Random(2);
    for (int i = 0; i < 2000; i++) {
      sketch.update(new double[] {random.nextGaussian() * 5, random.nextGaussian()});
    }
    for (double weight : sketch.weights()) {
      assertTrue(
          weight > 0, "every center has weight: " + java.util.Arrays.toString(sketch.weights()));
    }
    assertEquals(2000, java.util.Arrays.stream(sketch.weights()).sum(), 1e-9);
  }

  @Test
  void badPointsAreRefusedAndChangeNothing() {
    StreamingKMeans sketch = builder(2, 3).build().update(new double[] {1, 2, 3});
    byte[] before = sketch.toByteArray();
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class, () -> sketch.update(new double[] {1, Double.NaN, 3}));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    IllegalArgumentException inf =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                sketch.update(
                    new double[][] {{1, 2, 3}, {4, 5, 6}, {1, 2, Double.POSITIVE_INFINITY}}));
    assertTrue(
        inf.getMessage().contains("Infinity") && inf.getMessage().contains("point 2"),
        inf.getMessage());
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> sketch.update(new double[] {1, 2}));
    assertTrue(wrong.getMessage().contains("dimension 3: 2"), wrong.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sketch.update((double[]) null));
    assertThrows(IllegalArgumentException.class, () -> sketch.predict(new double[] {1}));
    assertThrows(
        IllegalArgumentException.class, () -> sketch.cost(new double[][] {{1, 2, Double.NaN}}));
    assertThrows(IllegalStateException.class, () -> sketch.update(new double[] {1, 2, 3}, 5.0));
    assertArrayEquals(before, sketch.toByteArray(), "refused input changes nothing");
    IllegalArgumentException k =
        assertThrows(IllegalArgumentException.class, () -> StreamingKMeans.builder().k(0));
    assertTrue(k.getMessage().contains(": 0"), k.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> StreamingKMeans.builder().k(2).dimension(2).decayFactor(1.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> StreamingKMeans.builder().k(20).dimension(2).summarySize(10).build());
    assertThrows(IllegalStateException.class, () -> builder(2, 3).build().centers());
  }

  @Test
  void differentKOrDimensionDoNotMerge() {
    StreamingKMeans sketch = builder(2, 3).build().update(new double[] {1, 2, 3});
    byte[] before = sketch.toByteArray();
    IncompatibleSketchException k =
        assertThrows(IncompatibleSketchException.class, () -> sketch.merge(builder(3, 3).build()));
    assertTrue(k.getMessage().contains("k: 2 and 3"), k.getMessage());
    IncompatibleSketchException d =
        assertThrows(IncompatibleSketchException.class, () -> sketch.merge(builder(2, 4).build()));
    assertTrue(d.getMessage().contains("dimension: 3 and 4"), d.getMessage());
    assertThrows(
        IncompatibleSketchException.class,
        () -> sketch.merge(builder(2, 3).decayFactor(0.5).build()));
    assertArrayEquals(before, sketch.toByteArray(), "a refused merge changes nothing");
  }

  @Test
  void forgedFieldsAreRefused() {
    StreamingKMeans sketch =
        builder(2, 1).build().update(new double[] {1}).update(new double[] {2});
    byte[] bytes = sketch.toByteArray();
    byte[] body = java.util.Arrays.copyOfRange(bytes, 16, bytes.length);
    // body: k(4) d(4) size(4) seed(8) mode(1) parameter(8) n(1) then weight of feature 0
    java.nio.ByteBuffer.wrap(body).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(30, -1.0);
    SketchFormatException e =
        assertThrows(
            SketchFormatException.class,
            () ->
                StreamingKMeans.fromByteArray(
                    io.sketches.testing.FormatForgery.withHeader(bytes, body)));
    assertTrue(e.getMessage().contains("negative weight"), e.getMessage());
  }

  /**
   * Bytes written by release 0.1 must load in every later release and describe the same stream: the
   * same decayed total weight and, within rounding, the same centers. (The bytes a later release
   * writes for the same stream may differ if its reduce step improves.)
   */
  @Test
  void goldenBytesStillLoad() throws IOException {
    StreamingKMeans fresh = goldenSketch();
    Path file = Path.of("src/test/resources/golden/clustering/streaming-kmeans-v1.bin");
    if (Boolean.getBoolean("golden.write")) {
      Files.write(file, fresh.toByteArray());
    }
    byte[] golden;
    try (InputStream in =
        getClass().getResourceAsStream("/golden/clustering/streaming-kmeans-v1.bin")) {
      golden = in.readAllBytes();
    }
    StreamingKMeans read = StreamingKMeans.fromByteArray(golden);
    assertArrayEquals(golden, read.toByteArray(), "golden bytes round-trip");
    assertEquals(fresh.totalWeight(), read.totalWeight(), 1e-12 * fresh.totalWeight());
    // Lloyd's centers are means of their clusters: their weighted mean is the stream's mean.
    double[] streamMean = weightedMean(fresh.centers(), fresh.weights());
    assertArrayEquals(streamMean, weightedMean(read.centers(), read.weights()), 1e-9);
  }

  private static double[] weightedMean(double[][] centers, double[] weights) {
    double[] mean = new double[centers[0].length];
    double total = 0;
    for (int c = 0; c < centers.length; c++) {
      total += weights[c];
      for (int a = 0; a < mean.length; a++) {
        mean[a] += weights[c] * centers[c][a];
      }
    }
    for (int a = 0; a < mean.length; a++) {
      mean[a] /= total;
    }
    return mean;
  }

  private static StreamingKMeans goldenSketch() {
    StreamingKMeans sketch =
        StreamingKMeans.builder()
            .k(2)
            .dimension(2)
            .summarySize(4)
            .decayFactor(0.9)
            .seed(42)
            .build();
    for (int i = 0; i < 15; i++) {
      sketch.update(new double[][] {{i % 2 * 10 + i * 0.01, i * 0.5}, {i * 0.1, -i}});
    }
    return sketch;
  }
}
