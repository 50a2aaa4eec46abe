package io.sketches.cardinality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchFormatException;
import io.sketches.testing.FieldForgery;
import io.sketches.testing.FormatForgery;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Forged HyperLogLog bytes, built from valid ones with a field overwritten and the header's length
 * and CRC32C recomputed: a martingale estimate no stream could have summed is refused with a reason
 * naming it (it used to be accepted, and the bounds came out NaN or below the estimate); an
 * estimate at the largest accepted value answers every query finitely and in order.
 */
class HyperLogLogHostileBytesTest {
  /** Body offset of the martingale estimate: after the precision byte. */
  private static final int ESTIMATE = 1;

  private static HyperLogLog sketchOf(int precision, int items) {
    HyperLogLog sketch = HyperLogLog.create(precision);
    for (int i = 0; i < items; i++) {
      sketch.update(i);
    }
    return sketch;
  }

  private static byte[] withEstimate(byte[] valid, double estimate) {
    byte[] body = Arrays.copyOfRange(valid, 16, valid.length);
    ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putDouble(ESTIMATE, estimate);
    return FormatForgery.withHeader(valid, body);
  }

  private static String refusal(byte[] bytes) {
    return assertThrows(SketchFormatException.class, () -> HyperLogLog.fromByteArray(bytes))
        .getMessage();
  }

  /**
   * Every query finite and in order, and the bytes a fixpoint, also after an update and a merge.
   */
  private static void assertInContract(HyperLogLog sketch) {
    for (HyperLogLog s :
        new HyperLogLog[] {
          sketch, sketch.copy().update(-7L), sketch.copy().merge(sketchOf(sketch.precision(), 50))
        }) {
      double estimate = s.estimate();
      assertTrue(Double.isFinite(estimate) && estimate >= 0, s.toString());
      double rse = s.relativeStandardError();
      assertTrue(Double.isFinite(rse) && rse >= 0 && 3 * rse < 1, s + ": rse " + rse);
      for (int k = 1; k <= 3; k++) {
        double lower = s.lowerBound(k);
        double upper = s.upperBound(k);
        assertTrue(lower <= estimate && estimate <= upper, s + ": " + lower + ", " + upper);
        assertTrue(Double.isFinite(lower) && Double.isFinite(upper), s.toString());
      }
      byte[] bytes = s.toByteArray();
      assertArrayEquals(bytes, HyperLogLog.fromByteArray(bytes).toByteArray());
    }
  }

  @Test
  void aSmallDenseSketchWithAHugeMartingaleEstimateIsRefused() {
    // p = 4, dense, single-stream: 21 bytes of body. With 1e300 the martingale's variance was
    // ∞/∞ and lowerBound(2) NaN.
    byte[] valid = sketchOf(4, 1_000).toByteArray();
    assertTrue(HyperLogLog.fromByteArray(valid).isDense());
    String reason = refusal(withEstimate(valid, 1e300));
    assertTrue(reason.contains("martingale estimate 1.0E300 exceeds"), reason);
    assertTrue(refusal(withEstimate(valid, 0x1p65)).contains("martingale estimate"));
  }

  @Test
  void aSparseSketchWithAMartingaleEstimateNoStreamCouldSumIsRefused() {
    byte[] valid = sketchOf(12, 10).toByteArray();
    assertTrue(!HyperLogLog.fromByteArray(valid).isDense());
    String above = refusal(withEstimate(valid, 641)); // 10 entries: at most 64 · 10
    assertTrue(above.contains("exceeds 640.0, the most that 10 sparse entries can have"), above);
    String below = refusal(withEstimate(valid, 9));
    assertTrue(below.contains("below the 10 items certainly seen"), below);
    assertTrue(refusal(withEstimate(valid, Double.NaN)).contains("martingale estimate"));
  }

  @Test
  void theLargestAcceptedEstimatesAnswerEveryQueryInContract() {
    assertInContract(HyperLogLog.fromByteArray(withEstimate(sketchOf(12, 10).toByteArray(), 640)));
    assertInContract(HyperLogLog.fromByteArray(withEstimate(sketchOf(18, 3).toByteArray(), 192)));
    for (int precision : new int[] {4, 10, 18}) {
      HyperLogLog dense = sketchOf(precision, 20 << precision);
      int max = 0;
      for (byte register : dense.registers()) {
        max = Math.max(max, register);
      }
      byte[] valid = dense.toByteArray();
      double limit = Math.scalb(1.0, Math.min(30 + max, 64));
      HyperLogLog extreme = HyperLogLog.fromByteArray(withEstimate(valid, limit));
      assertEquals(limit, extreme.estimate());
      assertInContract(extreme);
      assertTrue(refusal(withEstimate(valid, Math.nextUp(limit))).contains("exceeds"));
    }
  }

  @Test
  void acceptedFieldMutationsAnswerEveryQueryInContract() {
    byte[][] genuine = {
      sketchOf(4, 2).toByteArray(),
      sketchOf(4, 1_000).toByteArray(),
      sketchOf(12, 10).toByteArray(),
      sketchOf(12, 100_000).toByteArray(),
      sketchOf(9, 40).discardMartingale().toByteArray(),
      sketchOf(6, 5_000).discardMartingale().toByteArray()
    };
    int accepted =
        FieldForgery.checkAccepted(
            genuine,
            4_000,
            HyperLogLog::fromByteArray,
            HyperLogLogHostileBytesTest::assertInContract);
    assertTrue(accepted > 100, accepted + " accepted");
  }

  @Test
  void validSingleStreamSketchesStayWithinTheLimit() {
    for (int precision = 4; precision <= 14; precision += 2) {
      HyperLogLog sketch = HyperLogLog.create(precision);
      for (int i = 0; i < 200_000; i++) {
        sketch.update(i);
        if (Integer.bitCount(i) == 1) {
          byte[] bytes = sketch.toByteArray();
          assertArrayEquals(bytes, HyperLogLog.fromByteArray(bytes).toByteArray());
        }
      }
      // downsizing keeps the estimate: the bound holds at every smaller precision too
      for (int smaller = precision; smaller >= 4; smaller--) {
        byte[] bytes = sketch.copy().downsize(smaller).toByteArray();
        assertArrayEquals(bytes, HyperLogLog.fromByteArray(bytes).toByteArray());
      }
    }
  }
}
