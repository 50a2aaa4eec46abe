package io.sketches.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NIST StRD Longley: every certified coefficient to at least 10 significant digits. */
class LongleyTest {
  private static final double REQUIRED_DIGITS = 10;
  private final Longley longley = Longley.load();

  private static double[] all(StreamingLinearRegression model) {
    double[] slopes = model.coefficients();
    double[] all = new double[slopes.length + 1];
    all[0] = model.intercept();
    System.arraycopy(slopes, 0, all, 1, slopes.length);
    return all;
  }

  private static void assertDigits(double[] estimate, String what) {
    for (int j = 0; j < estimate.length; j++) {
      double digits = Longley.digits(estimate[j], Longley.CERTIFIED[j]);
      System.out.printf("%s b%d digits %.2f%n", what, j, digits);
      assertTrue(
          digits >= REQUIRED_DIGITS,
          what
              + ": b"
              + j
              + " = "
              + estimate[j]
              + " has "
              + digits
              + " digits of "
              + Longley.CERTIFIED[j]);
    }
  }

  @Test
  void singleStreamInFileOrder() {
    StreamingLinearRegression model = StreamingLinearRegression.builder().dimension(6).build();
    for (int r = 0; r < longley.y.length; r++) {
      model.update(longley.x[r], longley.y[r]);
    }
    assertDigits(all(model), "single stream");
  }

  @Test
  void shuffledSplitIntoEightSerializedAndMerged() {
    for (long seed = 1; seed <= 20; seed++) {
      List<Integer> order = new ArrayList<>();
      for (int r = 0; r < longley.y.length; r++) {
        order.add(r);
      }
      Collections.shuffle(order, new Random(seed));
      StreamingLinearRegression single = StreamingLinearRegression.builder().dimension(6).build();
      List<StreamingLinearRegression> parts = new ArrayList<>();
      for (int p = 0; p < 8; p++) {
        parts.add(StreamingLinearRegression.builder().dimension(6).build());
      }
      for (int i = 0; i < order.size(); i++) {
        int r = order.get(i);
        single.update(longley.x[r], longley.y[r]);
        parts.get(i % 8).update(longley.x[r], longley.y[r]);
      }
      StreamingLinearRegression merged = StreamingLinearRegression.builder().dimension(6).build();
      for (StreamingLinearRegression part : parts) {
        merged.merge(StreamingLinearRegression.fromByteArray(part.toByteArray()));
      }
      merged = StreamingLinearRegression.fromByteArray(merged.toByteArray());
      assertDigits(all(single), "shuffled single stream, seed " + seed);
      assertDigits(all(merged), "merged from 8, seed " + seed);
    }
  }
}
