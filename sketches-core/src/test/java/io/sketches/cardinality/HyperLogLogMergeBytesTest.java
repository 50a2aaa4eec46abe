package io.sketches.cardinality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.sketches.SketchFormatException;
import io.sketches.testing.FormatForgery;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link HyperLogLog#mergeBytes} against its definition, {@code merge(fromByteArray(bytes))}: the
 * same bytes for every pair of empty, sparse, dense, single-stream and merged sketches at
 * precisions 4..9 (equal and different), and for damaged bytes the same verdict as {@code
 * fromByteArray}: refused with {@link SketchFormatException}, the target unchanged, or accepted and
 * then merged identically.
 */
class HyperLogLogMergeBytesTest {

  /** A sketch of up to 600 items from a universe of 2,000, martingale kept or discarded. */
  private static HyperLogLog randomSketch(Random random, int precision) {
    HyperLogLog sketch = HyperLogLog.create(precision);
    int length = random.nextInt(4) == 0 ? 0 : random.nextInt(600);
    for (int i = 0; i < length; i++) {
      sketch.update(random.nextInt(2000));
    }
    // a merged one sometimes, so both martingale states appear on both sides
    return random.nextBoolean() ? sketch : sketch.discardMartingale();
  }

  private static int randomPrecision(Random random) {
    return 4 + random.nextInt(6);
  }

  @Property(tries = 400)
  void equalsMergeOfTheReadSketch(@ForAll long seed, @ForAll boolean samePrecision) {
    Random random = new Random(seed);
    int precision = randomPrecision(random);
    HyperLogLog target = randomSketch(random, precision);
    byte[] bytes =
        randomSketch(random, samePrecision ? precision : randomPrecision(random)).toByteArray();
    byte[] expected = target.copy().merge(HyperLogLog.fromByteArray(bytes)).toByteArray();
    HyperLogLog merged = target.copy().mergeBytes(bytes);
    assertArrayEquals(expected, merged.toByteArray(), "mergeBytes = merge(fromByteArray)");
    // and it stays so for the next merge and update (no stale internal state)
    HyperLogLog reference = HyperLogLog.fromByteArray(expected);
    byte[] more = randomSketch(random, precision).toByteArray();
    assertArrayEquals(
        reference.mergeBytes(more).update(-1L).toByteArray(),
        merged.mergeBytes(more).update(-1L).toByteArray(),
        "after a further merge and update");
  }

  @Property(tries = 300)
  void damagedBytesGetTheVerdictOfFromByteArray(
      @ForAll long seed, @ForAll @IntRange(max = 2) int damage) {
    Random random = new Random(seed);
    int precision = randomPrecision(random);
    HyperLogLog target = randomSketch(random, precision);
    byte[] genuine = randomSketch(random, precision).toByteArray();
    byte[] damaged;
    switch (damage) {
      case 0: // one bit flipped
        damaged = genuine.clone();
        int bit = random.nextInt(8 * genuine.length);
        damaged[bit >>> 3] ^= (byte) (1 << (bit & 7));
        break;
      case 1: // truncated
        damaged = Arrays.copyOf(genuine, random.nextInt(genuine.length));
        break;
      default: // a forged body behind a valid header and checksum
        damaged = FormatForgery.mangleBody(genuine, random);
        break;
    }
    byte[] before = target.toByteArray();
    HyperLogLog read;
    try {
      read = HyperLogLog.fromByteArray(damaged);
    } catch (SketchFormatException refused) {
      try {
        target.mergeBytes(damaged);
        fail("mergeBytes accepted bytes fromByteArray refuses: " + refused.getMessage());
      } catch (SketchFormatException expected) {
        assertEquals(refused.getMessage(), expected.getMessage(), "the same reason");
        assertNotNull(expected.getMessage());
      }
      assertArrayEquals(
          before, target.toByteArray(), "a refused merge leaves the target as it was");
      return;
    }
    byte[] expected = target.copy().merge(read).toByteArray();
    assertArrayEquals(
        expected,
        target.mergeBytes(damaged).toByteArray(),
        "accepted forged bytes merge as the sketch they read as");
  }
}
