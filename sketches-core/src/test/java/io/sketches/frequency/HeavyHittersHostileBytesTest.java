package io.sketches.frequency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchWriter;
import org.junit.jupiter.api.Test;

/**
 * Heavy hitters on bytes forged with a valid header length and CRC32C: the capacity is never
 * allocated at parse time, parses stay within the allocation bound, and counters, offset and order
 * must be those of some stream.
 */
class HeavyHittersHostileBytesTest {
  private static final ItemSerde<String> STRINGS = ItemSerde.strings();

  private static SketchWriter body(int flags, long k, long capacity) {
    return SketchFormat.writer(SketchType.HEAVY_HITTERS, HeavyHitters.SERIAL_VERSION, flags, 64)
        .putByte(STRINGS.id())
        .putVarLong(k)
        .putVarLong(capacity);
  }

  /** A non-empty body: N, offset, then (item, counter) pairs. */
  private static byte[] summary(long k, long total, long offset, Object... itemsAndCounters) {
    SketchWriter out = body(0, k, 2 * k).putVarLong(total).putVarLong(offset);
    out.putVarLong(itemsAndCounters.length / 2);
    for (int i = 0; i < itemsAndCounters.length; i += 2) {
      STRINGS.write(out, (String) itemsAndCounters[i]);
      out.putVarLong((Long) itemsAndCounters[i + 1]);
    }
    return out.toByteArray();
  }

  private static HeavyHitters<String> parse(byte[] bytes) {
    return ReaderBounds.assertItemsParseWithinBound(
        bytes, b -> HeavyHitters.fromByteArray(b, STRINGS));
  }

  private static void assertRefused(byte[] bytes, String reason) {
    SketchFormatException e =
        assertThrows(SketchFormatException.class, () -> HeavyHitters.fromByteArray(bytes, STRINGS));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertNull(parse(bytes));
  }

  @Test
  void theLargestCapacityIsNotAllocatedWhenRead() {
    byte[] bytes = body(HeavyHitters.FLAG_EMPTY, 1, HeavyHitters.MAX_CAPACITY).toByteArray();
    HeavyHitters<String> sketch = parse(bytes);
    assertTrue(sketch.top().isEmpty());
    assertEquals(0, sketch.entry("x").upperBound());
    assertArrayEquals(bytes, sketch.toByteArray());
    assertRefused(
        body(HeavyHitters.FLAG_EMPTY, 1, HeavyHitters.MAX_CAPACITY + 1L).toByteArray(), "k");
    assertRefused(body(HeavyHitters.FLAG_EMPTY, 0, 4).toByteArray(), "k");
  }

  @Test
  void countersAndOffsetMustBeThoseOfAStream() {
    assertRefused(summary(2, 5, 0, "a", 6L), "not in [1, remaining weight");
    assertRefused(summary(2, 5, 0, "a", 0L), "not in [1, remaining weight");
    assertRefused(summary(2, 9, 3, "a", 4L), "offset 3 exceeds");
    assertRefused(summary(2, 9, 0, "a", 2L, "b", 4L), "canonical order");
    assertRefused(summary(2, 9, 0, "a", 2L, "a", 2L), "twice");
    byte[] valid = summary(2, 9, 1, "a", 4L, "b", 2L);
    assertArrayEquals(valid, parse(valid).toByteArray(), "a fixpoint");
  }

  @Test
  void stringItemsMustBeWellFormedUtf8() {
    byte[] replacementCharacter = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD}; // U+FFFD, well formed
    byte[] overlongSlash = {(byte) 0xC0, (byte) 0xAF}; // '/' in two bytes: malformed
    byte[] loneSurrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80}; // U+D800: malformed
    byte[] valid = withOneItem(replacementCharacter);
    assertEquals("\uFFFD", parse(valid).top().get(0).item());
    assertArrayEquals(valid, parse(valid).toByteArray());
    assertRefused(withOneItem(overlongSlash), "malformed UTF-8");
    assertRefused(withOneItem(loneSurrogate), "malformed UTF-8");
  }

  private static byte[] withOneItem(byte[] utf8) {
    return body(0, 1, 2)
        .putVarLong(3)
        .putVarLong(0)
        .putVarLong(1)
        .putLengthPrefixed(utf8)
        .putVarLong(3)
        .toByteArray();
  }

  @Test
  void manyDistinctSmallItemsParseWithinTheAllocationBound() {
    HeavyHitters<String> sketch = HeavyHitters.create(5000, STRINGS);
    for (int i = 0; i < 10_000; i++) {
      sketch.update(Integer.toString(i, 36), 1);
    }
    byte[] bytes = sketch.toByteArray();
    assertArrayEquals(bytes, parse(bytes).toByteArray());
  }
}
