package io.sketches.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.testing.FormatForgery;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SketchFormatTest {

  @Test
  void headerLayoutIsAsSpecified() {
    byte[] bytes =
        SketchFormat.writer(SketchType.COUNT_MIN, 3, 0x0102, 0).putInt(0xAABBCCDD).toByteArray();
    assertEquals(20, bytes.length);
    assertArrayEquals(
        new byte[] {'S', 'K', 'C', 'H', 3, 2, 0x02, 0x01, 4, 0, 0, 0},
        java.util.Arrays.copyOf(bytes, 12));
    assertArrayEquals(
        new byte[] {(byte) 0xDD, (byte) 0xCC, (byte) 0xBB, (byte) 0xAA},
        java.util.Arrays.copyOfRange(bytes, 16, 20));
    SketchReader in = SketchFormat.reader(bytes, SketchType.COUNT_MIN, 3);
    assertEquals(3, in.serialVersion());
    assertEquals(0x0102, in.flags());
    assertEquals(0xAABBCCDD, in.getInt());
    in.expectEnd();
  }

  @Property
  void primitivesRoundTrip(
      @ForAll byte b,
      @ForAll short s,
      @ForAll int i,
      @ForAll long l,
      @ForAll double d,
      @ForAll long varint,
      @ForAll String text,
      @ForAll byte[] run) {
    byte[] bytes =
        SketchFormat.writer(SketchType.RESERVOIR, 1, 0, 0)
            .putByte(b)
            .putShort(s)
            .putInt(i)
            .putLong(l)
            .putDouble(d)
            .putVarLong(varint)
            .putString(text.replace('\uD800', 'x'))
            .putLengthPrefixed(run)
            .toByteArray();
    SketchReader in = SketchFormat.reader(bytes, SketchType.RESERVOIR, 1);
    assertEquals(b, (byte) in.getByte());
    assertEquals(s & 0xFFFF, in.getUnsignedShort());
    assertEquals(i, in.getInt());
    assertEquals(l, in.getLong());
    assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(in.getDouble()));
    assertEquals(varint, in.getVarLong());
    in.getString();
    assertArrayEquals(run, in.getLengthPrefixed());
    in.expectEnd();
  }

  @Test
  void wrongTypeVersionAndTrailingBytesAreRefused() {
    byte[] bytes = SketchFormat.writer(SketchType.HYPERLOGLOG, 2, 0, 0).putLong(1).toByteArray();
    assertMessage(
        "expected a COUNT_MIN", () -> SketchFormat.reader(bytes, SketchType.COUNT_MIN, 9));
    assertMessage(
        "serial version 2 is not supported",
        () -> SketchFormat.reader(bytes, SketchType.HYPERLOGLOG, 1));
    SketchReader in = SketchFormat.reader(bytes, SketchType.HYPERLOGLOG, 2);
    assertMessage("trailing", in::expectEnd);
    in.getInt();
    assertMessage("truncated body", in::getLong);
  }

  @Test
  void forgedLengthsCannotAllocate() {
    byte[] bytes =
        SketchFormat.writer(SketchType.RESERVOIR, 1, 0, 0)
            .putVarLong(Integer.MAX_VALUE)
            .putLong(0)
            .toByteArray();
    SketchReader in = SketchFormat.reader(bytes, SketchType.RESERVOIR, 1);
    assertMessage("cannot fit", () -> in.getLength(8, "item"));
    byte[] huge = SketchFormat.writer(SketchType.RESERVOIR, 1, 0, 0).putVarLong(-1L).toByteArray();
    assertMessage(
        "cannot fit", () -> SketchFormat.reader(huge, SketchType.RESERVOIR, 1).getLengthPrefixed());
  }

  @Test
  void builtInSerdesRoundTripAndCheckTheirId() {
    SketchWriter out = SketchFormat.writer(SketchType.RESERVOIR, 1, 0, 0);
    ItemSerde.longs().write(out, 7L);
    ItemSerde.doubles().write(out, -0.5);
    ItemSerde.strings().write(out, "Grüße");
    ItemSerde.byteArrays().write(out, new byte[] {9, 8});
    SketchReader in = SketchFormat.reader(out.toByteArray(), SketchType.RESERVOIR, 1);
    assertEquals(7L, ItemSerde.longs().read(in));
    assertEquals(-0.5, ItemSerde.doubles().read(in));
    assertEquals("Grüße", ItemSerde.strings().read(in));
    assertArrayEquals(new byte[] {9, 8}, ItemSerde.byteArrays().read(in));
    for (int id = 1; id <= 4; id++) {
      assertEquals(id, ItemSerde.builtIn(id).id());
    }
    assertMessage("no built-in", () -> ItemSerde.builtIn(200));
    assertMessage("serde id 3 but read with id 1", () -> ItemSerde.checkId(ItemSerde.longs(), 3));
    assertTrue(ItemSerde.byteArrays().equal(new byte[] {1}, new byte[] {1}));
    assertTrue(ItemSerde.doubles().equal(0.0, -0.0));
  }

  @Test
  void malformedUtf8IsRefused() {
    byte[] bytes =
        SketchFormat.writer(SketchType.RESERVOIR, 1, 0, 0)
            .putLengthPrefixed(new byte[] {(byte) 0xC3, 0x28})
            .toByteArray();
    assertMessage(
        "malformed UTF-8", () -> SketchFormat.reader(bytes, SketchType.RESERVOIR, 1).getString());
  }

  /**
   * The acceptance property of the format reader: 10,000 random, truncated, bit-flipped and
   * re-checksummed arrays; reading them through the header checks and a typical body parse gives a
   * valid result or {@link SketchFormatException}, never another exception.
   */
  @Property(tries = 10_000)
  void readerSeesOnlyFormatExceptions(@ForAll @Size(max = 96) byte[] junk, @ForAll Random random) {
    byte[] genuine =
        SketchFormat.writer(SketchType.RESERVOIR, 1, 0, 0)
            .putVarLong(3)
            .putLong(1)
            .putLong(2)
            .putLong(3)
            .putString("x")
            .toByteArray();
    byte[][] candidates = {
      junk,
      FormatForgery.withHeader(genuine, junk),
      FormatForgery.mangleBody(genuine, random),
      java.util.Arrays.copyOf(genuine, random.nextInt(genuine.length)),
    };
    for (byte[] candidate : candidates) {
      try {
        SketchReader in = SketchFormat.reader(candidate, SketchType.RESERVOIR, 1);
        int count = in.getLength(8, "long");
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
          values[i] = in.getLong();
        }
        in.getString();
        in.expectEnd();
      } catch (SketchFormatException expected) {
        assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
      }
    }
  }

  private static void assertMessage(
      String fragment, org.junit.jupiter.api.function.Executable call) {
    SketchFormatException e = assertThrows(SketchFormatException.class, call);
    assertTrue(
        e.getMessage().contains(fragment),
        () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
