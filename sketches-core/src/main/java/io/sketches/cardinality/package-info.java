/**
 * Distinct counting: {@link io.sketches.cardinality.HyperLogLog} with a sparse representation for
 * small cardinalities, Ertl's corrected raw estimator and the martingale (HIP) estimator.
 */
package io.sketches.cardinality;
