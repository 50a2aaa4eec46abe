package io.sketches.spark.aggregate;

import io.sketches.frequency.CountMinSketch;
import io.sketches.spark.input.ItemType;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_cms(expr [, epsilon, delta [, seed]])}: a {@link CountMinSketch} counting each row
 * once, returned as bytes. Byte-identical to the core sketch of the same items, whatever the
 * partitioning (counters add).
 */
public record CountMinSpec(double epsilon, double delta, long seed)
    implements SketchSpec<CountMinSketch> {
  public static final String NAME = "sk_cms";
  public static final double DEFAULT_EPSILON = 0.001;
  public static final double DEFAULT_DELTA = 0.01;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CountMinSketch create() {
    return CountMinSketch.withError(epsilon, delta, seed);
  }

  @Override
  public CountMinSketch update(CountMinSketch sketch, Object item, Object unused) {
    return updateHash(sketch, ItemType.hash(item));
  }

  @Override
  public boolean updatesByHash() {
    return true;
  }

  @Override
  public CountMinSketch updateHash(CountMinSketch sketch, long itemHash) {
    return sketch.updateHash(itemHash, 1);
  }

  @Override
  public CountMinSketch fromBytes(byte[] bytes) {
    return CountMinSketch.fromByteArray(bytes);
  }

  @Override
  public DataType resultType() {
    return DataTypes.BinaryType;
  }

  @Override
  public Object result(CountMinSketch sketch) {
    return (sketch == null ? create() : sketch).toByteArray();
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    return ItemType.check(types.get(0), 0);
  }
}
