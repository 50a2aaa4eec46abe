package io.sketches.spark.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The decode cache gives the equal Java string for every row string, hits and misses alike. */
class StringItemsTest {

  /** A string in a row buffer: bytes at an offset of a larger array, as an UnsafeRow holds it. */
  private static UTF8String inRow(String value, int padding) {
    byte[] utf8 = UTF8String.fromString(value).getBytes();
    byte[] row = new byte[padding + utf8.length + 3];
    System.arraycopy(utf8, 0, row, padding, utf8.length);
    return UTF8String.fromBytes(row, padding, utf8.length);
  }

  @Test
  void everyDecodeEqualsTheStringAndARepeatIsTheSameInstance() {
    StringItems strings = new StringItems();
    List<String> values = new ArrayList<>(List.of("", "a", "é", "日本語", "\uD83D\uDE00 emoji"));
    for (int i = 0; i < 3 * StringItems.SLOTS; i++) { // more values than slots: slots are reused
      values.add("item-" + i);
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < values.size(); i++) {
        String value = values.get(i);
        assertEquals(value, strings.decode(inRow(value, i % 7)));
      }
    }
    // a value decoded twice in a row hits its slot and comes back as the same string object
    String hot = strings.decode(inRow("hot", 1));
    assertSame(hot, strings.decode(inRow("hot", 5)));
    // a prefix of a cached value is another value, not a hit
    strings.decode(inRow("abc", 0));
    assertEquals("ab", strings.decode(inRow("ab", 0)));
  }

  @Test
  void aLongStringIsDecodedButNotKept() {
    StringItems strings = new StringItems();
    String longValue = "x".repeat(StringItems.MAX_CACHED_BYTES + 1);
    String first = strings.decode(inRow(longValue, 3));
    String second = strings.decode(inRow(longValue, 3));
    assertEquals(longValue, first);
    assertEquals(longValue, second);
    assertNotSame(first, second, "not cached: each decode makes its own string");
    String atLimit = "y".repeat(StringItems.MAX_CACHED_BYTES);
    assertSame(strings.decode(inRow(atLimit, 0)), strings.decode(inRow(atLimit, 2)), "cached");
  }
}
