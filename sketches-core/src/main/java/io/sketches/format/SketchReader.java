package io.sketches.format;

import io.sketches.SketchFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reads over the body of one serialized sketch. Every read that would
 * pass the end of the body, and every length that announces more elements than the remaining bytes
 * could hold, throws {@link SketchFormatException}; so no forged length can make a reader allocate
 * more memory than the input itself occupies.
 */
public final class SketchReader {
  private final byte[] bytes;
  private final int end;
  private final int serialVersion;
  private final int flags;
  private int position;

  SketchReader(byte[] bytes, int start, int end, int serialVersion, int flags) {
    this.bytes = bytes;
    this.position = start;
    this.end = end;
    this.serialVersion = serialVersion;
    this.flags = flags;
  }

  /** The body layout version from the header. */
  public int serialVersion() {
    return serialVersion;
  }

  /** The type-specific flags from the header. */
  public int flags() {
    return flags;
  }

  public boolean hasFlag(int mask) {
    return (flags & mask) != 0;
  }

  public int remaining() {
    return end - position;
  }

  private int advance(int size, String what) {
    if (size > end - position) {
      throw fail(
          "truncated body: %s needs %d bytes at offset %d, %d remain",
          what, size, position, end - position);
    }
    int at = position;
    position += size;
    return at;
  }

  public int getByte() {
    return bytes[advance(1, "a byte")];
  }

  public int getUnsignedByte() {
    return bytes[advance(1, "a byte")] & 0xFF;
  }

  public boolean getBoolean() {
    int value = getUnsignedByte();
    if (value > 1) {
      throw fail("a boolean byte must be 0 or 1, found %d", value);
    }
    return value == 1;
  }

  public int getUnsignedShort() {
    int at = advance(2, "a short");
    return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
  }

  public int getInt() {
    return intAt(bytes, advance(4, "an int"));
  }

  public long getLong() {
    int at = advance(8, "a long");
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = value << 8 | (bytes[at + i] & 0xFFL);
    }
    return value;
  }

  public double getDouble() {
    return Double.longBitsToDouble(getLong());
  }

  /** A double that must be finite; the name goes into the error message. */
  public double getFiniteDouble(String name) {
    double value = getDouble();
    if (!Double.isFinite(value)) {
      throw fail("%s must be finite, found %s", name, value);
    }
    return value;
  }

  /** {@code count} doubles; {@code count} was validated with {@link #getLength}. */
  public double[] getDoubles(int count) {
    checkFits(count, 8, "doubles");
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = getDouble();
    }
    return values;
  }

  /**
   * An unsigned LEB128 varint as written by {@link SketchWriter#putVarLong}: in its shortest form
   * only (a last byte of 0 after others is refused), so that every value has one encoding and a
   * sketch read back writes the same bytes.
   */
  public long getVarLong() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = getUnsignedByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (shift == 63 && b > 1) {
          throw fail("varint overflows 64 bits");
        }
        if (b == 0 && shift > 0) {
          throw fail("varint of %d is not in its shortest form", value);
        }
        return value;
      }
    }
    throw fail("varint longer than 10 bytes");
  }

  /**
   * A count of elements that follow, each at least {@code minBytesPerElement} bytes long, read as
   * an unsigned varint. Throws unless the remaining body could hold that many elements, so the
   * caller can allocate an array of this length safely.
   */
  public int getLength(int minBytesPerElement, String what) {
    long count = getVarLong();
    checkFits(count, minBytesPerElement, what);
    return (int) count;
  }

  private void checkFits(long count, int minBytesPerElement, String what) {
    long minBytes = count * Math.max(1, minBytesPerElement);
    if (count < 0
        || count > Integer.MAX_VALUE
        || minBytes / Math.max(1, minBytesPerElement) != count
        || minBytes > remaining()) {
      throw fail("%s count %d cannot fit in the %d remaining bytes", what, count, remaining());
    }
  }

  public byte[] getBytes(int length) {
    if (length < 0) {
      throw fail("negative byte count %d", length);
    }
    int at = advance(length, "a byte run");
    byte[] copy = new byte[length];
    System.arraycopy(bytes, at, copy, 0, length);
    return copy;
  }

  /** A varint length, then that many bytes. */
  public byte[] getLengthPrefixed() {
    return getBytes(getLength(1, "byte"));
  }

  /**
   * A length-prefixed UTF-8 string; malformed UTF-8 is refused. Allocates the string only (a reader
   * of many short strings stays within a few times their bytes): the lenient decoding replaces
   * malformed input with U+FFFD, so only a string that contains one is decoded again strictly, to
   * tell an encoded U+FFFD from malformed bytes.
   */
  public String getString() {
    int length = getLength(1, "byte");
    int at = advance(length, "a string");
    if (length == 0) {
      return "";
    }
    String value = new String(bytes, at, length, StandardCharsets.UTF_8);
    if (value.indexOf('\uFFFD') >= 0) {
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, at, length));
      } catch (CharacterCodingException e) {
        throw new SketchFormatException("malformed UTF-8 in a string item", e);
      }
    }
    return value;
  }

  /** Throws unless the whole body was consumed: trailing bytes mean a different layout. */
  public void expectEnd() {
    if (position != end) {
      throw fail("%d unexpected trailing bytes after the body", end - position);
    }
  }

  /** A {@link SketchFormatException} with a formatted reason, for the caller to throw. */
  public SketchFormatException fail(String format, Object... args) {
    return new SketchFormatException(String.format(format, args));
  }

  /** Throws a {@link SketchFormatException} with the reason unless {@code condition} holds. */
  public void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw fail(format, args);
    }
  }

  static int intAt(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFF)
        | (bytes[offset + 1] & 0xFF) << 8
        | (bytes[offset + 2] & 0xFF) << 16
        | (bytes[offset + 3] & 0xFF) << 24;
  }
}
