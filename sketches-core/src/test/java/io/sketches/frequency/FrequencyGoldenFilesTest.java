package io.sketches.frequency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Bytes written by this release must load in every later one: each golden file under {@code
 * src/test/resources/golden/frequency/} is read back, queried, and compared byte for byte with the
 * same sketch built today. Run with {@code -Dsketches.writeGolden=true} to (re)create them — only
 * when a new serial version is introduced, never to make a failing test pass.
 */
class FrequencyGoldenFilesTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/frequency");

  private static CountMinSketch countMin(boolean conservative, boolean turnstile, int items) {
    CountMinSketch sketch = CountMinSketch.create(4, 128, 2026);
    if (conservative) {
      sketch = sketch.withConservativeUpdate();
    }
    for (int i = 0; i < items; i++) {
      sketch.update(i % 37, 1 + i % 5);
      sketch.update("item-" + i % 11, turnstile && i % 3 == 0 ? -2 : 3);
    }
    return sketch;
  }

  private static HeavyHitters<String> heavyHitters(int items) {
    HeavyHitters<String> sketch = HeavyHitters.create(4, 8, ItemSerde.strings());
    for (int i = 1; i <= items; i++) {
      sketch.update("item-" + (i * i % 23) % (1 + i % 7), 1 + i % 3);
    }
    return sketch;
  }

  private static byte[] golden(String name, byte[] today) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("sketches.writeGolden")) {
      Files.createDirectories(GOLDEN);
      Files.write(file, today);
    }
    assertTrue(Files.exists(file), "missing golden file " + file);
    return Files.readAllBytes(file);
  }

  @Test
  void countMinGoldenFilesLoadAndMatch() throws IOException {
    Object[][] cases = {
      {"cms-empty-v1.bin", countMin(false, false, 0)},
      {"cms-sparse-v1.bin", countMin(false, false, 3)},
      {"cms-dense-v1.bin", countMin(false, false, 2000)},
      {"cms-turnstile-v1.bin", countMin(false, true, 2000)},
      {"cms-conservative-v1.bin", countMin(true, false, 2000)},
    };
    for (Object[] c : cases) {
      CountMinSketch today = (CountMinSketch) c[1];
      byte[] bytes = golden((String) c[0], today.toByteArray());
      CountMinSketch read = CountMinSketch.fromByteArray(bytes);
      assertArrayEquals(today.toByteArray(), bytes, c[0] + " written the same today");
      assertEquals(today.estimate("item-3"), read.estimate("item-3"), (String) c[0]);
      assertEquals(today.estimate(5), read.estimate(5), (String) c[0]);
      assertEquals(today.totalWeight(), read.totalWeight(), (String) c[0]);
    }
  }

  @Test
  void heavyHittersGoldenFilesLoadAndMatch() throws IOException {
    for (int items : new int[] {0, 500}) {
      HeavyHitters<String> today = heavyHitters(items);
      String name = "heavy-hitters-" + (items == 0 ? "empty" : "strings") + "-v1.bin";
      byte[] bytes = golden(name, today.toByteArray());
      assertArrayEquals(today.toByteArray(), bytes, name + " written the same today");
      assertEquals(today.top(), HeavyHitters.fromByteArray(bytes, ItemSerde.strings()).top(), name);
    }
  }
}
