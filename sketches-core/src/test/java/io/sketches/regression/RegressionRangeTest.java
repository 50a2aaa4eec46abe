package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.fuzz.HostileBytes;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The factor models keep the states their bytes may hold: an update, merge or decay that would
 * leave that range is refused with {@link ArithmeticException} and changes nothing, so that
 * re-serializing any sketch gives bytes the reader accepts; the dimension has a ceiling that one
 * forged row cannot exceed.
 */
class RegressionRangeTest {
  private static final double BEYOND_SHIFT = 0x1p481;

  private static <T> void assertRefusedUnchanged(
      String reason, byte[] before, java.util.function.Supplier<byte[]> after, Runnable change) {
    ArithmeticException e = assertThrows(ArithmeticException.class, change::run);
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertArrayEquals(before, after.get());
  }

  @Test
  void aFirstObservationBeyondTheShiftBoundIsRefused() {
    StreamingLinearRegression sketch = StreamingLinearRegression.builder().dimension(1).build();
    byte[] empty = sketch.toByteArray();
    assertRefusedUnchanged(
        "within ±2^480",
        empty,
        sketch::toByteArray,
        () -> sketch.update(new double[] {BEYOND_SHIFT}, 0));
    assertEquals(0, sketch.count());
    sketch.update(new double[] {1}, 2); // and the sketch still takes data
    assertEquals(1, sketch.count());
  }

  @Test
  void anUpdateWhoseColumnOverflowsIsRefused() {
    StreamingLinearRegression sketch =
        StreamingLinearRegression.builder().dimension(1).intercept(false).build();
    sketch.update(new double[] {1}, 2).update(new double[] {2}, 3);
    byte[] before = sketch.toByteArray();
    // 1e200² overflows: the factor would hold ∞, which no reader accepts
    assertRefusedUnchanged(
        "above 2^960", before, sketch::toByteArray, () -> sketch.update(new double[] {1e200}, 0));
    assertArrayEquals(before, StreamingLinearRegression.fromByteArray(before).toByteArray());
  }

  @Test
  void aMergeOfShiftsTooFarApartIsRefused() {
    StreamingLinearRegression left = StreamingLinearRegression.builder().dimension(1).build();
    left.update(new double[] {0x1p480}, 0).update(new double[] {0x1p480 - 0x1p440}, 1);
    StreamingLinearRegression right = StreamingLinearRegression.builder().dimension(1).build();
    right.update(new double[] {-0x1p480}, 0).update(new double[] {-0x1p480 + 0x1p440}, 1);
    byte[] before = left.toByteArray();
    // each is within range; together the x column's sum of squares is about 2^962
    assertRefusedUnchanged("above 2^960", before, left::toByteArray, () -> left.merge(right));
    assertEquals(2, left.count());
  }

  @Test
  void aBayesianMergeWhoseColumnOverflowsIsRefused() {
    // x² = 0.6·2^960 in each sketch, within the reader's range; merged, 1.2·2^960 is not (the
    // merge's O(p²) vouching declines, and the exact check refuses)
    double x = Math.sqrt(0.6) * 0x1p480;
    BayesianLinearRegression left =
        BayesianLinearRegression.builder().dimension(1).intercept(false).build();
    left.update(new double[] {x}, 0);
    BayesianLinearRegression right =
        BayesianLinearRegression.builder().dimension(1).intercept(false).build();
    right.update(new double[] {x}, 0);
    byte[] before = left.toByteArray();
    assertRefusedUnchanged("above 2^960", before, left::toByteArray, () -> left.merge(right));
    assertArrayEquals(before, BayesianLinearRegression.fromByteArray(before).toByteArray());
  }

  @Test
  void aBayesianPriorOutOfTheReadersRangeIsRefusedByTheBuilder() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BayesianLinearRegression.builder()
                    .dimension(1)
                    .intercept(true)
                    .priorMean(1e300, 0)
                    .build());
    assertTrue(
        e.getMessage().contains("posterior mean has an entry beyond ±2^960"), e.getMessage());
  }

  @Test
  void aDecayThatMakesTheNoiseVarianceOverflowIsRefused() {
    // a_N = 0.5 + 2/2 = 1.5 and b_N ≈ 1e288: b_N/(a_N − 1) ≈ 2e288, within 2^960 ≈ 9.7e288;
    // decayed by 0.51, a_N = 1.01 and b_N/(a_N − 1) ≈ 1e290
    BayesianLinearRegression sketch =
        BayesianLinearRegression.builder().dimension(1).noiseGammaPrior(0.5, 1e288).build();
    sketch.update(new double[] {1}, 1).update(new double[] {2}, 2);
    byte[] before = sketch.toByteArray();
    assertRefusedUnchanged(
        "b_N/(a_N − 1) is not in (0, 2^960]",
        before,
        sketch::toByteArray,
        () -> sketch.decay(0.51));
    assertArrayEquals(before, BayesianLinearRegression.fromByteArray(before).toByteArray());
  }

  @Test
  void theDimensionCeilingIsOneThousandAndTwentyFourUnlessRaised() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StreamingLinearRegression.builder().dimension(1025));
    assertTrue(e.getMessage().contains("io.sketches.regression.maxDimension"), e.getMessage());
    String property = Inputs.FACTOR_DIMENSION_CEILING_PROPERTY;
    System.setProperty(property, "2000");
    byte[] bytes;
    try {
      bytes = StreamingLinearRegression.builder().dimension(1025).build().toByteArray();
      assertEquals(1025, StreamingLinearRegression.fromByteArray(bytes).dimension());
      assertEquals(1025, BayesianLinearRegression.builder().dimension(1025).build().dimension());
    } finally {
      System.clearProperty(property);
    }
    SketchFormatException refused =
        assertThrows(
            SketchFormatException.class, () -> StreamingLinearRegression.fromByteArray(bytes));
    assertTrue(refused.getMessage().contains("dimension must be in [1, 1024]"));
  }

  /** Ridge up to Double.MAX_VALUE is a valid setting: every query stays in contract. */
  @Test
  void aRidgeNearTheTopOfTheDoubleRangeKeepsEveryContract() {
    Random random = new Random(3);
    for (double ridge : new double[] {Double.MAX_VALUE, 1e308, 0x1p960, 1e200, 1e154}) {
      for (boolean intercept : new boolean[] {true, false}) {
        for (double scale : new double[] {1, 1e140}) {
          StreamingLinearRegression sketch =
              StreamingLinearRegression.builder()
                  .dimension(3)
                  .intercept(intercept)
                  .ridge(ridge)
                  .build();
          for (int i = 0; i < 20; i++) {
            sketch.update(
                new double[] {
                  scale * random.nextGaussian(), random.nextGaussian(), random.nextGaussian()
                },
                scale * random.nextGaussian());
          }
          List<String> problems =
              HostileBytes.problems(SketchType.LINEAR_REGRESSION, "", sketch.toByteArray());
          assertEquals(List.of(), problems, "ridge " + ridge + ", scale " + scale);
        }
      }
    }
  }
}
