package io.sketches.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable little-endian buffer for one serialized sketch. Obtain one from {@link
 * SketchFormat#writer}, append the body, then call {@link #toByteArray()}, which fills in the body
 * length and checksum of the header.
 */
public final class SketchWriter {
  private byte[] buffer;
  private int position;

  SketchWriter(int capacity) {
    buffer = new byte[Math.max(capacity, SketchFormat.HEADER_BYTES)];
  }

  private void ensure(int more) {
    int needed = position + more;
    if (needed < 0) {
      throw new IllegalStateException("a serialized sketch cannot exceed 2 GiB");
    }
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }
  }

  public SketchWriter putByte(int value) {
    ensure(1);
    buffer[position++] = (byte) value;
    return this;
  }

  public SketchWriter putBoolean(boolean value) {
    return putByte(value ? 1 : 0);
  }

  public SketchWriter putShort(int value) {
    ensure(2);
    buffer[position++] = (byte) value;
    buffer[position++] = (byte) (value >>> 8);
    return this;
  }

  public SketchWriter putInt(int value) {
    ensure(4);
    writeInt(buffer, position, value);
    position += 4;
    return this;
  }

  public SketchWriter putLong(long value) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buffer[position++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  public SketchWriter putDouble(double value) {
    return putLong(Double.doubleToRawLongBits(value));
  }

  public SketchWriter putDoubles(double[] values) {
    ensure(8 * values.length);
    for (double value : values) {
      putDouble(value);
    }
    return this;
  }

  /**
   * An unsigned LEB128 varint: 7 bits per byte, low bits first, high bit set on all but the last
   * byte. Values are treated as unsigned 64-bit.
   */
  public SketchWriter putVarLong(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buffer[position++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[position++] = (byte) value;
    return this;
  }

  public SketchWriter putBytes(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, buffer, position, length);
    position += length;
    return this;
  }

  public SketchWriter putBytes(byte[] source) {
    return putBytes(source, 0, source.length);
  }

  /** A length as an unsigned varint, then the bytes. */
  public SketchWriter putLengthPrefixed(byte[] source) {
    putVarLong(source.length);
    return putBytes(source);
  }

  /** A string as its UTF-8 bytes, length-prefixed. */
  public SketchWriter putString(String value) {
    return putLengthPrefixed(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Bytes written so far, header included. */
  public int size() {
    return position;
  }

  /** The finished sketch: header with body length and CRC32C, then the body. */
  public byte[] toByteArray() {
    byte[] bytes = Arrays.copyOf(buffer, position);
    writeInt(bytes, SketchFormat.BODY_LENGTH_OFFSET, position - SketchFormat.HEADER_BYTES);
    writeInt(bytes, SketchFormat.CHECKSUM_OFFSET, SketchFormat.checksum(bytes));
    return bytes;
  }

  private static void writeInt(byte[] target, int offset, int value) {
    target[offset] = (byte) value;
    target[offset + 1] = (byte) (value >>> 8);
    target[offset + 2] = (byte) (value >>> 16);
    target[offset + 3] = (byte) (value >>> 24);
  }
}
