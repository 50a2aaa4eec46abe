/**
 * HyperLogLog register code shared by {@link io.sketches.cardinality.HyperLogLog} and engine
 * integrations that keep a sketch's state in their own memory (the Spark module's fixed-width
 * aggregation buffer): the hash layout ({@link io.sketches.internal.hll.HllLayout}), the sparse
 * table ({@link io.sketches.internal.hll.FineEntryTable}) and the dense registers ({@link
 * io.sketches.internal.hll.RegisterWords}), each written once over abstract store accessors.
 *
 * <p><b>Not public API.</b> Bit tricks used by several modules, written once; Java visibility makes
 * these types public, but they may change in any release without notice.
 */
package io.sketches.internal.hll;
