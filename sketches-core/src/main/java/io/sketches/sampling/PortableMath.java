package io.sketches.sampling;

import org.apache.commons.math3.util.FastMath;

/**
 * The logarithms and exponentials the samplers draw with, in plain Java arithmetic so that every
 * JVM on every CPU computes the same bits (Java floating point is strict since 17): commons-math3
 * {@link FastMath}, which is table-driven pure Java, instead of the intrinsic {@link Math} (whose
 * last bit may differ between CPUs) or the JNI {@link StrictMath#log} of JDK 17 (slow).
 */
final class PortableMath {
  private PortableMath() {}

  /** log x for finite x &gt; 0. */
  static double log(double x) {
    return FastMath.log(x);
  }

  /** e<sup>x</sup>. */
  static double exp(double x) {
    return FastMath.exp(x);
  }

  /**
   * log(1 + x) for x in (−1, 0], accurate for tiny x: with u = 1 + x rounded, log(u)·x/(u − 1)
   * (Goldberg, "What every computer scientist should know about floating-point arithmetic",
   * 1991, Theorem 4); four times faster than {@link FastMath#log1p}.
   */
  static double log1p(double x) {
    double u = 1 + x;
    if (u == 1) {
      return x;
    }
    return FastMath.log(u) * x / (u - 1);
  }
}
