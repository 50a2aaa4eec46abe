package io.sketches.hash;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * A per-thread {@link ItemSink} that collects what an {@link ItemEncoder} writes, multi-byte
 * primitives little-endian, so it can be hashed as one byte run.
 */
final class ByteRunSink implements ItemSink {
  private static final ThreadLocal<ByteRunSink> PER_THREAD =
      ThreadLocal.withInitial(ByteRunSink::new);

  private byte[] bytes = new byte[64];
  private int length;

  static ByteRunSink get() {
    ByteRunSink sink = PER_THREAD.get();
    sink.length = 0;
    return sink;
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
    }
  }

  private ByteRunSink putLittleEndian(long value, int size) {
    ensure(size);
    for (int i = 0; i < size; i++) {
      bytes[length++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  @Override
  public ItemSink putByte(byte b) {
    return putLittleEndian(b, 1);
  }

  @Override
  public ItemSink putBytes(byte[] source) {
    return putBytes(source, 0, source.length);
  }

  @Override
  public ItemSink putBytes(byte[] source, int offset, int count) {
    ensure(count);
    System.arraycopy(source, offset, bytes, length, count);
    length += count;
    return this;
  }

  @Override
  public ItemSink putShort(short s) {
    return putLittleEndian(s, 2);
  }

  @Override
  public ItemSink putInt(int i) {
    return putLittleEndian(i, 4);
  }

  @Override
  public ItemSink putLong(long l) {
    return putLittleEndian(l, 8);
  }

  @Override
  public ItemSink putFloat(float f) {
    return putInt(Float.floatToRawIntBits(f));
  }

  @Override
  public ItemSink putDouble(double d) {
    return putLong(Double.doubleToRawLongBits(d));
  }

  @Override
  public ItemSink putBoolean(boolean b) {
    return putLittleEndian(b ? 1 : 0, 1);
  }

  @Override
  public ItemSink putChar(char c) {
    return putLittleEndian(c, 2);
  }

  @Override
  public ItemSink putUnencodedChars(CharSequence chars) {
    for (int i = 0; i < chars.length(); i++) {
      putChar(chars.charAt(i));
    }
    return this;
  }

  @Override
  public ItemSink putString(CharSequence chars, Charset charset) {
    return putBytes(chars.toString().getBytes(charset));
  }
}
