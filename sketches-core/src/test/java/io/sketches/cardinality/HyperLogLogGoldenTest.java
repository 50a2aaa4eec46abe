package io.sketches.cardinality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bytes written by release 0.1 (serial version 1) must keep loading with the same estimate. The
 * files under {@code golden/cardinality/} were written by {@link #build}; regenerate them only for
 * a new serial version, by running this test with {@code -Dgolden.write=<resources dir>}.
 */
class HyperLogLogGoldenTest {

  /** name: sparse|dense, martingale|merged; items 0..n−1 (merged: two halves merged). */
  static HyperLogLog build(String form, String estimator) {
    int n = form.equals("sparse") ? 10 : 10_000;
    HyperLogLog first = HyperLogLog.create(12);
    HyperLogLog second = HyperLogLog.create(12);
    for (long i = 0; i < n; i++) {
      (estimator.equals("merged") && i % 2 == 1 ? second : first).update(i);
    }
    return first.merge(second);
  }

  @ParameterizedTest
  @CsvSource({
    "sparse, martingale, 10.000002682210027",
    "sparse, merged,     10.000002980233424",
    "dense,  martingale, 10098.931718982847",
    "dense,  merged,     9961.977896564522"
  })
  void goldenSketchesKeepLoading(String form, String estimator, double expectedEstimate)
      throws IOException {
    String name = "hll-p12-" + form + "-" + estimator + ".bin";
    String writeTo = System.getProperty("golden.write");
    if (writeTo != null) {
      Path file = Path.of(writeTo, "golden", "cardinality", name);
      Files.createDirectories(file.getParent());
      Files.write(file, build(form, estimator).toByteArray());
      System.out.println(name + " estimate " + build(form, estimator).estimate());
    }
    byte[] golden;
    try (InputStream in = getClass().getResourceAsStream("/golden/cardinality/" + name)) {
      assertNotNull(in, name);
      golden = in.readAllBytes();
    }
    HyperLogLog read = HyperLogLog.fromByteArray(golden);
    assertEquals(expectedEstimate, read.estimate(), 0.0, name);
    assertEquals(estimator.equals("martingale"), read.usesMartingale(), name);
    assertEquals(form.equals("dense"), read.isDense(), name);
    assertArrayEquals(golden, read.toByteArray(), "re-serialized " + name);
    assertArrayEquals(golden, build(form, estimator).toByteArray(), "rebuilt " + name);
  }
}
