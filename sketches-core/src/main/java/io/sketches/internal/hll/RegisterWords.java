package io.sketches.internal.hll;

/**
 * The dense representation of a HyperLogLog: m one-byte registers, eight to a 64-bit word, register
 * i in byte i mod 8 (little-endian) of word i/8. The register raise, the fold of sparse entries
 * into registers (turning dense) and the register-wise maximum of two sketches are written once
 * here; a final subclass per store supplies the accessors — a {@code byte[]} in the core sketch
 * ({@link ByteArrayRegisters}), a slice of BIGINT fields of an engine's buffer row — so the JIT
 * inlines them into the loops.
 *
 * <p>Not public API (see the package documentation).
 */
public abstract class RegisterWords {
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** The value of register {@code index}. */
  public abstract int register(int index);

  /** Sets register {@code index}, which holds {@code old}, to the larger {@code value}. */
  protected abstract void raise(int index, int old, int value);

  /** The number of words: m/8. */
  protected abstract int wordCount();

  /** Word {@code w}: registers 8w..8w+7. */
  protected abstract long word(int w);

  /** Replaces word {@code w}, which holds {@code old}, by {@code replacement} (maybe equal). */
  protected abstract void replaceWord(int w, long old, long replacement);

  /** Raises register {@code index} to at least {@code value}; returns its previous value. */
  public final int raise(int index, int value) {
    int old = register(index);
    if (value > old) {
      raise(index, old, value);
    }
    return old;
  }

  /**
   * Raises the registers of precision p to the values that the sparse entries {@code entries[0,
   * count)} stand for ({@link HllLayout#entryRegisterValue}), in any order: the dense form of a
   * sparse table, or a sparse sketch merged into a dense one.
   */
  public final void raiseEntries(int precision, int[] entries, int count) {
    for (int i = 0; i < count; i++) {
      raiseEntry(precision, entries[i]);
    }
  }

  /**
   * Raises the register of precision p that a sparse entry belongs to, to the value it stands for.
   */
  public final void raiseEntry(int precision, int entry) {
    raise(
        HllLayout.entryRegisterIndex(precision, entry),
        HllLayout.entryRegisterValue(precision, entry));
  }

  /** Raises every register to at least the same register of {@code other} (same precision). */
  public final void maxWith(RegisterWords other) {
    int words = wordCount();
    for (int w = 0; w < words; w++) {
      long mine = word(w);
      replaceWord(w, mine, max8(mine, other.word(w)));
    }
  }

  /**
   * The byte-wise maximum of eight registers at a time (SWAR): values are below 128, so (a | 0x80)
   * − b never borrows across bytes and its high bit says a ≥ b.
   */
  protected static long max8(long a, long b) {
    long keepA = ((((a | HIGH_BITS) - b) & HIGH_BITS) >>> 7) * 0xFF;
    return (a & keepA) | (b & ~keepA);
  }
}
