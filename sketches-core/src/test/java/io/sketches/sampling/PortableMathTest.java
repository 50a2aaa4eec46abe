package io.sketches.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PortableMathTest {

  @Test
  void matchesStrictMathWithinAFewUlps() {
    SplittableRandom random = new SplittableRandom(1);
    double worstLog = 0;
    double worstLog1p = 0;
    for (int i = 0; i < 200_000; i++) {
      double unit = ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
      double x = i % 2 == 0 ? unit : Math.scalb(unit, -random.nextInt(1060)) + Double.MIN_VALUE;
      double expected = StrictMath.log(x);
      worstLog = Math.max(worstLog, Math.abs(PortableMath.log(x) - expected) / Math.ulp(expected));
      double minus = -Math.scalb(unit, -random.nextInt(60));
      double expected1p = StrictMath.log1p(minus);
      worstLog1p =
          Math.max(
              worstLog1p, Math.abs(PortableMath.log1p(minus) - expected1p) / Math.ulp(expected1p));
    }
    assertTrue(worstLog <= 1, "log off by " + worstLog + " ulp");
    assertTrue(worstLog1p <= 4, "log1p off by " + worstLog1p + " ulp");
    assertEquals(0.0, PortableMath.log(1.0));
    assertEquals(StrictMath.log(Double.MIN_VALUE), PortableMath.log(Double.MIN_VALUE), 1e-12);
    System.out.printf("worst error: log %.2f ulp, log1p %.2f ulp%n", worstLog, worstLog1p);
  }

  /** The table-driven hot-path functions of Algorithm L stay within a few ulps of fdlibm. */
  @Test
  void fastFunctionsMatchStrictMathWithinAFewUlps() {
    SplittableRandom random = new SplittableRandom(2);
    double worstLog = 0;
    double worstExp = 0;
    for (int i = 0; i < 200_000; i++) {
      double unit = ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
      double x =
          switch (i % 3) {
            case 0 -> unit;
            case 1 -> Math.scalb(unit, random.nextInt(2000) - 1000);
            default -> 1 + (unit - 0.5) * Math.scalb(1.0, -random.nextInt(50)); // near 1: log tiny
          };
      if (x != 1) {
        worstLog = Math.max(worstLog, ulps(PortableMath.fastLog(x), StrictMath.log(x)));
      }
      double y = -unit * Math.scalb(1.0, random.nextInt(20) - 10);
      worstExp = Math.max(worstExp, ulps(PortableMath.fastExp(y), StrictMath.exp(y)));
    }
    assertTrue(worstLog <= 3, "fastLog off by " + worstLog + " ulp");
    assertTrue(worstExp <= 3, "fastExp off by " + worstExp + " ulp");
    assertEquals(0.0, PortableMath.fastLog(1.0));
    assertEquals(1.0, PortableMath.fastExp(0.0));
    assertEquals(StrictMath.log(Double.MIN_VALUE), PortableMath.fastLog(Double.MIN_VALUE), 1e-12);
    assertEquals(0.0, PortableMath.fastExp(-800));
    System.out.printf("worst error: fastLog %.2f ulp, fastExp %.2f ulp%n", worstLog, worstExp);
  }

  private static double ulps(double actual, double expected) {
    return Math.abs(actual - expected) / Math.ulp(expected);
  }
}
