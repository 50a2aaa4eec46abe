package io.sketches.quantiles;

/**
 * Items as order-preserving {@code long} keys, so that one sort and one merge serve longs and
 * doubles: a long is its own key; a double's key is its IEEE 754 bits with the magnitude bits
 * flipped when negative, which orders keys as signed longs exactly as the doubles order (−∞ first,
 * +∞ last). −0.0 is kept as 0.0, so equal doubles have equal keys; NaN has no key.
 */
final class ItemKeys {
  /** The key of −∞, the smallest key a double has. */
  static final long NEGATIVE_INFINITY_KEY = keyOf(Double.NEGATIVE_INFINITY);

  /** The key of +∞, the largest key a double has. */
  static final long POSITIVE_INFINITY_KEY = keyOf(Double.POSITIVE_INFINITY);

  /** The key −0.0 would have: never stored, since −0.0 is kept as 0.0. */
  static final long NEGATIVE_ZERO_KEY = -1L;

  private static final double TWO_TO_63 = 0x1p63;

  private ItemKeys() {}

  /** The key of a non-NaN double; −0.0 maps to the key of 0.0. */
  static long keyOf(double value) {
    long bits = Double.doubleToRawLongBits(value + 0.0); // −0.0 + 0.0 == +0.0
    return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
  }

  /** The double whose key this is. */
  static double doubleOf(long key) {
    return Double.longBitsToDouble(key ^ ((key >> 63) & 0x7fffffffffffffffL));
  }

  /** Whether {@code key} is the key of a double this sketch may hold (not NaN, not −0.0). */
  static boolean isDoubleKey(long key) {
    return key >= NEGATIVE_INFINITY_KEY && key <= POSITIVE_INFINITY_KEY && key != NEGATIVE_ZERO_KEY;
  }

  /**
   * The largest key of this kind that is ≤ {@code value}, for exact comparison of long items with a
   * double: every long item x has x ≤ value iff x ≤ the returned key. A value below every long
   * gives {@link Long#MIN_VALUE} with {@code below} set by the caller's check ({@link
   * #belowAllLongs}).
   */
  static long longFloor(double value) {
    if (value >= TWO_TO_63) {
      return Long.MAX_VALUE;
    }
    return (long) Math.floor(value); // saturates at Long.MIN_VALUE below −2^63
  }

  /** Whether every long is greater than {@code value}. */
  static boolean belowAllLongs(double value) {
    return value < -TWO_TO_63;
  }

  /**
   * The key of the largest double that is ≤ {@code value}: every double item x has x ≤ value iff
   * key(x) ≤ the returned key.
   */
  static long doubleFloorKey(long value) {
    double nearest = (double) value;
    if (nearest >= TWO_TO_63 || (long) nearest > value) {
      nearest = Math.nextDown(nearest);
    }
    return keyOf(nearest);
  }
}
