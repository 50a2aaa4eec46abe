package io.sketches.bench.cardinality;

import java.util.SplittableRandom;

/**
 * Exact simulation of the registers of a HyperLogLog with m = 2^p registers fed distinct items with
 * uniform 64-bit hashes, jumping from one state change to the next (the skip technique of Ertl's
 * simulations). An item changes the state with probability q = (1/m) Σ_{r_j < 65−p} 2^−r_j; the
 * number of items up to and including the next change is geometric(q), and the change itself picks
 * register j with probability ∝ 2^−r_j and a new value r_j + i with probability 2^−i (the rest at
 * the cap). Each change is returned as a hash that causes exactly it, under the layout index = top
 * p bits, value = 1 + leading zeros of the other 64 − p bits (ours and hash4j's), so real sketches
 * can be driven through it: items that change nothing are skipped, and they change nothing in those
 * sketches either, estimators and martingale included, as long as their state is the registers
 * (ours once dense; its sparse entries see finer bits, so a trial feeds real items, through {@link
 * #observe}, until it is dense).
 */
final class RegisterProcessSimulator {
  private final int precision;
  private final int maxValue;
  private final SplittableRandom random;

  /** Registers ordered by value: value k occupies positions [classStart[k], classStart[k+1]). */
  private final int[] byValue;

  private final int[] positionOf;
  private final int[] valueOf;
  private final int[] classStart;

  RegisterProcessSimulator(int precision, SplittableRandom random) {
    this.precision = precision;
    this.maxValue = 65 - precision;
    this.random = random;
    int m = 1 << precision;
    byValue = new int[m];
    positionOf = new int[m];
    valueOf = new int[m];
    for (int i = 0; i < m; i++) {
      byValue[i] = i;
      positionOf[i] = i;
    }
    classStart = new int[maxValue + 2];
    java.util.Arrays.fill(classStart, 1, classStart.length, m);
  }

  private int count(int value) {
    return classStart[value + 1] - classStart[value];
  }

  /** Σ_{k < cap} count_k 2^−k, i.e. m times the probability that an item changes the state. */
  private double changeWeight() {
    double weight = 0;
    for (int k = 0; k < maxValue; k++) {
      weight += Math.scalb((double) count(k), -k);
    }
    return weight;
  }

  /**
   * The number of items up to and including the next state change, or {@link Long#MAX_VALUE} if
   * every register is saturated.
   */
  long itemsToNextChange() {
    double q = changeWeight() / (1 << precision);
    if (q >= 1) {
      return 1;
    }
    if (q <= 0) {
      return Long.MAX_VALUE;
    }
    double u = 1.0 - random.nextDouble(); // in (0, 1]
    double skip = Math.floor(Math.log(u) / Math.log1p(-q));
    return skip >= 1e18 ? Long.MAX_VALUE : 1 + (long) skip;
  }

  /** Applies the next state change and returns a hash that causes exactly it. */
  long nextChange() {
    double u = random.nextDouble() * changeWeight();
    int value = 0;
    for (int k = 0; k < maxValue; k++) {
      double w = Math.scalb((double) count(k), -k);
      if (w > 0) {
        value = k;
        if (u < w) {
          break;
        }
        u -= w;
      }
    }
    int register = byValue[classStart[value] + random.nextInt(count(value))];
    int newValue = value + 1;
    while (newValue < maxValue && random.nextBoolean()) {
      newValue++;
    }
    raise(register, newValue);
    return hashOf(register, newValue);
  }

  /** Follows a real item's hash, so that simulation can take over from a real stream. */
  void observe(long hash) {
    int register = (int) (hash >>> -precision);
    int value = Long.numberOfLeadingZeros(hash << precision | 1L << (precision - 1)) + 1;
    if (value > valueOf[register]) {
      raise(register, value);
    }
  }

  /** Moves the register up one class at a time: swap it to the end of its class and shrink it. */
  private void raise(int register, int newValue) {
    for (int k = valueOf[register]; k < newValue; k++) {
      int last = classStart[k + 1] - 1;
      int position = positionOf[register];
      int other = byValue[last];
      byValue[last] = register;
      byValue[position] = other;
      positionOf[other] = position;
      positionOf[register] = last;
      classStart[k + 1]--;
    }
    valueOf[register] = newValue;
  }

  private long hashOf(int register, int value) {
    int rankBits = 64 - precision;
    long low = 0;
    if (value <= rankBits) {
      long leadingOne = 1L << (rankBits - value);
      low = leadingOne | (random.nextLong() & (leadingOne - 1));
    }
    return (long) register << rankBits | low;
  }
}
