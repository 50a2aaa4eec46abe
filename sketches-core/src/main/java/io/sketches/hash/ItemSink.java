package io.sketches.hash;

import java.nio.charset.Charset;

/**
 * Where an {@link ItemEncoder} writes an item: one run of bytes, multi-byte primitives
 * little-endian (as Guava's {@code PrimitiveSink} into its hashers), so an encoder that writes
 * {@code putInt(x).putLong(y)} hashes as the 12 little-endian bytes of x then y.
 */
public interface ItemSink {
  ItemSink putByte(byte b);

  ItemSink putBytes(byte[] bytes);

  ItemSink putBytes(byte[] bytes, int offset, int length);

  ItemSink putShort(short s);

  ItemSink putInt(int i);

  ItemSink putLong(long l);

  /** The float's raw IEEE 754 bits as an int. */
  ItemSink putFloat(float f);

  /** The double's raw IEEE 754 bits as a long. */
  ItemSink putDouble(double d);

  /** One byte, 1 or 0. */
  ItemSink putBoolean(boolean b);

  /** The char as two bytes. */
  ItemSink putChar(char c);

  /** Each char as two bytes, no encoding. */
  ItemSink putUnencodedChars(CharSequence chars);

  /** The chars encoded with {@code charset}, no length prefix. */
  ItemSink putString(CharSequence chars, Charset charset);
}
