package io.sketches.spark;

import io.sketches.cardinality.HyperLogLog;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_hll(expr [, precision])} (the sketch bytes) and {@code sk_distinct(expr [,
 * precision])} (the estimate as a BIGINT): a {@link HyperLogLog} of the item hashes. The result
 * has its martingale estimator discarded, so its bytes do not depend on how Spark partitioned the
 * rows: they equal the core sketch of the same items after {@link
 * HyperLogLog#discardMartingale()}.
 *
 * @param name {@code sk_hll} or {@code sk_distinct}
 * @param precision log2 of the number of registers, 4..18
 * @param estimateOnly whether the result is the estimate rather than the sketch
 */
record HllSpec(String name, int precision, boolean estimateOnly)
    implements SketchSpec<HyperLogLog> {
  static final String SKETCH = "sk_hll";
  static final String DISTINCT = "sk_distinct";

  @Override
  public HyperLogLog create() {
    return HyperLogLog.create(precision);
  }

  @Override
  public HyperLogLog update(HyperLogLog sketch, Object item, Object unused) {
    return updateHash(sketch, Items.hash(item));
  }

  @Override
  public boolean updatesByHash() {
    return true;
  }

  @Override
  public HyperLogLog updateHash(HyperLogLog sketch, long itemHash) {
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
  public String checkInputTypes(List<DataType> types) {
    return Items.checkItemType(name, types.get(0));
  }
}
