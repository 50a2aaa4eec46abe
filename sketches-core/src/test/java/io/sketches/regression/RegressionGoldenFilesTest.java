package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bytes written by release 1 must load in every later release (DESIGN.md rule 3). The files under
 * {@code golden/regression/} were written once by {@link #main}; this test reads them back, checks
 * the queries and that today's code writes the identical bytes for the same stream.
 */
class RegressionGoldenFilesTest {

  static StreamingLinearRegression leastSquares() {
    StreamingLinearRegression model =
        StreamingLinearRegression.builder().dimension(3).ridge(0.25).halfLife(1000).build();
    Random random = new Random(2026);
    for (int i = 0; i < 40; i++) {
      Row row = Row.random(random, 3, 0.3);
      model.update(row.x(), row.y(), row.weight());
    }
    return model;
  }

  static BayesianLinearRegression bayesian() {
    BayesianLinearRegression model =
        BayesianLinearRegression.builder()
            .dimension(3)
            .intercept(true)
            .priorMean(1, 0, 0, 0)
            .priorPrecision(0.5)
            .noisePrecision(4)
            .build();
    Random random = new Random(2027);
    for (int i = 0; i < 40; i++) {
      Row row = Row.random(random, 3, 0.3);
      model.update(row.x(), row.y(), row.weight());
    }
    return model;
  }

  static BayesianLinearRegression normalGamma() {
    BayesianLinearRegression model =
        BayesianLinearRegression.builder()
            .dimension(2)
            .priorPrecision(new double[][] {{2, 0.5}, {0.5, 1}})
            .noiseGammaPrior(3, 2)
            .build();
    Random random = new Random(2029);
    for (int i = 0; i < 20; i++) {
      Row row = Row.random(random, 2, 0.3);
      model.update(row.x(), row.y(), row.weight());
    }
    return model;
  }

  static SgdLinearRegression sgd() {
    SgdLinearRegression model =
        SgdLinearRegression.builder()
            .dimension(3)
            .stepSize(0.1)
            .iterationsPerBatch(3)
            .l2(0.01)
            .l1(0.001)
            .miniBatchFraction(0.5)
            .seed(99)
            .build();
    Random random = new Random(2028);
    for (int b = 0; b < 10; b++) {
      double[][] x = new double[8][];
      double[] y = new double[8];
      for (int i = 0; i < 8; i++) {
        Row row = Row.random(random, 3, 0.3);
        x[i] = row.x();
        y[i] = row.y();
      }
      model.update(x, y);
    }
    return model;
  }

  private static byte[] golden(String name) throws IOException {
    try (InputStream stream =
        RegressionGoldenFilesTest.class.getResourceAsStream("/golden/regression/" + name)) {
      assertNotNull(stream, "missing golden file " + name);
      return stream.readAllBytes();
    }
  }

  @Test
  void leastSquaresV1() throws IOException {
    byte[] bytes = golden("linear-regression-v1.bin");
    StreamingLinearRegression read = StreamingLinearRegression.fromByteArray(bytes);
    StreamingLinearRegression today = leastSquares();
    assertArrayEquals(today.coefficients(), read.coefficients(), 0.0);
    assertEquals(today.intercept(), read.intercept(), 0.0);
    assertEquals(40, read.count());
    assertArrayEquals(bytes, today.toByteArray(), "same stream, same bytes as release 1");
    assertArrayEquals(
        bytes,
        StreamingLinearRegression.fromByteArray(golden("linear-regression-empty-v1.bin"))
            .merge(read)
            .toByteArray());
  }

  @Test
  void bayesianV1() throws IOException {
    byte[] bytes = golden("bayesian-linear-regression-v1.bin");
    BayesianLinearRegression read = BayesianLinearRegression.fromByteArray(bytes);
    assertArrayEquals(bayesian().posteriorMean(), read.posteriorMean(), 0.0);
    assertArrayEquals(bytes, bayesian().toByteArray());
  }

  @Test
  void normalGammaV1() throws IOException {
    byte[] bytes = golden("bayesian-normal-gamma-v1.bin");
    BayesianLinearRegression read = BayesianLinearRegression.fromByteArray(bytes);
    assertEquals(normalGamma().posteriorNoiseRate(), read.posteriorNoiseRate(), 0.0);
    assertArrayEquals(bytes, normalGamma().toByteArray());
  }

  @Test
  void sgdV1() throws IOException {
    byte[] bytes = golden("sgd-linear-regression-v1.bin");
    SgdLinearRegression read = SgdLinearRegression.fromByteArray(bytes);
    assertArrayEquals(sgd().coefficients(), read.coefficients(), 0.0);
    assertArrayEquals(bytes, sgd().toByteArray());
  }

  /** Writes the golden files; run once per serial version, never to "fix" a failing test. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of("sketches-core/src/test/resources/golden/regression");
    Files.createDirectories(dir);
    Files.write(dir.resolve("linear-regression-v1.bin"), leastSquares().toByteArray());
    Files.write(
        dir.resolve("linear-regression-empty-v1.bin"),
        StreamingLinearRegression.builder()
            .dimension(3)
            .ridge(0.25)
            .halfLife(1000)
            .build()
            .toByteArray());
    Files.write(dir.resolve("bayesian-linear-regression-v1.bin"), bayesian().toByteArray());
    Files.write(dir.resolve("sgd-linear-regression-v1.bin"), sgd().toByteArray());
    Files.write(dir.resolve("bayesian-normal-gamma-v1.bin"), normalGamma().toByteArray());
  }
}
