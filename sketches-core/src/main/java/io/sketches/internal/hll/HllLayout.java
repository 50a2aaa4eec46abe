package io.sketches.internal.hll;

/**
 * The hash layout of a HyperLogLog of precision p, written once: where an item hash puts its
 * register and value, its sparse entry, and what an entry or a folded register stands for.
 *
 * <p>Of the 64-bit item hash h, the top p bits are the register index and the register value is 1 +
 * the number of leading zeros of the remaining 64 − p bits, capped at 65 − p (Flajolet, Fusy,
 * Gandouet, Meunier 2007; the layout of hash4j and of Ertl 2017). A sparse entry (Heule, Nunkesser,
 * Hall 2013) is {@code fineIndex << 6 | fineValue}: the fine index is the top {@value
 * #FINE_INDEX_BITS} bits of h; the fine value is 0 unless the 24 − p fine index bits below the
 * register index are all 0, and then 1 + the leading zeros of the 40 bits after the fine index (at
 * most {@value #MAX_FINE_VALUE}). Either way an entry determines its register value.
 *
 * <p>Not public API (see the package documentation).
 */
public final class HllLayout {
  /** Bits of a sparse entry's fine index: the top 24 bits of the item hash. */
  public static final int FINE_INDEX_BITS = 24;

  /** Bits of a sparse entry below the fine index, holding the fine value. */
  public static final int VALUE_BITS = 6;

  /** Masks the fine value of an entry (and the value of a staged register raise). */
  public static final int VALUE_MASK = (1 << VALUE_BITS) - 1;

  /** Largest fine value: 1 + leading zeros of the 40 bits after the fine index. */
  public static final int MAX_FINE_VALUE = 65 - FINE_INDEX_BITS;

  private HllLayout() {}

  /** The largest register value at precision p: 65 − p. */
  public static int maxRegisterValue(int precision) {
    return 65 - precision;
  }

  /** The most sparse entries a sketch of precision p holds: m/8, so never more than dense. */
  public static int sparseLimit(int precision) {
    return 1 << (precision - 3);
  }

  /** The register of an item hash: its top p bits. */
  public static int registerIndex(int precision, long hash) {
    return rotatedIndex(rotate(precision, hash), (1 << precision) - 1);
  }

  /**
   * The value an item hash raises its register to: 1 + leading zeros of the other bits, ≤ 65 − p.
   */
  public static int registerValue(int precision, long hash) {
    return rotatedValue(rotate(precision, hash), rankSentinel(precision));
  }

  /**
   * The item hash rotated left by p, so that one rotation gives both the register index (the top p
   * bits land in the low p bits) and the value (the rank bits on top): the form of the hot update
   * loops, which keep the masks below as per-precision constants.
   */
  public static long rotate(int precision, long hash) {
    return Long.rotateLeft(hash, precision);
  }

  /** The register index of a rotated hash; {@code mask} = m − 1 (a register array's length − 1). */
  public static int rotatedIndex(long rotated, int mask) {
    return (int) rotated & mask;
  }

  /**
   * The register value of a rotated hash: 1 + its leading zeros, which the sentinel bit p − 1
   * ({@link #rankSentinel}) caps at 64 − p.
   */
  public static int rotatedValue(long rotated, long rankSentinel) {
    return Long.numberOfLeadingZeros(rotated | rankSentinel) + 1;
  }

  /** 1L &lt;&lt; (p − 1): the bit below the 64 − p rank bits of a rotated hash. */
  public static long rankSentinel(int precision) {
    return 1L << (precision - 1);
  }

  /** The fine index bits below the register index: 2^(24 − p) − 1. */
  public static int lowMask(int precision) {
    return (1 << (FINE_INDEX_BITS - precision)) - 1;
  }

  /** The sparse entry of an item hash at precision p: {@code fineIndex << 6 | fineValue}. */
  public static int entry(int precision, long hash) {
    int fineIndex = (int) (hash >>> -FINE_INDEX_BITS);
    int value =
        (fineIndex & lowMask(precision)) != 0
            ? 0
            : Long.numberOfLeadingZeros(hash << FINE_INDEX_BITS | 1L << (FINE_INDEX_BITS - 1)) + 1;
    return fineIndex << VALUE_BITS | value;
  }

  /** The fine index of an entry. */
  public static int fineIndex(int entry) {
    return entry >>> VALUE_BITS;
  }

  /**
   * The entry of a fine index at precision p, its fine value kept only where the fine index bits
   * below the register index are all 0 (an entry of a larger precision, refolded).
   */
  public static int canonicalEntry(int precision, int fineIndex, int fineValue) {
    return fineIndex << VALUE_BITS | ((fineIndex & lowMask(precision)) != 0 ? 0 : fineValue);
  }

  /** The register a sparse entry belongs to at precision p. */
  public static int entryRegisterIndex(int precision, int entry) {
    return entry >>> (VALUE_BITS + FINE_INDEX_BITS - precision);
  }

  /** The register value a sparse entry stands for at precision p. */
  public static int entryRegisterValue(int precision, int entry) {
    int shift = FINE_INDEX_BITS - precision;
    return foldedValue(shift, (entry >>> VALUE_BITS) & ((1 << shift) - 1), entry & VALUE_MASK);
  }

  /**
   * The value of a register of precision p' = p − shift (or of a fine register, shift = 24 − p)
   * covering a finer register: the {@code shift} index bits below the coarse index become the top
   * rank bits, so if they are not all 0 ({@code low} ≠ 0) they alone give 1 + their leading zeros;
   * else the fine value counts {@code shift} more zeros.
   */
  public static int foldedValue(int shift, int low, int value) {
    return low != 0 ? Integer.numberOfLeadingZeros(low) - (32 - shift) + 1 : value + shift;
  }

  /** The home slot of a fine index in a table of mask + 1 slots. */
  static int homeSlot(int fineIndex, int mask) {
    // Fibonacci hashing: fine indexes from crafted hashes may be clustered; spread them.
    return (fineIndex * 0x9E3779B9 >>> 16) & mask;
  }
}
