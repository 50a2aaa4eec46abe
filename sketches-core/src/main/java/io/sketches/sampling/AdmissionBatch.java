package io.sketches.sampling;

/**
 * The arithmetic of Algorithm L's admissions (Kim-Hung Li, "Reservoir-sampling algorithms of time
 * complexity O(n(1 + log(N/n)))", ACM TOMS 20(4), 1994) for {@link ReservoirSampler}, and the
 * scratch space that computes up to {@link #SIZE} of them at once for the bulk updates.
 *
 * <p>An admission draws three 64-bit numbers: the high half of the first picks the replaced slot
 * (Lemire's multiply-shift), its low half is a uniform V, the other two are uniforms U₁, U₂. Li's
 * two exponential variates come from one logarithm: G = −log(U₁U₂) is Gamma(2, 1), and GV and G(1 −
 * V) are independent Exp(1). Then W ← W · exp(−GV/k) (the new largest of k uniform keys below W)
 * and S = ⌊G(1 − V) / −log(1 − W)⌋ items are skipped before the next admission.
 *
 * <p>{@link #plan} computes a batch in stages: an admission's draws and variates do not depend on
 * its position, and W only through one multiplication, so the transcendental calls of different
 * admissions are independent and the CPU overlaps them (one admission at a time is a chain of three
 * dependent table lookups and two divisions, about twice as slow). Draws for admissions beyond the
 * available items are computed and dropped: the generator is set back to its state after the last
 * admission kept, so every update path draws the same numbers at the same positions as {@link
 * ReservoirSampler}'s one-at-a-time admission.
 */
final class AdmissionBatch {
  /** Admissions per batch. */
  static final int SIZE = 32;

  /** Admission i takes the item at this offset from the position the batch started at. */
  final int[] offsets = new int[SIZE];

  /** Admission i replaces this slot. */
  final int[] slots = new int[SIZE];

  /** The count after the batch: the last admission's position, or all available items. */
  long countAfter;

  /** Li's W after the last admission of the batch. */
  double thresholdAfter;

  /** The position of the first admission after the batch. */
  long nextAdmissionAfter;

  private final long[] statesAfter = new long[SIZE];
  private final double[] splits = new double[SIZE];
  private final double[] unitProducts = new double[SIZE];
  private final double[] shrink = new double[SIZE];
  private final double[] exponential = new double[SIZE];
  private final double[] thresholds = new double[SIZE];
  private final double[] skips = new double[SIZE];

  /**
   * Plans the admissions among the {@code available} items after position {@code count}, at most
   * {@link #SIZE}, for a full reservoir of {@code k} slots with Li's W = {@code threshold} whose
   * next admission is at {@code nextAdmission} ≤ count + available. Leaves {@code random} after the
   * last admission's draws and returns the number of admissions (at least one).
   */
  int plan(
      SplitMix64 random, int k, long count, double threshold, long nextAdmission, long available) {
    long end = count + available;
    long state = random.state();
    for (int j = 0; j < SIZE; j++) { // the draws
      state += SplitMix64.GAMMA;
      long draw = SplitMix64.mix64(state);
      long product = (draw >>> 32) * k;
      if ((product & 0xFFFFFFFFL) < k) { // Lemire's rejection may draw more: rare, slow path
        random.setState(state);
        slots[j] = random.nextInt(k, draw);
        state = random.state();
      } else {
        slots[j] = (int) (product >>> 32);
      }
      state += SplitMix64.GAMMA;
      double unit1 = SplitMix64.openUnit(SplitMix64.mix64(state));
      state += SplitMix64.GAMMA;
      double unit2 = SplitMix64.openUnit(SplitMix64.mix64(state));
      statesAfter[j] = state;
      splits[j] = splitOf(draw);
      unitProducts[j] = unit1 * unit2;
    }
    double inverseK = 1.0 / k;
    for (int j = 0; j < SIZE; j++) { // both Exp(1) variates; the exponent of W's factor
      double gamma2 = -PortableMath.fastLog(unitProducts[j]);
      exponential[j] = gamma2 * (1 - splits[j]);
      shrink[j] = shrinkExponent(gamma2, splits[j], inverseK);
    }
    for (int j = 0; j < SIZE; j++) {
      shrink[j] = PortableMath.fastExp(shrink[j]);
    }
    double w = threshold;
    for (int j = 0; j < SIZE; j++) { // Li's W after each admission
      w = shrunk(w, shrink[j]);
      thresholds[j] = w;
    }
    for (int j = 0; j < SIZE; j++) { // the skips
      skips[j] = skipLength(thresholds[j], exponential[j]);
    }
    long admitted = nextAdmission;
    int batch = 0;
    while (batch < SIZE && admitted <= end) {
      offsets[batch] = (int) (admitted - 1 - count);
      admitted = positionAfter(admitted, skips[batch]);
      batch++;
    }
    random.setState(statesAfter[batch - 1]);
    thresholdAfter = thresholds[batch - 1];
    countAfter = batch == SIZE ? offsets[batch - 1] + 1 + count : end;
    nextAdmissionAfter = admitted;
    return batch;
  }

  /** V: the low 32 bits of the slot's draw, uniform in (0, 1) and independent of the slot. */
  static double splitOf(long draw) {
    return ((draw & 0xFFFFFFFFL) + 0.5) * 0x1.0p-32;
  }

  /**
   * W times its factor, kept positive: an honest W is about k/n, far above underflow, but a W read
   * from bytes may be tiny, and W = 0 would stop admissions for good and not read back.
   */
  static double shrunk(double w, double factor) {
    return Math.max(w * factor, Double.MIN_VALUE);
  }

  /** −GV/k: W's factor is exp of this, U^(1/k) for U = exp(−GV) (Li 1994, Algorithm L). */
  static double shrinkExponent(double gamma2, double split, double inverseK) {
    return -gamma2 * split * inverseK;
  }

  /** The stream position of the next admission for Li's W = {@code w} (see {@link #skipLength}). */
  static long admissionAfter(long position, double w, double exponential) {
    return positionAfter(position, skipLength(w, exponential));
  }

  /**
   * Li 1994, Algorithm L: S = ⌊log U / log(1 − W)⌋ items are skipped before the next admitted one,
   * for an Exp(1) variate {@code exponential} = −log U. log(1 − W) = log(u)·W/(1 − u) with u = 1 −
   * W rounded (as {@link PortableMath#log1p}), folded into the one division.
   */
  static double skipLength(double w, double exponential) {
    double u = 1 - w;
    return Math.floor(
        u == 1 ? exponential / w : exponential * (1 - u) / (-PortableMath.fastLog(u) * w));
  }

  /** The position after {@code skip} skipped items following {@code position}, capped. */
  static long positionAfter(long position, double skip) {
    return skip >= Long.MAX_VALUE - position - 1 ? Long.MAX_VALUE : position + (long) skip + 1;
  }
}
