package io.sketches.sampling;

/**
 * Natural logarithms in plain IEEE arithmetic, so that every JVM on every CPU computes the same
 * bits (Java floating point is strict since 17) without the cost of the native {@link
 * StrictMath#log} of JDK 17: x = m·2<sup>e</sup> with m in [√½, √2), then log m = 2 atanh(s) =
 * 2(s + s³/3 + s⁵/5 + …) with s = (m − 1)/(m + 1), |s| ≤ 0.172, summed to 23rd order (truncation
 * below 10<sup>−18</sup>); e·ln 2 is added in two parts as in fdlibm. Within 2 ulp of the true
 * logarithm (tested against {@link StrictMath}).
 */
final class PortableLog {
  private static final double SQRT2 = 1.4142135623730951;
  private static final double LN2_HI = 6.93147180369123816490e-01; // high 32 bits of ln 2
  private static final double LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI

  private PortableLog() {}

  /** log x for finite x &gt; 0. */
  static double log(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int exponent = (int) (bits >>> 52) - 1023;
    if (exponent == -1023) { // subnormal: scale into the normal range first
      bits = Double.doubleToRawLongBits(x * 0x1.0p54);
      exponent = (int) (bits >>> 52) - 1023 - 54;
    }
    double m = Double.longBitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
    if (m > SQRT2) {
      m *= 0.5;
      exponent++;
    }
    double s = (m - 1) / (m + 1);
    double s2 = s * s;
    double series = s2 * (1 / 3.0 + s2 * (1 / 5.0 + s2 * (1 / 7.0 + s2 * (1 / 9.0 + s2 * (1 / 11.0
        + s2 * (1 / 13.0 + s2 * (1 / 15.0 + s2 * (1 / 17.0 + s2 * (1 / 19.0 + s2 * (1 / 21.0
        + s2 / 23.0))))))))));
    double twoS = 2 * s;
    return exponent * LN2_HI + (twoS + (twoS * series + exponent * LN2_LO));
  }

  /**
   * log(1 + x) for x in (−1, 0], accurate for tiny x: with u = 1 + x rounded, log(u)·x/(u − 1)
   * (Goldberg, "What every computer scientist should know about floating-point arithmetic",
   * 1991, Theorem 4).
   */
  static double log1p(double x) {
    double u = 1 + x;
    if (u == 1) {
      return x;
    }
    return log(u) * x / (u - 1);
  }
}
