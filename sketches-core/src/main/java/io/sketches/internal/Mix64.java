package io.sketches.internal;

/**
 * The 64-bit mixer of SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): Stafford's "variant 13" of the MurmurHash3 finalizer, the same
 * function as {@code java.util.SplittableRandom.mix64}. A bijection on longs whose output bits each
 * depend on every input bit; it turns a seed, a counter or a hash into well-spread bits.
 *
 * <p>The samplers' random generator, Count-Min's row multipliers and the Spark partition seeds all
 * call this one function; their serialized states and golden files depend on it bit for bit, so it
 * never changes.
 */
public final class Mix64 {
  /**
   * The golden-ratio increment of SplitMix64, 2<sup>64</sup>/φ rounded to odd: a counter stepped by
   * it and mixed is the SplitMix64 sequence.
   */
  public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Mix64() {}

  /**
   * Stafford's variant 13: {@code z ^= z >>> 30; z *= C1; z ^= z >>> 27; z *= C2; z ^ z >>> 31}.
   */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
