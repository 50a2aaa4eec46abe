package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.IncompatibleSketchException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SgdLinearRegressionTest {
  private static final double[] TRUTH = {2, -1, 0, 0.5, 0};

  /** Feeds {@code batches} batches of 32 rows of y = 1 + TRUTHᵀx + N(0, 0.1²). */
  private static SgdLinearRegression feed(SgdLinearRegression model, long seed, int batches) {
    Random random = new Random(seed);
    for (int b = 0; b < batches; b++) {
      double[][] x = new double[32][TRUTH.length];
      double[] y = new double[32];
      for (int i = 0; i < 32; i++) {
        y[i] = 1 + 0.1 * random.nextGaussian();
        for (int j = 0; j < TRUTH.length; j++) {
          x[i][j] = random.nextGaussian();
          y[i] += TRUTH[j] * x[i][j];
        }
      }
      model.update(x, y);
    }
    return model;
  }

  private static SgdLinearRegression.Builder config() {
    return SgdLinearRegression.builder()
        .dimension(TRUTH.length)
        .stepSize(0.05)
        .iterationsPerBatch(4)
        .seed(3);
  }

  /**
   * Fixed-step descent settles in a neighbourhood of the least-squares solution; with η = 0.05,
   * 32-row batches and σ = 0.1 the stationary spread is ≈ σ·√(η/2·32⁻¹·4) ≈ 0.01 per weight, so the
   * tolerance 0.05 is 5 standard deviations (false failure ≪ 1e-6; the seed is fixed).
   */
  @Test
  void convergesToTheLeastSquaresSolution() {
    SgdLinearRegression model = feed(config().build(), 41, 300);
    assertArrayEquals(TRUTH, model.coefficients(), 0.05);
    assertEquals(1, model.intercept(), 0.05);
    assertEquals(300 * 32, model.count());
    double[] x = {1, 1, 1, 1, 1};
    assertEquals(1 + 2 - 1 + 0.5, model.predict(x), 0.15);
  }

  @Test
  void l1ZeroesTheIrrelevantFeatures() {
    SgdLinearRegression model = feed(config().l1(0.05).build(), 42, 300);
    double[] w = model.coefficients();
    assertEquals(0.0, w[2], 0.0, "soft thresholding sets irrelevant weights exactly to 0");
    assertEquals(0.0, w[4], 0.0);
    assertTrue(w[0] > 1.8, "relevant weights survive, shrunk by ≈ l1: " + w[0]);
  }

  @Test
  void mergeIsTheCountWeightedAverageAndApproximatesOnePass() {
    SgdLinearRegression a = feed(config().build(), 43, 300);
    SgdLinearRegression b = feed(config().build(), 44, 100);
    double[] expected = new double[TRUTH.length];
    for (int j = 0; j < TRUTH.length; j++) {
      expected[j] = 0.75 * a.coefficients()[j] + 0.25 * b.coefficients()[j];
    }
    SgdLinearRegression merged = a.copy().merge(SgdLinearRegression.fromByteArray(b.toByteArray()));
    assertArrayEquals(expected, merged.coefficients(), 1e-15);
    assertEquals(400 * 32, merged.count());
    assertArrayEquals(TRUTH, merged.coefficients(), 0.05);
  }

  @Test
  void sparseRowsGiveTheSameModelAsTheirDenseForm() {
    SgdLinearRegression dense = config().miniBatchFraction(0.7).build();
    SgdLinearRegression sparse = config().miniBatchFraction(0.7).build();
    Random random = new Random(46);
    for (int b = 0; b < 50; b++) {
      double[][] x = new double[16][TRUTH.length];
      int[][] indices = new int[16][];
      double[][] values = new double[16][];
      double[] y = new double[16];
      for (int i = 0; i < 16; i++) {
        int[] at = random.nextBoolean() ? new int[] {0, 3} : new int[] {1, 2, 4};
        indices[i] = at;
        values[i] = new double[at.length];
        y[i] = 1;
        for (int k = 0; k < at.length; k++) {
          values[i][k] = random.nextGaussian();
          x[i][at[k]] = values[i][k];
          y[i] += TRUTH[at[k]] * values[i][k];
        }
      }
      dense.update(x, y);
      sparse.update(indices, values, y);
    }
    assertArrayEquals(dense.toByteArray(), sparse.toByteArray(), "sparse and dense rows agree");
    byte[] before = sparse.toByteArray();
    assertThrows(
        IllegalArgumentException.class,
        () -> sparse.update(new int[][] {{2, 1}}, new double[][] {{1, 1}}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> sparse.update(new int[][] {{5}}, new double[][] {{1}}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> sparse.update(new int[][] {{0}}, new double[][] {{Double.NaN}}, new double[] {1}));
    assertArrayEquals(before, sparse.toByteArray());
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    SgdLinearRegression model = feed(config().build(), 45, 3);
    byte[] before = model.toByteArray();
    double[][] x = {{1, 2, 3, 4, 5}, {1, 2, 3, 4, Double.NaN}};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.update(x, new double[] {1, 2}));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> model.update(new double[][] {{1, 2}}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> model.update(new double[][] {{1, 2, 3, 4, 5}}, new double[] {1, 2}));
    assertArrayEquals(before, model.toByteArray());
    assertThrows(IllegalArgumentException.class, () -> SgdLinearRegression.builder().stepSize(0));
    assertThrows(
        IllegalArgumentException.class, () -> SgdLinearRegression.builder().iterationsPerBatch(0));
    assertThrows(
        IncompatibleSketchException.class, () -> model.merge(config().stepSize(0.1).build()));
    assertThrows(IncompatibleSketchException.class, () -> model.merge(config().seed(4).build()));
  }
}
