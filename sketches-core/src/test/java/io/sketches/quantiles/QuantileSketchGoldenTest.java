package io.sketches.quantiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bytes written by this release must load in every later one: each golden file under {@code
 * src/test/resources/golden/quantiles/} is read back, answers as recorded here (the literal values
 * below, from the release that wrote them), re-serializes to the same bytes, and equals the same
 * sketch built today. Run with {@code -Dsketches.writeGolden=true} to (re)create them — only when a
 * new serial version is introduced, never to make a failing test pass.
 */
class QuantileSketchGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/quantiles");

  private static final double[] RANKS = {0, 0.01, 0.25, 0.5, 0.75, 0.99, 1};

  static QuantileSketch empty() {
    return QuantileSketch.create();
  }

  static QuantileSketch exactLongs() {
    QuantileSketch sketch = QuantileSketch.create(200, 42);
    for (long i = 0; i < 100; i++) {
      sketch.update((1L << 60) + i * i * 1_000_003L);
    }
    return sketch;
  }

  static QuantileSketch compactedDoubles() {
    QuantileSketch sketch = QuantileSketch.create(32);
    SplittableRandom random = new SplittableRandom(2026);
    for (int i = 0; i < 10_000; i++) {
      sketch.update(random.nextGaussian() * 10);
    }
    return sketch;
  }

  static QuantileSketch merged() {
    QuantileSketch a = QuantileSketch.create(64);
    QuantileSketch b = QuantileSketch.create(40);
    for (int i = 0; i < 3000; i++) {
      a.update((double) (i * 7 % 3001));
      b.update(i * 0.5 - 100);
    }
    return a.merge(b);
  }

  private static byte[] golden(String name, byte[] today) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (today != null && Boolean.getBoolean("sketches.writeGolden")) {
      Files.createDirectories(GOLDEN);
      Files.write(file, today);
    }
    assertTrue(Files.exists(file), "missing golden file " + file);
    return Files.readAllBytes(file);
  }

  private static void check(
      String name, QuantileSketch today, long count, int retained, double[] quantiles)
      throws IOException {
    byte[] bytes = golden(name, today.toByteArray());
    QuantileSketch read = QuantileSketch.fromByteArray(bytes);
    assertArrayEquals(bytes, read.toByteArray(), name + " re-serializes to the same bytes");
    assertArrayEquals(today.toByteArray(), bytes, name + " written the same today");
    assertEquals(count, read.count(), name + " count");
    assertEquals(retained, read.retainedItems(), name + " retained");
    if (count > 0) {
      assertArrayEquals(quantiles, read.quantiles(RANKS), name + " quantiles");
      for (double q : quantiles) {
        assertEquals(today.rank(q), read.rank(q), name + " rank of " + q);
      }
    }
  }

  /** Prints the values recorded below (for a new golden file). */
  public static void main(String[] args) {
    for (QuantileSketch sketch :
        new QuantileSketch[] {exactLongs(), compactedDoubles(), merged()}) {
      System.out.println(sketch + " " + java.util.Arrays.toString(sketch.quantiles(RANKS)));
    }
  }

  @Test
  void emptyLoadsAndMatches() throws IOException {
    check("quantiles-empty-v1.bin", empty(), 0, 0, null);
  }

  @Test
  void exactLongsLoadAndMatch() throws IOException {
    check("quantiles-exact-longs-v1.bin", exactLongs(), 100, 100, EXACT_LONGS);
    QuantileSketch read =
        QuantileSketch.fromByteArray(golden("quantiles-exact-longs-v1.bin", null));
    int[] index = {0, 0, 24, 49, 74, 98, 99}; // the ⌈r·100⌉-th smallest item
    for (int i = 0; i < RANKS.length; i++) {
      long item = (1L << 60) + (long) index[i] * index[i] * 1_000_003L;
      assertEquals(item, read.quantileLong(RANKS[i]), "exact above 2^53 at rank " + RANKS[i]);
    }
  }

  @Test
  void compactedDoublesLoadAndMatch() throws IOException {
    check(
        "quantiles-compacted-doubles-v1.bin",
        compactedDoubles(),
        10_000,
        COMPACTED_RETAINED,
        COMPACTED);
  }

  @Test
  void mergedLoadsAndMatches() throws IOException {
    check("quantiles-merged-v1.bin", merged(), 6000, MERGED_RETAINED, MERGED);
  }

  private static final double[] EXACT_LONGS = {
    1.15292150460684698E18,
    1.15292150460684698E18,
    1.15292150518284877E18,
    1.15292150700785408E18,
    1.15292151008286336E18,
    1.1529215142108759E18,
    1.15292151440787635E18
  };
  private static final int COMPACTED_RETAINED = 119;
  private static final double[] COMPACTED = {
    -37.15564417786074,
    -22.885295427295237,
    -6.784803984852356,
    0.10099778569464328,
    6.502134557787629,
    19.01493755969352,
    45.21123327962233
  };
  private static final int MERGED_RETAINED = 95;
  private static final double[] MERGED = {-100.0, -59.0, 424.5, 928.5, 1481.0, 2957.0, 3000.0};
}
