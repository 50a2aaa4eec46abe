package io.sketches.spark.aggregate;

import io.sketches.cardinality.HyperLogLog;
import io.sketches.spark.input.ItemType;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_hll(expr [, precision | relative_sd])} (the sketch bytes, default precision 12) and
 * {@code sk_distinct(expr [, precision | relative_sd])} (the estimate as a BIGINT, default
 * precision {@value #DISTINCT_DEFAULT_PRECISION}): a {@link HyperLogLog} of the item hashes. The
 * result has its martingale estimator discarded, so its bytes do not depend on how Spark
 * partitioned the rows: they equal the core sketch of the same items after {@link
 * HyperLogLog#discardMartingale()}.
 *
 * @param name {@code sk_hll} or {@code sk_distinct}
 * @param precision log2 of the number of registers, 4..18
 * @param estimateOnly whether the result is the estimate rather than the sketch
 */
public record HllSpec(String name, int precision, boolean estimateOnly)
    implements SketchSpec<HyperLogLog> {
  public static final String SKETCH = "sk_hll";
  public static final String DISTINCT = "sk_distinct";

  /**
   * {@code sk_distinct}'s default: the accuracy of {@code approx_count_distinct}'s default
   * (relative standard deviation 0.05, precision 9 there too; 1.039/√512 = 4.6% merged), so that
   * swapping one for the other keeps the accuracy and about the buffer per group (536 bytes against
   * 424). {@code sk_hll}, whose bytes are stored and rolled up, keeps {@link
   * HyperLogLog#DEFAULT_PRECISION} (12), as {@code hll_sketch_agg} and DataSketches do.
   */
  public static final int DISTINCT_DEFAULT_PRECISION = 9;

  @Override
  public HyperLogLog create() {
    return HyperLogLog.create(precision);
  }

  @Override
  public HyperLogLog update(HyperLogLog sketch, Object item, Object unused) {
    return updateHash(sketch, ItemType.hash(item));
  }

  @Override
  public boolean updatesByHash() {
    return true;
  }

  /**
   * Counts the item; at a sketch's first item also drops its martingale estimator, which {@link
   * #finish} drops anyway: a kept martingale would cost a division on every register raise.
   */
  @Override
  public HyperLogLog updateHash(HyperLogLog sketch, long itemHash) {
    if (sketch.isEmpty()) {
      return sketch.updateHash(itemHash).discardMartingale();
    }
    return sketch.updateHash(itemHash);
  }

  @Override
  public HyperLogLog fromBytes(byte[] bytes) {
    return HyperLogLog.fromByteArray(bytes);
  }

  @Override
  public HyperLogLog finish(HyperLogLog sketch) {
    return sketch.discardMartingale();
  }

  @Override
  public DataType resultType() {
    return estimateOnly ? DataTypes.LongType : DataTypes.BinaryType;
  }

  @Override
  public Object result(HyperLogLog sketch) {
    if (sketch == null) {
      sketch = create();
    }
    return estimateOnly ? Math.round(sketch.estimate()) : sketch.toByteArray();
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    return ItemType.check(types.get(0), 0);
  }
}
