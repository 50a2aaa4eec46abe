package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchWriter;
import io.sketches.testing.FieldForgery;
import io.sketches.testing.FormatForgery;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Forged regression bytes, each with a valid header, length and CRC32C: factors whose
 * back-substitution or posterior overflows used to be accepted ({@code coefficients()} then threw
 * "the solution overflowed", {@code posteriorMean()} was NaN or infinite); now the reader refuses
 * them with a reason naming what is out of range.
 */
class RegressionHostileBytesTest {

  private static byte[] forged(byte[] valid, Consumer<ByteBuffer> change) {
    byte[] body = Arrays.copyOfRange(valid, 16, valid.length);
    change.accept(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN));
    return FormatForgery.withHeader(valid, body);
  }

  private static String refusal(byte[] bytes, Function<byte[], ?> reader) {
    return assertThrows(SketchFormatException.class, () -> reader.apply(bytes)).getMessage();
  }

  private static void assertRefused(byte[] bytes, Function<byte[], ?> reader, String reason) {
    String message = refusal(bytes, reader);
    assertTrue(message.contains(reason), message);
  }

  /** A least-squares body without intercept: count 2, weight sum 2, then D and R̄ as given. */
  private static byte[] leastSquares(int dimension, double[] d, double[] rbar) {
    return leastSquares(dimension, 2, d, rbar);
  }

  private static byte[] leastSquares(int dimension, long count, double[] d, double[] rbar) {
    SketchWriter out = SketchFormat.writer(SketchType.LINEAR_REGRESSION, 1, 0, 256);
    out.putVarLong(dimension).putDouble(0.0).putDouble(1.0);
    out.putVarLong(count).putDouble(2.0).putDoubles(d).putDoubles(rbar);
    return out.toByteArray();
  }

  @Test
  void aCountAtTheTopSaturatesInMergesAndUpdates() {
    byte[] bytes = leastSquares(1, Long.MAX_VALUE, new double[] {2, 1}, new double[] {0.5});
    StreamingLinearRegression sketch = StreamingLinearRegression.fromByteArray(bytes);
    assertArrayEquals(bytes, sketch.toByteArray());
    sketch.merge(sketch).update(new double[] {1}, 2);
    assertEquals(Long.MAX_VALUE, sketch.count());
    byte[] again = sketch.toByteArray();
    assertArrayEquals(again, StreamingLinearRegression.fromByteArray(again).toByteArray());
    SgdLinearRegression sgd =
        SgdLinearRegression.builder()
            .dimension(1)
            .build()
            .update(new double[][] {{1}}, new double[] {2});
    byte[] valid = sgd.toByteArray();
    // body: d(1) step(8) iterations(1) l2(8) l1(8) fraction(8) seed(8), then count(1) batches(1)
    byte[] forgedSgd = Arrays.copyOf(Arrays.copyOfRange(valid, 16, 58), 42 + 18 + 16);
    ByteBuffer body = ByteBuffer.wrap(forgedSgd).order(ByteOrder.LITTLE_ENDIAN);
    body.position(42);
    putVarLong(body, Long.MAX_VALUE);
    putVarLong(body, Long.MAX_VALUE);
    body.putDouble(0.25).putDouble(1.5);
    SgdLinearRegression top =
        SgdLinearRegression.fromByteArray(FormatForgery.withHeader(valid, forgedSgd));
    top.merge(top.copy()).update(new double[][] {{1}}, new double[] {2});
    assertEquals(Long.MAX_VALUE, top.count());
    assertEquals(Long.MAX_VALUE, top.batches());
    byte[] topBytes = top.toByteArray();
    assertArrayEquals(topBytes, SgdLinearRegression.fromByteArray(topBytes).toByteArray());
  }

  private static void putVarLong(ByteBuffer out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.put((byte) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.put((byte) value);
  }

  // ---------------------------------------------------------------- accepted forgeries

  /**
   * Each value finite, or the query refused with the IllegalStateException its contract names
   * (null: none).
   */
  private static void assertFiniteOr(String allowedRefusal, Supplier<double[]> query) {
    double[] values;
    try {
      values = query.get();
    } catch (IllegalStateException refused) {
      if (allowedRefusal == null || !refused.getMessage().contains(allowedRefusal)) {
        throw refused;
      }
      return;
    }
    for (double value : values) {
      assertTrue(Double.isFinite(value), Arrays.toString(values));
    }
  }

  private static void assertInContract(StreamingLinearRegression read) {
    double[] x = new double[read.dimension()];
    StreamingLinearRegression updated = read.copy().update(x, 1.0);
    for (StreamingLinearRegression s : List.of(read, read.copy().merge(read), updated)) {
      assertFiniteOr("rank-deficient", s::coefficients);
      assertFiniteOr("rank-deficient", () -> new double[] {s.intercept(), s.predict(x)});
      byte[] bytes = s.toByteArray();
      assertArrayEquals(bytes, StreamingLinearRegression.fromByteArray(bytes).toByteArray());
    }
  }

  private static void assertInContract(BayesianLinearRegression read) {
    double[] x = new double[read.dimension()];
    Arrays.fill(x, 1.0);
    BayesianLinearRegression updated = read.copy().update(x, 1.0);
    for (BayesianLinearRegression s : List.of(read, read.copy().merge(read), updated)) {
      assertFiniteOr(null, s::posteriorMean);
      assertFiniteOr(null, () -> new double[] {s.predictiveMean(x)});
      assertFiniteOr("a_N > 1", () -> new double[] {s.predictiveVariance(x)});
      byte[] bytes = s.toByteArray();
      assertArrayEquals(bytes, BayesianLinearRegression.fromByteArray(bytes).toByteArray());
    }
  }

  /**
   * Read, merged and copied; not updated: gradient descent with a forged step size such as 1e231
   * diverges on any data, as it does when the builder is given that step size.
   */
  private static void assertInContract(SgdLinearRegression read) {
    double[] x = new double[read.dimension()];
    for (SgdLinearRegression s : List.of(read, read.copy().merge(read), read.copy())) {
      assertFiniteOr(null, s::coefficients);
      assertFiniteOr(null, () -> new double[] {s.intercept(), s.predict(x)});
      byte[] bytes = s.toByteArray();
      assertArrayEquals(bytes, SgdLinearRegression.fromByteArray(bytes).toByteArray());
    }
  }

  /** Mutations of each genuine array, 1,500 per array; returns how many were accepted. */
  private static <S> int fuzz(byte[][] genuine, Function<byte[], S> reader, Consumer<S> check) {
    return FieldForgery.checkAccepted(genuine, 1_500 * genuine.length, reader, check);
  }

  @Test
  void acceptedFieldMutationsAnswerEveryQueryInContract() {
    StreamingLinearRegression plain = StreamingLinearRegression.builder().dimension(2).build();
    StreamingLinearRegression ridge =
        StreamingLinearRegression.builder().dimension(3).intercept(false).ridge(0.5).build();
    BayesianLinearRegression known = BayesianLinearRegression.builder().dimension(2).build();
    BayesianLinearRegression unknown =
        BayesianLinearRegression.builder()
            .dimension(2)
            .intercept(true)
            .noiseGammaPrior(2, 3)
            .build();
    SgdLinearRegression sgd = SgdLinearRegression.builder().dimension(2).build();
    Random data = new Random(3);
    for (int i = 0; i < 12; i++) {
      double[] x = {data.nextGaussian(), i};
      plain.update(x, 2 * x[0] - x[1] + data.nextGaussian());
      ridge.update(new double[] {x[0], x[1], i % 3}, x[1]);
      known.update(x, x[0]);
      unknown.update(x, x[1] + data.nextGaussian());
      sgd.update(new double[][] {x}, new double[] {x[0]});
    }
    byte[][] leastSquares = {plain.toByteArray(), ridge.toByteArray()};
    assertTrue(
        fuzz(leastSquares, StreamingLinearRegression::fromByteArray, r -> assertInContract(r))
            > 100);
    byte[][] bayesian = {known.toByteArray(), unknown.toByteArray()};
    assertTrue(
        fuzz(bayesian, BayesianLinearRegression::fromByteArray, r -> assertInContract(r)) > 100);
    byte[][] sgdBytes = {sgd.toByteArray()};
    assertTrue(fuzz(sgdBytes, SgdLinearRegression::fromByteArray, r -> assertInContract(r)) > 100);
  }

  // ---------------------------------------------------------------- least squares

  @Test
  void aFactorWhoseBackSubstitutionOverflowsIsRefused() {
    // d = 3, no intercept. Every entry finite, every column's Σ d r̄² at most 1e287, and no
    // column dependent at the rank tolerance; but b2 = 1e3, b1 = −1e140·b2, b0 = −1e170·b1 = +∞.
    // Used to be accepted; coefficients() then threw "the solution overflowed (Infinity)".
    byte[] bytes =
        leastSquares(
            3, new double[] {1e-320, 1, 1e280, 1}, new double[] {1e170, 0, 0, 1e140, 0, 1e3});
    assertRefused(bytes, StreamingLinearRegression::fromByteArray, "back-substitution");
    // the same factor with R̄ in range reads and solves
    StreamingLinearRegression sane =
        StreamingLinearRegression.fromByteArray(
            leastSquares(3, new double[] {1e-320, 1, 1e280, 1}, new double[] {1, 0, 0, 1, 0, 1}));
    for (double b : sane.coefficients()) {
      assertTrue(Double.isFinite(b));
    }
  }

  @Test
  void aFactorWhoseColumnOverflowsIsRefused() {
    byte[] bytes = leastSquares(1, new double[] {1e200, 1}, new double[] {1e50});
    assertRefused(
        bytes,
        StreamingLinearRegression::fromByteArray,
        "column 1 of the factor has a sum of squares of 1.0000000000000002E300, above 2^960");
  }

  @Test
  void theInterceptMustStayFinite() {
    // d = 1 with intercept: D[0] = weight sum = 2, b1 = 1e170 and the shift x = 1e140, so
    // b0 − b1·s_x = −∞ (used to be the answer of intercept()).
    SketchWriter out = SketchFormat.writer(SketchType.LINEAR_REGRESSION, 1, 1, 128);
    out.putVarLong(1).putDouble(0.0).putDouble(1.0).putVarLong(2).putDouble(2.0);
    out.putDoubles(new double[] {2, 1e-300, 1}).putDoubles(new double[] {0, 0, 1e170});
    out.putDouble(1e140).putDouble(0);
    assertRefused(out.toByteArray(), StreamingLinearRegression::fromByteArray, "intercept");
  }

  @Test
  void withAnInterceptTheWeightOfTheColumnOfOnesIsTheWeightSum() {
    StreamingLinearRegression sketch = StreamingLinearRegression.builder().dimension(2).build();
    for (int i = 0; i < 10; i++) {
      sketch.update(new double[] {i, i * i % 7}, 3 * i + 1, 0.5 + i);
    }
    sketch.decay(0.3);
    byte[] valid = sketch.copy().merge(sketch).toByteArray();
    assertArrayEquals(valid, StreamingLinearRegression.fromByteArray(valid).toByteArray());
    // body: d(1) ridge(8) forgetting(8) count(1) weight sum at 18, D[0] at 26
    byte[] bytes = forged(valid, b -> b.putDouble(18, b.getDouble(18) * 1.5));
    assertRefused(
        bytes, StreamingLinearRegression::fromByteArray, "D[0] (the weight of the column");
  }

  @Test
  void aForgedDimensionIsCheckedBeforeTheFactorIsAllocated() {
    // 1,024 columns would be a 4 MB factor; the bytes hold 8 doubles.
    byte[] bytes = leastSquares(1_024, new double[] {1, 1, 1, 1}, new double[] {0, 0, 0, 0});
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    refusal(bytes, StreamingLinearRegression::fromByteArray); // warm up
    long before = threads.getThreadAllocatedBytes(thread);
    assertRefused(bytes, StreamingLinearRegression::fromByteArray, "a factor of 1025 columns");
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertTrue(allocated <= 16L * bytes.length + 65_536, allocated + " bytes allocated");
  }

  // ---------------------------------------------------------------- Bayesian

  /** d = 2, no intercept, α = β = 1, three observations. */
  private static byte[] bayesian() {
    BayesianLinearRegression sketch = BayesianLinearRegression.builder().dimension(2).build();
    sketch.update(new double[] {1, 2}, 3).update(new double[] {2, 1}, 1);
    return sketch.update(new double[] {3, 3}, 4).toByteArray();
  }

  // body: d(1) β(8) m0(2 × 8) at 9, S0⁻¹(4 × 8) at 25, count(1) at 57, weight sum at 58,
  // D(3 × 8) at 66, R̄(3 × 8) at 90
  private static final int PRIOR_MEAN = 9;
  private static final int PRIOR_PRECISION = 25;
  private static final int DATA_D = 66;
  private static final int DATA_RBAR = 90;

  @Test
  void aPriorWhoseNaturalMeanOverflowsIsRefused() {
    BayesianLinearRegression.fromByteArray(bayesian()); // the baseline is fine
    // S0⁻¹ = diag(4, 1) is positive definite, but L·m0 = 2 · 1e308 = ∞: posteriorMean() was NaN
    byte[] bytes =
        forged(bayesian(), b -> b.putDouble(PRIOR_MEAN, 1e308).putDouble(PRIOR_PRECISION, 4.0));
    assertRefused(
        bytes, BayesianLinearRegression::fromByteArray, "the posterior mean has an entry beyond");
  }

  @Test
  void aDataFactorThatOverflowsThePosteriorIsRefused() {
    // β·D[0] = 1e30 · 1e280 = ∞: the posterior precision is not finite
    byte[] precision =
        forged(
            bayesian(), b -> b.putDouble(1, 1e30).putDouble(DATA_D, 1e280).putDouble(DATA_RBAR, 0));
    assertRefused(
        precision, BayesianLinearRegression::fromByteArray, "posterior precision S₀⁻¹ + βΦᵀΦ");
    byte[] column = forged(bayesian(), b -> b.putDouble(DATA_RBAR, 1e200));
    assertRefused(column, BayesianLinearRegression::fromByteArray, "above 2^960");
    byte[] notPositive = forged(bayesian(), b -> b.putDouble(DATA_D + 8, -1.0));
    assertRefused(notPositive, BayesianLinearRegression::fromByteArray, "diagonal entry 1");
  }

  @Test
  void anUnknownNoiseRateThatOverflowsIsRefused() {
    BayesianLinearRegression sketch =
        BayesianLinearRegression.builder().dimension(2).noiseGammaPrior(2, 1).build();
    sketch.update(new double[] {1, 2}, 3).update(new double[] {2, 1}, 1);
    byte[] valid = sketch.update(new double[] {3, 3}, 4).toByteArray();
    // body: d(1) shape a0 at 1, rate b0 at 9: a_N = 0.001 + 3/2, b_N ≥ b0 = MAX, so the noise
    // variance b_N/(a_N − 1) = ∞ (predictiveVariance and posteriorCovariance were infinite)
    byte[] bytes = forged(valid, b -> b.putDouble(1, 1e-3).putDouble(9, Double.MAX_VALUE));
    assertRefused(
        bytes, BayesianLinearRegression::fromByteArray, "b_N/(a_N − 1) is not in (0, 2^960]");
  }

  @Test
  void acceptedSketchesAreAFixpoint() {
    byte[] bytes = bayesian();
    BayesianLinearRegression sketch = BayesianLinearRegression.fromByteArray(bytes);
    assertArrayEquals(bytes, sketch.toByteArray());
    for (double m : sketch.posteriorMean()) {
      assertTrue(Double.isFinite(m));
    }
  }
}
