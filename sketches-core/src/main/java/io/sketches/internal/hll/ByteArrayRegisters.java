package io.sketches.internal.hll;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@link RegisterWords} over a {@code byte[]} of m registers (the core sketch's store), its words
 * read as little-endian longs.
 *
 * <p>Not public API (see the package documentation).
 */
public final class ByteArrayRegisters extends RegisterWords {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] bytes;

  /** A view of {@code bytes} (not copied), whose length m is a power of two ≥ 8. */
  public ByteArrayRegisters(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The registers themselves (not a copy). */
  public byte[] bytes() {
    return bytes;
  }

  /**
   * Raises every register to at least the same register of {@code other} (same m): the loop of
   * {@link #maxWith(RegisterWords)} over the two arrays held in locals, so the JIT hoists their
   * loads and range checks out of it.
   */
  public void maxWith(ByteArrayRegisters other) {
    byte[] mine = bytes;
    byte[] theirs = other.bytes;
    for (int i = 0; i < mine.length; i += Long.BYTES) {
      LONGS.set(mine, i, max8((long) LONGS.get(mine, i), (long) LONGS.get(theirs, i)));
    }
  }

  @Override
  public int register(int index) {
    return bytes[index];
  }

  @Override
  protected void raise(int index, int old, int value) {
    bytes[index] = (byte) value;
  }

  @Override
  protected int wordCount() {
    return bytes.length >>> 3;
  }

  @Override
  protected long word(int w) {
    return (long) LONGS.get(bytes, w << 3);
  }

  @Override
  protected void replaceWord(int w, long old, long replacement) {
    LONGS.set(bytes, w << 3, replacement); // unconditionally: no branch to mispredict
  }
}
