package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.IncompatibleSketchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

class BayesianLinearRegressionTest {
  private static final int D = 4;
  private static final double BETA = 2.5;
  private static final double[] PRIOR_MEAN = {1, 0.5, -0.5, 0, 2};
  private static final double[][] PRIOR_PRECISION = {
    {0.5, 0.1, 0, 0, 0},
    {0.1, 2.0, 0.3, 0, 0},
    {0, 0.3, 1.0, 0.2, 0},
    {0, 0, 0.2, 3.0, -0.4},
    {0, 0, 0, -0.4, 1.5}
  };

  private static BayesianLinearRegression empty() {
    return BayesianLinearRegression.builder()
        .dimension(D)
        .intercept(true)
        .priorMean(PRIOR_MEAN)
        .priorPrecision(PRIOR_PRECISION)
        .noisePrecision(BETA)
        .build();
  }

  private static List<Row> rows(long seed, int n) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(Row.random(random, D, 0.6));
    }
    return rows;
  }

  /**
   * Bishop eqs. 3.50–3.51 evaluated directly: S_N = (S₀⁻¹ + βΦᵀWΦ)⁻¹, m_N = S_N(S₀⁻¹m₀ + βΦᵀWy).
   */
  private static RealMatrix[] closedForm(List<Row> rows) {
    RealMatrix precision = new Array2DRowRealMatrix(PRIOR_PRECISION);
    RealVector natural = precision.operate(new ArrayRealVector(PRIOR_MEAN));
    for (Row row : rows) {
      double[] phi = new double[D + 1];
      phi[0] = 1;
      System.arraycopy(row.x(), 0, phi, 1, D);
      RealVector v = new ArrayRealVector(phi);
      precision = precision.add(v.outerProduct(v).scalarMultiply(BETA * row.weight()));
      natural = natural.add(v.mapMultiply(BETA * row.weight() * row.y()));
    }
    RealMatrix covariance = new LUDecomposition(precision).getSolver().getInverse();
    return new RealMatrix[] {
      covariance, new Array2DRowRealMatrix(covariance.operate(natural).toArray())
    };
  }

  private static void assertClosedForm(BayesianLinearRegression model, List<Row> rows) {
    RealMatrix[] expected = closedForm(rows);
    double[] mean = expected[1].getColumn(0);
    assertTrue(Row.relativeDifference(mean, model.posteriorMean(), 0) <= 1e-10, "posterior mean");
    double[][] covariance = model.posteriorCovariance();
    for (int i = 0; i <= D; i++) {
      for (int j = 0; j <= D; j++) {
        double e = expected[0].getEntry(i, j);
        double scale = Math.sqrt(expected[0].getEntry(i, i) * expected[0].getEntry(j, j));
        assertEquals(e, covariance[i][j], 1e-10 * scale, "posterior covariance " + i + "," + j);
      }
    }
  }

  @Test
  void equalsTheClosedFormBatchPosterior() {
    List<Row> rows = rows(31, 300);
    BayesianLinearRegression model = empty();
    rows.forEach(row -> model.update(row.x(), row.y(), row.weight()));
    assertClosedForm(model, rows);
  }

  @Test
  void mergedAndSerializedEqualsTheClosedFormBatchPosterior() {
    List<Row> rows = rows(32, 400);
    BayesianLinearRegression merged = empty();
    for (int part = 0; part < 8; part++) {
      BayesianLinearRegression piece = empty();
      rows.subList(part * 50, part * 50 + 50).forEach(r -> piece.update(r.x(), r.y(), r.weight()));
      merged.merge(BayesianLinearRegression.fromByteArray(piece.toByteArray()));
    }
    assertClosedForm(merged, rows);
    assertEquals(400, merged.count());
  }

  @Test
  void withoutDataThePosteriorIsThePrior() {
    BayesianLinearRegression model = empty();
    assertArrayEquals(PRIOR_MEAN, model.posteriorMean(), 1e-14);
    assertClosedForm(model, List.of());
  }

  @Test
  void predictiveDistributionFollowsBishop358And359() {
    List<Row> rows = rows(33, 20);
    BayesianLinearRegression model = empty();
    rows.forEach(row -> model.update(row.x(), row.y()));
    double[] x = {0.3, -0.2, 0.9, 0.1};
    double[] phi = {1, 0.3, -0.2, 0.9, 0.1};
    double[] mean = model.posteriorMean();
    double[][] s = model.posteriorCovariance();
    double expectedMean = 0;
    double quadratic = 0;
    for (int i = 0; i <= D; i++) {
      expectedMean += mean[i] * phi[i];
      for (int j = 0; j <= D; j++) {
        quadratic += phi[i] * s[i][j] * phi[j];
      }
    }
    assertEquals(expectedMean, model.predictiveMean(x), 1e-12 * Math.abs(expectedMean));
    assertEquals(1 / BETA + quadratic, model.predictiveVariance(x), 1e-12);
    assertTrue(model.predictiveVariance(x) > 1 / BETA);
  }

  @Test
  void isotropicPriorWithoutInterceptIsRidge() {
    // prior N(0, α⁻¹I) with noise precision β: the posterior mean is ridge with λ = α/β
    double alpha = 3;
    BayesianLinearRegression bayes =
        BayesianLinearRegression.builder()
            .dimension(D)
            .priorPrecision(alpha)
            .noisePrecision(BETA)
            .build();
    StreamingLinearRegression ridge =
        StreamingLinearRegression.builder()
            .dimension(D)
            .intercept(false)
            .ridge(alpha / BETA)
            .build();
    for (Row row : rows(34, 40)) {
      bayes.update(row.x(), row.y());
      ridge.update(row.x(), row.y());
    }
    assertTrue(Row.relativeDifference(ridge.coefficients(), bayes.posteriorMean(), 0) <= 1e-12);
  }

  /**
   * Normal–Gamma: Λ_N = Λ₀ + ΦᵀWΦ, m_N = Λ_N⁻¹(Λ₀m₀ + ΦᵀWy), a_N = a₀ + Σw/2, b_N = b₀ + ½(yᵀWy +
   * m₀ᵀΛ₀m₀ − m_NᵀΛ_N m_N), evaluated directly. The direct b_N subtracts numbers ≈ 300× larger than
   * the result, so it is compared at 1e-9 rather than 1e-10.
   */
  @Test
  void unknownNoiseEqualsTheClosedFormNormalGammaPosterior() {
    double a0 = 2;
    double b0 = 0.5;
    List<Row> rows = rows(36, 200);
    BayesianLinearRegression.Builder config =
        BayesianLinearRegression.builder()
            .dimension(D)
            .intercept(true)
            .priorMean(PRIOR_MEAN)
            .priorPrecision(PRIOR_PRECISION)
            .noiseGammaPrior(a0, b0);
    BayesianLinearRegression merged = config.build();
    for (int part = 0; part < 4; part++) {
      BayesianLinearRegression piece = config.build();
      rows.subList(part * 50, part * 50 + 50).forEach(r -> piece.update(r.x(), r.y(), r.weight()));
      merged.merge(BayesianLinearRegression.fromByteArray(piece.toByteArray()));
    }
    RealMatrix precision = new Array2DRowRealMatrix(PRIOR_PRECISION);
    RealVector m0 = new ArrayRealVector(PRIOR_MEAN);
    RealVector natural = precision.operate(m0);
    double yy = 0;
    double weights = 0;
    for (Row row : rows) {
      double[] phi = new double[D + 1];
      phi[0] = 1;
      System.arraycopy(row.x(), 0, phi, 1, D);
      RealVector v = new ArrayRealVector(phi);
      precision = precision.add(v.outerProduct(v).scalarMultiply(row.weight()));
      natural = natural.add(v.mapMultiply(row.weight() * row.y()));
      yy += row.weight() * row.y() * row.y();
      weights += row.weight();
    }
    RealMatrix inverse = new LUDecomposition(precision).getSolver().getInverse();
    RealVector mN = inverse.operate(natural);
    double aN = a0 + weights / 2;
    double bN =
        b0
            + 0.5
                * (yy
                    + m0.dotProduct(new Array2DRowRealMatrix(PRIOR_PRECISION).operate(m0))
                    - mN.dotProduct(precision.operate(mN)));
    assertTrue(Row.relativeDifference(mN.toArray(), merged.posteriorMean(), 0) <= 1e-10);
    assertEquals(aN, merged.posteriorNoiseShape(), 1e-12 * aN);
    assertEquals(bN, merged.posteriorNoiseRate(), 1e-9 * bN);
    double[][] covariance = merged.posteriorCovariance();
    double scale = bN / (aN - 1);
    for (int i = 0; i <= D; i++) {
      for (int j = 0; j <= D; j++) {
        assertEquals(
            scale * inverse.getEntry(i, j),
            covariance[i][j],
            1e-9 * scale * Math.sqrt(inverse.getEntry(i, i) * inverse.getEntry(j, j)));
      }
    }
    // the noise estimate b_N/(a_N − 1) ≈ σ² = 0.6² of the generating model, weighted
    assertEquals(0.36, scale, 0.1);
    assertThrows(IncompatibleSketchException.class, () -> merged.merge(empty()));
    assertThrows(IllegalStateException.class, () -> empty().posteriorNoiseShape());
  }

  @Test
  void badInputAndBadPriorsAreRefused() {
    BayesianLinearRegression model = empty();
    rows(35, 10).forEach(row -> model.update(row.x(), row.y()));
    byte[] before = model.toByteArray();
    assertThrows(IllegalArgumentException.class, () -> model.update(new double[D], Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> model.update(new double[D + 1], 1));
    assertThrows(IllegalArgumentException.class, () -> model.update(new double[D], 1, -1));
    assertArrayEquals(before, model.toByteArray());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BayesianLinearRegression.builder()
                .dimension(2)
                .priorPrecision(new double[][] {{1, 2}, {2, 1}})
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () -> BayesianLinearRegression.builder().dimension(2).priorMean(1, 2, 3).build());
    assertThrows(
        IllegalArgumentException.class, () -> BayesianLinearRegression.builder().noisePrecision(0));
    assertThrows(
        IncompatibleSketchException.class,
        () ->
            model.merge(
                BayesianLinearRegression.builder()
                    .dimension(D)
                    .intercept(true)
                    .priorPrecision(2)
                    .noisePrecision(BETA)
                    .build()));
    assertThrows(
        IncompatibleSketchException.class,
        () ->
            model.merge(
                BayesianLinearRegression.builder()
                    .dimension(D)
                    .intercept(true)
                    .priorMean(PRIOR_MEAN)
                    .priorPrecision(PRIOR_PRECISION)
                    .noisePrecision(1)
                    .build()));
    assertArrayEquals(before, model.toByteArray());
  }
}
