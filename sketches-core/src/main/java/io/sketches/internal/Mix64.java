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
 *
 * <p>Why not commons-rng's {@code SplitMix64}: its {@code next()} is this function of a state
 * stepped by {@link #GOLDEN_GAMMA} (the same constants, so the bytes would not change), but it is a
 * generator object only. Its mixer is not public API, and its state is private, reachable only as
 * an opaque saved-state byte array. The callers here need the mixer as a pure function of one
 * {@code long} (a row multiplier from a seed, a partition's seed, a sampler's rekey) and the
 * samplers need their state as a {@code long}: written into their bytes, stepped in place by the
 * batched admission loop, and turned into a number of draws between two states. Through commons-rng
 * that would be a generator allocated per mix or a second copy of the state beside it, slower in
 * the samplers' hot loop, and two more jars (commons-rng-core and its client API) in every
 * deployment for three lines of arithmetic that {@code java.util.SplittableRandom} already pins
 * down ({@code Mix64Test} checks both the golden values and equality with it).
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
