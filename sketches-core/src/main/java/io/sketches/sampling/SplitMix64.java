package io.sketches.sampling;

import io.sketches.internal.Mix64;
import org.apache.commons.math3.random.AbstractRandomGenerator;

/**
 * The samplers' random generator: SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014; the generator behind {@link java.util.SplittableRandom}), with
 * the output mix "variant 13" of Stafford. Its whole state is one {@code long}, so it is written
 * into the sampler's bytes and a deserialized sampler draws exactly the numbers the original would
 * have. Period 2<sup>64</sup>; passes BigCrush.
 *
 * <p>Not for cryptography: an adversary who sees samples can predict the generator.
 */
final class SplitMix64 {
  /** The golden-ratio increment of SplitMix64: odd, so the state walks a full cycle. */
  static final long GAMMA = Mix64.GOLDEN_GAMMA;

  /** GAMMA<sup>-1</sup> mod 2<sup>64</sup>: turns a state difference into a number of draws. */
  static final long GAMMA_INVERSE = 0xF1DE83E19937733DL;

  private static final double UNIT = 0x1.0p-53;
  private static final double BELOW_ONE = Math.nextDown(1.0);

  private long state;

  private SplitMix64(long state) {
    this.state = state;
  }

  /** A generator whose start is the mixed seed, so that nearby seeds give unrelated streams. */
  static SplitMix64 seeded(long seed) {
    return new SplitMix64(mix64(seed));
  }

  /** A generator that continues from a state read back from bytes (every long is valid). */
  static SplitMix64 atState(long state) {
    return new SplitMix64(state);
  }

  long state() {
    return state;
  }

  void setState(long state) {
    this.state = state;
  }

  SplitMix64 copy() {
    return new SplitMix64(state);
  }

  /**
   * Mixes {@code material} (a hash of the items seen, another sampler's state) into the state, so
   * samplers created with one seed by many Spark partitions draw independent-looking numbers as
   * soon as their data differ. Deterministic: the same material gives the same new state.
   */
  void rekey(long material) {
    state = mix64(state ^ mix64(material + GAMMA));
  }

  long nextLong() {
    state += GAMMA;
    return mix64(state);
  }

  /** Uniform on the open interval (0, 1), with 53 random bits: safe under {@code log}. */
  double nextOpenUnit() {
    return openUnit(nextLong());
  }

  /**
   * The uniform of {@link #nextOpenUnit} for a draw {@code bits}, for loops that keep the state.
   * The top draw, (2^53 − 1/2)·2^-53, rounds to 1; it is kept below 1 so that {@code log} of a
   * uniform is always negative (a log-key of +0.0 would make the weighted sampler's next skip −∞).
   */
  static double openUnit(long bits) {
    return Math.min(((bits >>> 11) + 0.5) * UNIT, BELOW_ONE);
  }

  /**
   * Uniform on [0, bound): Lemire's multiply-shift with rejection ("Fast random integer generation
   * in an interval", ACM TOMACS 2019), exactly uniform, one draw almost always.
   */
  int nextInt(int bound) {
    return nextInt(bound, nextLong());
  }

  /**
   * As {@link #nextInt(int)}, from the high 32 bits of a draw already made (drawing again only on a
   * rejection): its low 32 bits stay free for the caller, independent of the result.
   */
  int nextInt(int bound, long draw) {
    long product = (draw >>> 32) * bound;
    if ((product & 0xFFFFFFFFL) < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while ((product & 0xFFFFFFFFL) < threshold) {
        product = (nextLong() >>> 32) * bound;
      }
    }
    return (int) (product >>> 32);
  }

  /** Stafford's variant 13 of the MurmurHash3 finalizer ({@link Mix64#mix}); a bijection. */
  static long mix64(long z) {
    return Mix64.mix(z);
  }

  /** Draws made between two states of one generator (without a rekey in between). */
  static long drawsBetween(long fromState, long toState) {
    return (toState - fromState) * GAMMA_INVERSE;
  }

  /** This generator seen through commons-math3, for its distribution samplers (Beta). */
  AbstractRandomGenerator asCommonsMath() {
    return new AbstractRandomGenerator() {
      @Override
      public double nextDouble() {
        return nextOpenUnit();
      }

      @Override
      public void setSeed(long seed) {
        throw new UnsupportedOperationException("a sampler's generator is seeded at creation");
      }
    };
  }
}
