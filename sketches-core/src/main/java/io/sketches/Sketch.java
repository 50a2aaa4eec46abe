package io.sketches;

/**
 * The contract every sketch in this library keeps: a small summary of a stream that can be merged
 * with the summary of another stream and written to a stable byte format.
 *
 * <p>Merging is the operation of a commutative monoid: {@code a.merge(b)} is the sketch of the
 * concatenation of the two streams (bit-identical for HyperLogLog and Count-Min, equal in
 * distribution for samplers, equal up to floating point for regression), it is associative and
 * commutative, and the empty sketch of the same configuration is its identity.
 *
 * <p>Every concrete sketch also has a {@code static S fromByteArray(byte[] bytes)} that accepts
 * exactly what {@link #toByteArray()} wrote, by this release or an earlier one, and throws {@link
 * SketchFormatException} for anything else.
 *
 * @param <S> the concrete sketch type
 */
public interface Sketch<S extends Sketch<S>> {

  /**
   * Folds {@code other} into this sketch, so that this becomes the sketch of both streams.
   *
   * @return this sketch
   * @throws IncompatibleSketchException if the two sketches cannot be merged (different seed,
   *     width, dimension, k, ...); this sketch is then unchanged
   */
  S merge(S other);

  /** An independent deep copy: updating either afterwards does not affect the other. */
  S copy();

  /**
   * The sketch in the library's versioned, self-describing, checksummed byte format (see {@code
   * docs/format.md}). The same items in the same order always give the same bytes.
   */
  byte[] toByteArray();
}
