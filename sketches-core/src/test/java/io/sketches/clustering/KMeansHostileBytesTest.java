package io.sketches.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchFormatException;
import io.sketches.testing.FieldForgery;
import io.sketches.testing.FormatForgery;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Forged streaming k-means bytes, built from valid ones with fields overwritten and the header's
 * length and CRC32C recomputed. Features whose squared distances overflow used to be accepted, and
 * {@code centers()} then threw {@code ArrayIndexOutOfBoundsException} from the k-means++ seeding;
 * now they are refused with a reason naming the field, as are shapes whose centers would not fit.
 * An empty sketch of a large shape allocates nothing of it.
 */
class KMeansHostileBytesTest {
  // body: k(4) d(4) summarySize(4) seed(8) mode(1) parameter(8) n(1), then per feature
  // weight(8) ssd(8) mean(d × 8)
  private static final int K = 0;
  private static final int DIMENSION = 4;
  private static final int SUMMARY_SIZE = 8;
  private static final int FIRST_FEATURE = 30;

  /** k = 2, d = 2, four points: four features of weight, ssd and 2 coordinates, 32 bytes each. */
  private static byte[] valid() {
    StreamingKMeans sketch = StreamingKMeans.builder().k(2).dimension(2).seed(1).build();
    sketch.update(new double[] {0, 0}).update(new double[] {1, 0});
    sketch.update(new double[] {10, 10}).update(new double[] {11, 10});
    return sketch.toByteArray();
  }

  private static byte[] forged(byte[] valid, Consumer<ByteBuffer> change) {
    byte[] body = Arrays.copyOfRange(valid, 16, valid.length);
    change.accept(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN));
    return FormatForgery.withHeader(valid, body);
  }

  private static String refusal(byte[] bytes) {
    return assertThrows(SketchFormatException.class, () -> StreamingKMeans.fromByteArray(bytes))
        .getMessage();
  }

  /**
   * A forged k of 2^16 over the four features of {@link #valid()}: centers() used to run ten
   * seedings and Lloyd over k × n (about a second here, 26 s for d = 256); with n ≤ k every feature
   * is its own center, in O(k·d). 10 s is a bound the old code passed only for small k, and the new
   * one meets by a factor of 100 on a loaded machine.
   */
  @Test
  void aForgedLargeKTakesTimeLinearInK() {
    byte[] bytes = forged(valid(), b -> b.putInt(K, 1 << 16).putInt(SUMMARY_SIZE, 1 << 16));
    StreamingKMeans sketch = StreamingKMeans.fromByteArray(bytes);
    long start = System.nanoTime();
    double[][] centers = sketch.centers();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 10_000, millis + " ms");
    assertEquals(1 << 16, centers.length);
    assertArrayEquals(new double[] {0, 0}, centers[0]);
    assertArrayEquals(new double[] {11, 10}, centers[3]);
    assertArrayEquals(new double[] {0, 0}, centers[4]); // the first feature again, weight 0
    double[] weights = sketch.weights();
    assertEquals(4.0, Arrays.stream(weights).sum());
    assertEquals(0.0, weights[4]);
    assertEquals(0, sketch.predict(new double[] {0.1, 0}));
    assertEquals(3, sketch.predict(new double[] {11, 10}));
  }

  @Test
  void theBaselineIsAccepted() {
    StreamingKMeans sketch = StreamingKMeans.fromByteArray(valid());
    assertEquals(4, sketch.featureCount());
    assertEquals(4.0, sketch.totalWeight());
    for (double[] center : sketch.centers()) {
      assertTrue(Double.isFinite(center[0]) && Double.isFinite(center[1]));
    }
  }

  @Test
  void meansWhoseDistancesOverflowAreRefused() {
    // Used to be accepted; centers() then threw "arraycopy: source index -2" (every candidate's
    // potential was ∞ or NaN, so no candidate was ever better than the first "best" of −1).
    byte[] bytes = forged(valid(), b -> b.putDouble(FIRST_FEATURE + 16, 1e300));
    String reason = refusal(bytes);
    assertTrue(reason.contains("features out of range"), reason);
    assertTrue(reason.contains("largest mean coordinate 1.0E300"), reason);
    // a huge weight on an ordinary summary overflows the same bound
    String weight = refusal(forged(valid(), b -> b.putDouble(FIRST_FEATURE, 1e300)));
    assertTrue(weight.contains("features out of range"), weight);
    String ssd = refusal(forged(valid(), b -> b.putDouble(FIRST_FEATURE + 8, Double.MAX_VALUE)));
    assertTrue(ssd.contains("total squared deviation"), ssd);
  }

  @Test
  void weightsMustBeFiniteAndNonNegative() {
    String negative = refusal(forged(valid(), b -> b.putDouble(FIRST_FEATURE + 32, -0.5)));
    assertTrue(negative.contains("feature 1 has negative weight"), negative);
    String nan = refusal(forged(valid(), b -> b.putLong(FIRST_FEATURE + 32, -1L)));
    assertTrue(nan.contains("feature weight must be finite"), nan);
    // weight 0 (decayed away) stays readable
    StreamingKMeans zero =
        StreamingKMeans.fromByteArray(forged(valid(), b -> b.putDouble(FIRST_FEATURE, 0.0)));
    assertEquals(3.0, zero.totalWeight());
    assertEquals(2, zero.centers().length);
  }

  @Test
  void subnormalWeightsOfALongDecayedSummaryReduceToFiniteCenters() {
    // Found by acceptedFieldMutationsAnswerEveryQueryInContract: a batch-decayed summary (k = 3,
    // summarySize 4) whose feature weight is forged to a subnormal. Decay can leave weights below
    // 2^-1024, whose inverse overflows; the reduce multiplied by it, ∞ · 0 made a cell's mean NaN
    // and centers() of the merged sketch threw NullPointerException. It divides instead now.
    byte[] bytes =
        HexFormat.of()
            .parseHex(
                "534b4348010600009e000000e22766f3030000000200000004000000a5c1ed5e0000000001000000"
                    + "000000e03f04000000e0ffffef3f3ac4b2e83c5c0540ec1964a8dce1a4bf1800001800003b40"
                    + "ffffffff0000000006fa09e363c0fd3fe806b5cdffff3940f20346f83c078ebf000000000000"
                    + "f83f50efa4931806d83fabaaaaaaaaaa3c4087841137cbb2e23f000000000000f03f00000000"
                    + "000000004ae0e1c8edebda3f0000000000003d40");
    StreamingKMeans read = StreamingKMeans.fromByteArray(bytes);
    assertArrayEquals(bytes, read.toByteArray());
    assertInContract(read);
  }

  @Test
  void shapeAndCountsInconsistentWithTheBytesAreRefused() {
    assertTrue(refusal(forged(valid(), b -> b.putInt(DIMENSION, 1))).contains("trailing bytes"));
    assertTrue(
        refusal(forged(valid(), b -> b.putInt(K, 100)))
            .contains("summarySize must be in [k = 100"));
    assertTrue(
        refusal(forged(valid(), b -> b.putInt(SUMMARY_SIZE, 3))).contains("4 features exceed"));
    assertTrue(
        refusal(forged(valid(), b -> b.put(FIRST_FEATURE - 1, (byte) 5)))
            .contains("cluster feature count 5 cannot fit"));
    String shape =
        refusal(
            forged(
                valid(),
                b ->
                    b.putInt(K, 1 << 12).putInt(DIMENSION, 1 << 13).putInt(SUMMARY_SIZE, 1 << 12)));
    assertTrue(shape.contains("k × dimension must be at most 16777216"), shape);
  }

  @Test
  void anEmptySketchOfALargeShapeAllocatesNothingOfIt() {
    StreamingKMeans empty = StreamingKMeans.builder().k(256).dimension(1 << 16).build();
    byte[] bytes = empty.toByteArray();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    StreamingKMeans.fromByteArray(bytes); // warm up class loading
    long before = threads.getThreadAllocatedBytes(thread);
    StreamingKMeans read = StreamingKMeans.fromByteArray(bytes);
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertTrue(allocated <= 16L * bytes.length + 65_536, allocated + " bytes allocated");
    assertEquals(0, read.featureCount());
    assertThrows(IllegalStateException.class, read::centers);
    assertArrayEquals(bytes, read.toByteArray());
    read.update(new double[1 << 16]);
    assertEquals(1.0, read.totalWeight());
  }

  /** Finite centers, weights and costs (or no weight at all), also after a merge and an update. */
  private static void assertInContract(StreamingKMeans read) {
    StreamingKMeans merged = read.copy().merge(read);
    StreamingKMeans updated = read.copy();
    double[] origin = new double[read.dimension()];
    if (read.decayDescription().startsWith("forward")) {
      updated.update(origin, 0.0);
    } else {
      updated.update(origin);
    }
    for (StreamingKMeans s : new StreamingKMeans[] {read, merged, updated}) {
      double total = s.totalWeight();
      assertTrue(total >= 0 && Double.isFinite(total), s.toString());
      if (total == 0) {
        assertThrows(IllegalStateException.class, s::centers);
        continue;
      }
      for (double[] center : s.centers()) {
        for (double x : center) {
          assertTrue(Double.isFinite(x), s.toString());
        }
      }
      for (double weight : s.weights()) {
        assertTrue(weight >= 0 && Double.isFinite(weight), s.toString());
      }
      assertTrue(s.summaryCost() >= 0 && Double.isFinite(s.summaryCost()), s.toString());
      int nearest = s.predict(origin);
      assertTrue(nearest >= 0 && nearest < s.k());
      byte[] bytes = s.toByteArray();
      assertArrayEquals(bytes, StreamingKMeans.fromByteArray(bytes).toByteArray());
    }
  }

  @Test
  void acceptedFieldMutationsAnswerEveryQueryInContract() {
    StreamingKMeans forward = StreamingKMeans.builder().k(2).dimension(3).forwardDecay(5).build();
    StreamingKMeans batches =
        StreamingKMeans.builder().k(3).dimension(2).summarySize(4).decayFactor(0.5).build();
    Random points = new Random(1);
    for (int i = 0; i < 30; i++) {
      forward.update(new double[] {i % 3, i, -i}, i % 7);
      batches.update(new double[][] {{points.nextGaussian(), i}, {i, points.nextGaussian()}});
    }
    byte[][] genuine = {valid(), forward.toByteArray(), batches.toByteArray()};
    int accepted =
        FieldForgery.checkAccepted(
            genuine,
            3_000,
            StreamingKMeans::fromByteArray,
            KMeansHostileBytesTest::assertInContract);
    assertTrue(accepted > 100, accepted + " accepted");
  }

  @Test
  void everyQueryOfAnAcceptedForgeryIsFiniteAndTheBytesAFixpoint() {
    // the largest coordinate the bound admits for this summary: W · 4d · M² = 32 · 2^954 = 2^959
    byte[] bytes = forged(valid(), b -> b.putDouble(FIRST_FEATURE + 16, 0x1p477));
    StreamingKMeans sketch = StreamingKMeans.fromByteArray(bytes);
    StreamingKMeans merged = sketch.copy().merge(sketch);
    for (StreamingKMeans s : new StreamingKMeans[] {sketch, merged}) {
      for (double[] center : s.centers()) {
        assertTrue(Double.isFinite(center[0]) && Double.isFinite(center[1]));
      }
      assertTrue(Double.isFinite(s.summaryCost()) && s.summaryCost() >= 0);
      for (double weight : s.weights()) {
        assertTrue(weight >= 0 && Double.isFinite(weight));
      }
    }
    assertArrayEquals(bytes, sketch.toByteArray());
    String above = refusal(forged(valid(), b -> b.putDouble(FIRST_FEATURE + 16, 0x1p478)));
    assertTrue(above.contains("features out of range"), above);
  }
}
