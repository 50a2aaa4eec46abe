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
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

class StreamingLinearRegressionTest {
  private static final int D = 10;

  private static List<Row> rows(long seed, int n, double noise) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(Row.random(random, D, noise));
    }
    return rows;
  }

  private static StreamingLinearRegression fit(List<Row> rows, boolean weighted) {
    StreamingLinearRegression model = StreamingLinearRegression.builder().dimension(D).build();
    for (Row row : rows) {
      model.update(row.x(), row.y(), weighted ? row.weight() : 1.0);
    }
    return model;
  }

  private static double[] all(StreamingLinearRegression model) {
    return StreamingLinearRegressionLawsTest.withIntercept(model);
  }

  @Test
  void agreesWithBatchOlsOnTheFullMatrix() {
    List<Row> rows = rows(11, 400, 0.5);
    StreamingLinearRegression model = fit(rows, false);
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    double[][] x = rows.stream().map(Row::x).toArray(double[][]::new);
    ols.newSampleData(rows.stream().mapToDouble(Row::y).toArray(), x);
    // both are backward stable QR solutions of a κ ≈ 10 problem: forward errors ~1e-15
    assertTrue(Row.relativeDifference(ols.estimateRegressionParameters(), all(model), 0) <= 1e-12);
    double[] olsErrors = ols.estimateRegressionParametersStandardErrors();
    double[] errors = model.standardErrors();
    for (int j = 0; j < D; j++) {
      assertEquals(olsErrors[j + 1], errors[j], 1e-10 * olsErrors[j + 1], "standard error " + j);
    }
    assertEquals(olsErrors[0], model.interceptStandardError(), 1e-10 * olsErrors[0]);
    assertEquals(ols.calculateRSquared(), model.rSquared(), 1e-12);
    assertEquals(
        ols.estimateErrorVariance(), model.residualVariance(), 1e-10 * ols.estimateErrorVariance());
    assertEquals(
        ols.calculateResidualSumOfSquares(),
        model.residualSumOfSquares(),
        1e-10 * ols.calculateResidualSumOfSquares());
    assertEquals(400, model.count());
    double[] probe = rows.get(0).x();
    double expected = ols.estimateRegressionParameters()[0];
    for (int j = 0; j < D; j++) {
      expected += ols.estimateRegressionParameters()[j + 1] * probe[j];
    }
    assertEquals(expected, model.predict(probe), 1e-12 * Math.abs(expected));
  }

  @Test
  void mergedEqualsSingleStreamTo1e12() {
    List<Row> rows = rows(12, 2000, 0.5);
    StreamingLinearRegression single = fit(rows, true);
    StreamingLinearRegression merged = StreamingLinearRegression.builder().dimension(D).build();
    for (int part = 0; part < 8; part++) {
      StreamingLinearRegression piece = fit(rows.subList(part * 250, (part + 1) * 250), true);
      merged.merge(StreamingLinearRegression.fromByteArray(piece.toByteArray()));
    }
    double difference = Row.relativeDifference(all(single), all(merged), 0);
    assertTrue(difference <= 1e-12, "merged vs single: " + difference);
    assertEquals(single.weightSum(), merged.weightSum(), 1e-12 * single.weightSum());
    assertEquals(single.rSquared(), merged.rSquared(), 1e-12);
  }

  @Test
  void weightsAreFrequencyWeights() {
    List<Row> rows = rows(13, 50, 0.5);
    StreamingLinearRegression weighted = StreamingLinearRegression.builder().dimension(D).build();
    StreamingLinearRegression repeated = StreamingLinearRegression.builder().dimension(D).build();
    for (Row row : rows) {
      weighted.update(row.x(), row.y(), 3.0);
      for (int copy = 0; copy < 3; copy++) {
        repeated.update(row.x(), row.y());
      }
    }
    assertTrue(Row.relativeDifference(all(repeated), all(weighted), 0) <= 1e-12);
    assertEquals(
        repeated.residualVariance(),
        weighted.residualVariance(),
        1e-12 * repeated.residualVariance());
  }

  @Test
  void ridgeEqualsTheAugmentedBatchSolutionWithAnUnpenalizedIntercept() {
    List<Row> rows = rows(14, 60, 1.0);
    double lambda = 7.5;
    StreamingLinearRegression model =
        StreamingLinearRegression.builder().dimension(D).ridge(lambda).build();
    rows.forEach(row -> model.update(row.x(), row.y()));
    double[][] augmented = new double[rows.size() + D][D + 1];
    double[] response = new double[rows.size() + D];
    for (int i = 0; i < rows.size(); i++) {
      augmented[i][0] = 1;
      System.arraycopy(rows.get(i).x(), 0, augmented[i], 1, D);
      response[i] = rows.get(i).y();
    }
    for (int j = 0; j < D; j++) {
      augmented[rows.size() + j][j + 1] = Math.sqrt(lambda);
    }
    RealVector batch =
        new QRDecomposition(new Array2DRowRealMatrix(augmented))
            .getSolver()
            .solve(new ArrayRealVector(response));
    assertTrue(Row.relativeDifference(batch.toArray(), all(model), 0) <= 1e-12);
    double rss = 0;
    for (Row row : rows) {
      double residual = row.y() - model.predict(row.x());
      rss += residual * residual;
    }
    assertEquals(rss, model.residualSumOfSquares(), 1e-10 * rss, "RSS excludes the penalty");
  }

  @Test
  void rankDeficientDataIsAClearIllegalStateException() {
    StreamingLinearRegression duplicated = StreamingLinearRegression.builder().dimension(3).build();
    StreamingLinearRegression ridge =
        StreamingLinearRegression.builder().dimension(3).ridge(1e-3).build();
    Random random = new Random(15);
    for (int i = 0; i < 50; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      double y = a + random.nextGaussian();
      duplicated.update(new double[] {a, b, 2 * a - b}, y);
      ridge.update(new double[] {a, b, 2 * a - b}, y);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, duplicated::coefficients);
    assertTrue(e.getMessage().contains("feature 2"), e.getMessage());
    assertTrue(
        duplicated.conditionNumber() > 1e12, "condition number " + duplicated.conditionNumber());

    StreamingLinearRegression tooFew = StreamingLinearRegression.builder().dimension(3).build();
    tooFew.update(new double[] {1, 2, 3}, 4).update(new double[] {2, 1, 0}, 1);
    assertThrows(IllegalStateException.class, tooFew::intercept);
    assertThrows(IllegalStateException.class, tooFew::residualVariance);
    assertThrows(
        IllegalStateException.class,
        () -> StreamingLinearRegression.builder().dimension(3).build().coefficients());
    // the same data with ridge is determined
    for (double coefficient : ridge.coefficients()) {
      assertTrue(Double.isFinite(coefficient));
    }
  }

  @Test
  void conditionNumberIsThatOfTheCentredFeatures() {
    Longley longley = Longley.load();
    StreamingLinearRegression model = StreamingLinearRegression.builder().dimension(6).build();
    double[][] centred = new double[16][6];
    double[] means = new double[6];
    for (int r = 0; r < 16; r++) {
      model.update(longley.x[r], longley.y[r]);
      for (int j = 0; j < 6; j++) {
        means[j] += longley.x[r][j] / 16;
      }
    }
    for (int r = 0; r < 16; r++) {
      for (int j = 0; j < 6; j++) {
        centred[r][j] = longley.x[r][j] - means[j];
      }
    }
    double expected =
        new SingularValueDecomposition(new Array2DRowRealMatrix(centred)).getConditionNumber();
    assertEquals(expected, model.conditionNumber(), 1e-6 * expected);
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    StreamingLinearRegression model = fit(rows(16, 30, 0.5), false);
    byte[] before = model.toByteArray();
    double[] x = new double[D];
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              double[] bad = x.clone();
              bad[4] = Double.NaN;
              model.update(bad, 1);
            });
    assertTrue(
        nan.getMessage().contains("feature 4") && nan.getMessage().contains("NaN"),
        nan.getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> model.update(x, Double.POSITIVE_INFINITY))
            .getMessage()
            .contains("Infinity"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> model.update(new double[3], 1))
            .getMessage()
            .contains(": 3"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> model.update(x, 1, -0.5))
            .getMessage()
            .contains("-0.5"));
    assertThrows(IllegalArgumentException.class, () -> model.update(x, 1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> model.decay(0));
    assertThrows(IllegalArgumentException.class, () -> model.predict(new double[2]));
    assertArrayEquals(before, model.toByteArray(), "refused input leaves the state unchanged");
    assertThrows(
        IllegalArgumentException.class, () -> StreamingLinearRegression.builder().dimension(0));
    assertThrows(
        IllegalArgumentException.class, () -> StreamingLinearRegression.builder().ridge(-1));
    assertThrows(
        IllegalArgumentException.class, () -> StreamingLinearRegression.builder().forgetting(1.5));
  }

  @Test
  void incompatibleMergesFailLoudlyAndChangeNothing() {
    StreamingLinearRegression model = fit(rows(17, 30, 0.5), false);
    byte[] before = model.toByteArray();
    IncompatibleSketchException dimension =
        assertThrows(
            IncompatibleSketchException.class,
            () -> model.merge(StreamingLinearRegression.builder().dimension(9).build()));
    assertTrue(dimension.getMessage().contains("10 and 9"), dimension.getMessage());
    assertThrows(
        IncompatibleSketchException.class,
        () -> model.merge(StreamingLinearRegression.builder().dimension(D).ridge(0.5).build()));
    assertThrows(
        IncompatibleSketchException.class,
        () ->
            model.merge(StreamingLinearRegression.builder().dimension(D).intercept(false).build()));
    assertThrows(
        IncompatibleSketchException.class,
        () -> model.merge(StreamingLinearRegression.builder().dimension(D).halfLife(100).build()));
    assertArrayEquals(before, model.toByteArray());
  }

  @Test
  void withoutInterceptFitsThroughTheOrigin() {
    StreamingLinearRegression model =
        StreamingLinearRegression.builder().dimension(2).intercept(false).build();
    Random random = new Random(18);
    for (int i = 0; i < 100; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      model.update(new double[] {a, b}, 3 * a - 2 * b);
    }
    assertArrayEquals(new double[] {3, -2}, model.coefficients(), 1e-13);
    assertEquals(0.0, model.intercept());
    assertEquals(1.0, model.rSquared(), 1e-14);
  }

  /**
   * The true coefficients jump halfway. With a half-life of 100 updates the effective sample is ≈
   * 2·100/ln 2 ≈ 290 rows, so 1500 rows after the jump the old regime's weight is 2^−15 ≈ 3e-5 of
   * the total and the noise (σ = 0.01) gives standard errors ≈ 0.01/√290 ≈ 6e-4 per slope: the
   * stated tolerance 0.01 is > 15 standard errors plus the residual bias, so a false failure has
   * probability far below 1e-6 (and the seed is fixed). The model without forgetting ends halfway
   * between the regimes, more than 0.5 away.
   */
  @Test
  void halfLifeModelFollowsAJumpAndTheUnforgettingModelDoesNot() {
    StreamingLinearRegression forgetting =
        StreamingLinearRegression.builder().dimension(3).halfLife(100).build();
    StreamingLinearRegression unforgetting =
        StreamingLinearRegression.builder().dimension(3).build();
    double[] before = {1, 2, 3};
    double[] after = {-1, 0.5, 4};
    Random random = new Random(19);
    for (int i = 0; i < 3000; i++) {
      double[] truth = i < 1500 ? before : after;
      double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double y =
          10 + truth[0] * x[0] + truth[1] * x[1] + truth[2] * x[2] + 0.01 * random.nextGaussian();
      forgetting.update(x, y);
      unforgetting.update(x, y);
    }
    assertArrayEquals(after, forgetting.coefficients(), 0.01);
    assertEquals(10, forgetting.intercept(), 0.01);
    assertTrue(forgetting.weightSum() < 300, "effective sample " + forgetting.weightSum());
    double[] stale = unforgetting.coefficients();
    assertTrue(Math.abs(stale[0] - after[0]) > 0.5, "no forgetting stays behind: " + stale[0]);
  }

  @Test
  void decayEqualsScalingEveryEarlierWeight() {
    List<Row> rows = rows(20, 100, 0.5);
    StreamingLinearRegression decayed = StreamingLinearRegression.builder().dimension(D).build();
    StreamingLinearRegression scaled = StreamingLinearRegression.builder().dimension(D).build();
    for (int i = 0; i < 100; i++) {
      decayed.update(rows.get(i).x(), rows.get(i).y(), rows.get(i).weight());
      scaled.update(rows.get(i).x(), rows.get(i).y(), rows.get(i).weight() * (i < 50 ? 0.25 : 1));
      if (i == 49) {
        decayed.decay(0.25);
      }
    }
    assertTrue(Row.relativeDifference(all(scaled), all(decayed), 0) <= 1e-12);
    assertEquals(scaled.weightSum(), decayed.weightSum(), 1e-12 * scaled.weightSum());
  }

  @Test
  void emptySketchIsSmallAndOneRowIsSmallToo() {
    assertEquals(
        16 + 1 + 16, StreamingLinearRegression.builder().dimension(D).build().toByteArray().length);
    StreamingLinearRegression merged = StreamingLinearRegression.builder().dimension(D).build();
    merged.merge(merged);
    assertEquals(0, merged.count());
  }
}
