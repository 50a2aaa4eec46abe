package io.sketches.hash;

import com.google.common.hash.PrimitiveSink;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * A per-thread {@link PrimitiveSink} that collects what a Guava {@code Funnel} writes, multi-byte
 * primitives little-endian (as Guava's own hashers do), so it can be hashed as one byte run.
 */
final class FunnelSink implements PrimitiveSink {
  private static final ThreadLocal<FunnelSink> PER_THREAD = ThreadLocal.withInitial(FunnelSink::new);

  private byte[] bytes = new byte[64];
  private int length;

  static FunnelSink get() {
    FunnelSink sink = PER_THREAD.get();
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

  private FunnelSink putLittleEndian(long value, int size) {
    ensure(size);
    for (int i = 0; i < size; i++) {
      bytes[length++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  @Override
  public PrimitiveSink putByte(byte b) {
    return putLittleEndian(b, 1);
  }

  @Override
  public PrimitiveSink putBytes(byte[] source) {
    return putBytes(source, 0, source.length);
  }

  @Override
  public PrimitiveSink putBytes(byte[] source, int offset, int count) {
    ensure(count);
    System.arraycopy(source, offset, bytes, length, count);
    length += count;
    return this;
  }

  @Override
  public PrimitiveSink putBytes(ByteBuffer source) {
    int count = source.remaining();
    ensure(count);
    source.get(bytes, length, count);
    length += count;
    return this;
  }

  @Override
  public PrimitiveSink putShort(short s) {
    return putLittleEndian(s, 2);
  }

  @Override
  public PrimitiveSink putInt(int i) {
    return putLittleEndian(i, 4);
  }

  @Override
  public PrimitiveSink putLong(long l) {
    return putLittleEndian(l, 8);
  }

  @Override
  public PrimitiveSink putFloat(float f) {
    return putInt(Float.floatToRawIntBits(f));
  }

  @Override
  public PrimitiveSink putDouble(double d) {
    return putLong(Double.doubleToRawLongBits(d));
  }

  @Override
  public PrimitiveSink putBoolean(boolean b) {
    return putLittleEndian(b ? 1 : 0, 1);
  }

  @Override
  public PrimitiveSink putChar(char c) {
    return putLittleEndian(c, 2);
  }

  @Override
  public PrimitiveSink putUnencodedChars(CharSequence chars) {
    for (int i = 0; i < chars.length(); i++) {
      putChar(chars.charAt(i));
    }
    return this;
  }

  @Override
  public PrimitiveSink putString(CharSequence chars, Charset charset) {
    return putBytes(chars.toString().getBytes(charset));
  }
}
