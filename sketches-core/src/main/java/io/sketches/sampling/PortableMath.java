package io.sketches.sampling;

import org.apache.commons.math3.util.FastMath;

/**
 * The logarithms and exponentials the samplers draw with, in plain Java arithmetic so that every
 * JVM on every CPU computes the same bits (Java floating point is strict since 17, and the JIT may
 * not fuse multiply-adds): never the intrinsic {@link Math#log} or {@link Math#exp}, whose last bit
 * may differ between CPUs.
 *
 * <p>{@link #log} and {@link #exp} are commons-math3 {@link FastMath} (table-driven pure Java,
 * within 1 ulp). {@link #fastLog} and {@link #fastExp} are the hot path of Algorithm L: the classic
 * table-plus-polynomial reductions (P. T. P. Tang, "Table-driven implementation of the logarithm
 * function in IEEE floating-point arithmetic", ACM TOMS 16(4), 1990, and "… exponential function
 * …", ACM TOMS 15(2), 1989) with short tables filled at class loading by {@link StrictMath}
 * (fdlibm, the same bits on every JVM) and a degree-6 or degree-5 Taylor polynomial, within a few
 * ulps and about four times faster than {@code FastMath}. A few ulps of a random variate change
 * nothing measurable in a sample's distribution; determinism is what matters.
 */
final class PortableMath {
  private PortableMath() {}

  // fastLog: x = 2^e · z, z in [362/512, 362/256), z = c · (1 + r) with c the nearest point of a
  // grid of step 2^-9 below 1 and 2^-8 above (257 points, c = 1 exactly among them), |r| ≤ 2^-9.
  /** The bits of 362/512 = 0.70703125, just below √½: where the reduced argument z starts. */
  private static final long LOG_OFFSET = 0x3FE6_A000_0000_0000L;

  /** For grid point i: 1/c at 2i and log c at 2i + 1, side by side (one bounds check, one line). */
  private static final double[] LOG_GRID_TABLE = new double[2 * 257];

  /** ln 2 split so that e · LN2_HI is exact for every binary exponent e. */
  private static final double LN2_HI = 0x1.62e42fee00000p-1;

  private static final double LN2_LO = 0x1.a39ef35793c76p-33;

  // fastExp: x = (256·n + j) · ln2/256 + r, |r| ≤ ln2/512, e^x = 2^n · 2^(j/256) · e^r.
  private static final double[] EXP_TABLE = new double[256];
  private static final double INV_LN2_256 = 256 / 0.6931471805599453;

  /** ln2/256 split so that m · LN2_256_HI is exact for |m| < 2^21. */
  private static final double LN2_256_HI = LN2_HI / 256;

  private static final double LN2_256_LO = LN2_LO / 256;

  static {
    for (int i = 0; i < 257; i++) {
      double c = Double.longBitsToDouble(LOG_OFFSET + ((long) i << 44));
      LOG_GRID_TABLE[2 * i] = 1 / c;
      LOG_GRID_TABLE[2 * i + 1] = c == 1 ? 0 : StrictMath.log(c);
    }
    for (int j = 0; j < EXP_TABLE.length; j++) {
      EXP_TABLE[j] = StrictMath.pow(2, j / 256.0);
    }
  }

  /** log x for finite x &gt; 0, within 1 ulp. */
  static double log(double x) {
    return FastMath.log(x);
  }

  /** e<sup>x</sup>, within 1 ulp. */
  static double exp(double x) {
    return FastMath.exp(x);
  }

  /**
   * log x for finite x &gt; 0, within a few ulps (Tang 1990): z − c is exact by Sterbenz's lemma,
   * so the only roundings are r = (z − c)/c, the table entry and the polynomial.
   */
  static double fastLog(double x) {
    if (!(x >= Double.MIN_NORMAL) || x == Double.POSITIVE_INFINITY) {
      return FastMath.log(x); // subnormal, zero, negative, NaN, infinite: rare, slow path
    }
    long bits = Double.doubleToRawLongBits(x);
    long fromOffset = bits - LOG_OFFSET; // branch-free reduction (as in musl's log)
    int exponent = (int) (fromOffset >> 52);
    long zBits = bits - (fromOffset & 0xFFF0_0000_0000_0000L);
    long i = (zBits - LOG_OFFSET + (1L << 43)) >>> 44; // the nearest grid point, c
    double c = Double.longBitsToDouble(LOG_OFFSET + (i << 44));
    int at = 2 * (int) i;
    double r = (Double.longBitsToDouble(zBits) - c) * LOG_GRID_TABLE[at];
    // log(1 + r) = r − r²/2 + r³/3 − r⁴/4 + r⁵/5 − r⁶/6; the next term is below 2^-63 · |r|.
    double r2 = r * r;
    double tail = r2 * (-0.5 + r * (1.0 / 3 + r * (-0.25 + r * (0.2 + r * (-1.0 / 6)))));
    return (exponent * LN2_HI + LOG_GRID_TABLE[at + 1]) + (r + (tail + exponent * LN2_LO));
  }

  /** e<sup>x</sup> for x ≤ 0, within a few ulps (Tang 1989); 0 below −745. */
  static double fastExp(double x) {
    if (!(x >= -708 && x <= 0)) {
      return FastMath.exp(x); // near underflow, positive or NaN: rare, slow path
    }
    int m = (int) Math.rint(x * INV_LN2_256);
    double r = (x - m * LN2_256_HI) - m * LN2_256_LO;
    // e^r − 1 = r + r²/2 + r³/6 + r⁴/24 + r⁵/120; the next term is below 2^-62 · |r|.
    double p = r + r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120))));
    double table = EXP_TABLE[m & 255];
    double scale = Double.longBitsToDouble((long) ((m >> 8) + 1023) << 52);
    return (table + table * p) * scale;
  }

  /**
   * log(1 + x) for x in (−1, 0], accurate for tiny x: with u = 1 + x rounded, log(u)·x/(u − 1)
   * (Goldberg, "What every computer scientist should know about floating-point arithmetic", 1991,
   * Theorem 4); four times faster than {@link FastMath#log1p}.
   */
  static double log1p(double x) {
    double u = 1 + x;
    if (u == 1) {
      return x;
    }
    return FastMath.log(u) * x / (u - 1);
  }
}
