package io.sketches.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import sun.misc.Unsafe;

/**
 * Golden vectors freeze the item hash: a sketch written by this release must merge with one written
 * by every later release, so none of these values may ever change. They were cross-checked against
 * hash4j's independent XXH3 implementation ({@code Hashing.xxh3_64(SEED).hashBytesToLong}) when
 * first recorded.
 */
class ItemHashTest {

  @Test
  void seedIsFrozen() {
    assertEquals(0x243F6A8885A308D3L, ItemHash.SEED);
  }

  @Test
  void longGoldenVectors() {
    long[][] vectors = {
      {0L, 0x1db282e4ef6921ddL},
      {1L, 0x18462fb6dd28adf1L},
      {-1L, 0x1e24a79c858da195L},
      {5L, 0x1417dbe09c48bc42L},
      {42L, 0x51f400c7e76091e4L},
      {Long.MIN_VALUE, 0x87a0d28f3e65277dL},
      {Long.MAX_VALUE, 0xb8957d700f558b46L},
      {1234567890123456789L, 0x2cf0938c1774ad2cL},
    };
    for (long[] vector : vectors) {
      assertEquals(vector[1], ItemHash.hash(vector[0]), "hash(" + vector[0] + "L)");
    }
  }

  @Test
  void doubleGoldenVectors() {
    assertEquals(0x1db282e4ef6921ddL, ItemHash.hash(0.0));
    assertEquals(0x33f3a8be2cc46c07L, ItemHash.hash(1.0));
    assertEquals(0x3839e18c02e06a14L, ItemHash.hash(-1.5));
    assertEquals(0xe9111dbf104c8f81L, ItemHash.hash(Math.PI));
    assertEquals(0xb029f8d1f4c20665L, ItemHash.hash(1e300));
    assertEquals(0x5d3997120c8238d6L, ItemHash.hash(Double.POSITIVE_INFINITY));
    assertEquals(0xe6376563c785d4dbL, ItemHash.hash(Double.NaN));
  }

  @Test
  void stringGoldenVectors() {
    assertEquals(0x2ddf1348e67ddaceL, ItemHash.hash(""));
    assertEquals(0xefe6972b63215397L, ItemHash.hash("a"));
    assertEquals(0xbb609a0d10d2dd38L, ItemHash.hash("hello"));
    assertEquals(0x9bf682dee57562bcL, ItemHash.hash("sketches"));
    assertEquals(0x4ef5cd0e53a66348L, ItemHash.hash("Grüße"));
    assertEquals(0xc45056fab13a647fL, ItemHash.hash("日本語"));
    assertEquals(0xba437e9ac8d4146eL, ItemHash.hash("😀 emoji"));
    assertEquals(
        0x967adabba875a145L,
        ItemHash.hash(
            "a longer string of more than sixteen bytes to"
                + " reach the other XXH3 code paths, over one hundred and twenty-eight bytes long so that"
                + " the long-input loop is exercised as well"));
  }

  @Test
  void byteArrayGoldenVectors() {
    assertEquals(0x2ddf1348e67ddaceL, ItemHash.hash(new byte[0]));
    assertEquals(0x569a67b4cd5f066bL, ItemHash.hash(new byte[] {1, 2, 3}));
  }

  @Property
  void intHashesAsTheEqualLong(@ForAll int item) {
    assertEquals(ItemHash.hash((long) item), ItemHash.hash(item));
  }

  @Property(tries = 10_000)
  void longHashesAsItsLittleEndianBytes(@ForAll long item) {
    byte[] bytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (item >>> (8 * i));
    }
    assertEquals(ItemHash.hash(bytes), ItemHash.hash(item));
  }

  @Test
  void negativeZeroAndAllNansAreCanonical() {
    assertEquals(ItemHash.hash(0.0), ItemHash.hash(-0.0));
    assertEquals(
        ItemHash.hash(Double.NaN), ItemHash.hash(Double.longBitsToDouble(0x7ff0000000000001L)));
    assertEquals(
        ItemHash.hash(Double.NaN), ItemHash.hash(Double.longBitsToDouble(0xfff8000000000000L)));
  }

  @Property(tries = 2000)
  void charSequenceHashesAsItsUtf8Bytes(@ForAll String text) {
    // jqwik strings include unpaired surrogates: they must encode as String.getBytes does ('?').
    assertEquals(ItemHash.hash(text.getBytes(StandardCharsets.UTF_8)), ItemHash.hash(text));
    assertEquals(ItemHash.hash(text), ItemHash.hash(new StringBuilder(text)));
  }

  @Test
  void longStringsGrowTheScratchBuffer() {
    String text = "ß".repeat(100_000);
    assertEquals(ItemHash.hash(text.getBytes(StandardCharsets.UTF_8)), ItemHash.hash(text));
    assertEquals(ItemHash.hash("short".getBytes(StandardCharsets.UTF_8)), ItemHash.hash("short"));
    ItemHash.hash(text);
    String medium = "日本".repeat(600); // after a huge string, a medium one must still hash whole
    assertEquals(ItemHash.hash(medium.getBytes(StandardCharsets.UTF_8)), ItemHash.hash(medium));
  }

  @Property
  void subrangeHashesAsTheCopiedRange(@ForAll byte[] bytes, @ForAll int a, @ForAll int b) {
    int from = bytes.length == 0 ? 0 : Math.floorMod(a, bytes.length);
    int to = from + (bytes.length - from == 0 ? 0 : Math.floorMod(b, bytes.length - from + 1));
    assertEquals(
        ItemHash.hash(java.util.Arrays.copyOfRange(bytes, from, to)),
        ItemHash.hash(bytes, from, to - from));
  }

  @Property
  void unsafeAccessHashesAsTheBytes(@ForAll byte[] bytes) {
    assertEquals(
        ItemHash.hash(bytes),
        ItemHash.hashUnsafe(bytes, Unsafe.ARRAY_BYTE_BASE_OFFSET, bytes.length));
  }

  private static final ItemEncoder<Point> POINT_ENCODER =
      (point, sink) -> sink.putInt(point.x).putLong(point.y);

  private record Point(int x, long y) {}

  @Property
  void encoderHashesAsTheLittleEndianBytesItWrites(@ForAll int x, @ForAll long y) {
    byte[] bytes = new byte[12];
    for (int i = 0; i < 4; i++) {
      bytes[i] = (byte) (x >>> (8 * i));
    }
    for (int i = 0; i < 8; i++) {
      bytes[4 + i] = (byte) (y >>> (8 * i));
    }
    assertEquals(ItemHash.hash(bytes), ItemHash.hash(new Point(x, y), POINT_ENCODER));
  }

  @Property
  void encodedStringsAndDoublesHashAsTheirBytes(@ForAll String text, @ForAll double value) {
    ItemEncoder<String> utf8 = (item, sink) -> sink.putString(item, StandardCharsets.UTF_8);
    assertEquals(ItemHash.hash(text), ItemHash.hash(text, utf8));
    ItemEncoder<Double> bits = (item, sink) -> sink.putDouble(item);
    assertEquals(ItemHash.hash(Double.doubleToRawLongBits(value)), ItemHash.hash(value, bits));
  }
}
