package io.sketches.cardinality;

/**
 * The registers of a {@link HyperLogLog}: sparse entries for small cardinalities ({@link
 * SparseRegisters}, Heule, Nunkesser, Hall 2013), one byte per register past m/8 entries ({@link
 * DenseRegisters}). Either way the state is, as a set, the one of {@link
 * io.sketches.internal.hll.HllLayout}: operations that may turn a sparse state dense return the
 * representation to keep.
 *
 * <p>Every state change is announced to the sketch's {@link CardinalityEstimator} before it is
 * made, so the martingale estimator can read the probability of the change ({@link
 * #inverseChangeProbability()}); merges, which end the martingale estimator, are not announced.
 */
sealed interface Registers permits SparseRegisters, DenseRegisters {
  int precision();

  /** Counts an item by its 64-bit hash. */
  Registers update(long hash, CardinalityEstimator estimator);

  /** Raises the state by a sparse entry of this precision ({@code fineIndex << 6 | fineValue}). */
  Registers raiseEntry(int entry, CardinalityEstimator estimator);

  /**
   * Raises the state by another sketch's sparse entries of this precision, nothing announced (a
   * merge, or state read from bytes): one by one while sparse, all at once once dense.
   */
  Registers mergeEntries(int[] entries);

  /** This state in dense form: this, or the dense registers of the entries. */
  DenseRegisters dense();

  /**
   * 1/q, where q is the probability that a new distinct item changes the state (Ting 2014, eq. 6:
   * the martingale estimator adds 1/q at each change).
   */
  double inverseChangeProbability();

  /** A sure lower bound on the distinct count: sparse entries, or non-zero dense registers. */
  int distinctItemsSeen();

  /**
   * Whether no item was seen, in O(1): a fold of merges asks it of the accumulator every time, so
   * it must not recount what {@link #distinctItemsSeen()} may recount.
   */
  boolean isEmpty();

  /**
   * The same state at a smaller precision; equals the state built at that precision from the same
   * items. Nothing is announced.
   */
  Registers downsize(int newPrecision);

  Registers copy();
}
