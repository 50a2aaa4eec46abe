package io.sketches.spark.aggregate;

import io.sketches.ItemSerde;
import io.sketches.internal.Mix64;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.spark.input.ItemType;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_sample(expr, k [, seed])}: a uniform sample of k items ({@link ReservoirSampler},
 * Algorithm L, merged hypergeometrically), as sketch bytes; {@code sk_sample_items(expr, k [,
 * seed])}: the same sample's items, as an array of the input's own SQL type ({@link
 * ItemType#toCatalyst}).
 *
 * <p><b>Determinism.</b> Each Spark partition samples with its own seed, derived from {@code seed}
 * and the partition id ({@link TaskContext#partitionId()}), so partitions never make correlated
 * choices. The same input in the same partitioning (a replayed micro-batch, a rerun over the same
 * files) gives the same sample; a different partitioning gives a different, equally uniform sample.
 *
 * @param itemsType the SQL type of the items {@code sk_sample_items} returns, or {@code null} for
 *     {@code sk_sample}'s bytes
 */
@SuppressWarnings("unchecked")
public record SampleSpec(int k, long seed, ItemType itemType, DataType itemsType)
    implements SketchSpec<ReservoirSampler<Object>> {
  public static final String NAME = "sk_sample";
  public static final String ITEMS = "sk_sample_items";

  /** {@code sk_sample}: the sample as sketch bytes. */
  public static SampleSpec bytes(int k, long seed, ItemType itemType) {
    return new SampleSpec(k, seed, itemType, null);
  }

  /** {@code sk_sample_items}: the sampled items of an input of {@code inputType}. */
  public static SampleSpec items(int k, long seed, ItemType itemType, DataType inputType) {
    return new SampleSpec(k, seed, itemType, inputType);
  }

  @Override
  public String name() {
    return itemsType == null ? NAME : ITEMS;
  }

  @Override
  public ReservoirSampler<Object> create() {
    return ReservoirSampler.create(k, partitionSeed(seed), (ItemSerde<Object>) itemType.serde());
  }

  /** The seed of this task's partition: the seed, or off the driver {@link #partitionSeed}. */
  static long partitionSeed(long seed) {
    TaskContext task = TaskContext.get();
    return task == null ? seed : partitionSeed(seed, task.partitionId());
  }

  /**
   * The seed of partition {@code partition}: the SplitMix64 output for state {@code seed} after
   * {@code partition + 1} steps ({@link Mix64}).
   */
  static long partitionSeed(long seed, int partition) {
    return Mix64.mix(seed + (partition + 1L) * Mix64.GOLDEN_GAMMA);
  }

  @Override
  public ReservoirSampler<Object> update(
      ReservoirSampler<Object> sketch, Object item, Object unused) {
    return sketch.update(itemType.toItem(item));
  }

  @Override
  public ReservoirSampler<Object> fromBytes(byte[] bytes) {
    return ReservoirSampler.fromByteArray(bytes, (ItemSerde<Object>) itemType.serde());
  }

  @Override
  public DataType resultType() {
    return itemsType == null ? DataTypes.BinaryType : DataTypes.createArrayType(itemsType, false);
  }

  @Override
  public Object result(ReservoirSampler<Object> sketch) {
    ReservoirSampler<Object> sample = sketch == null ? create() : sketch;
    if (itemsType == null) {
      return sample.toByteArray();
    }
    List<Object> items = sample.sample();
    Object[] values = new Object[items.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = itemType.toCatalyst(items.get(i), itemsType);
    }
    return new GenericArrayData(values);
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    return ItemType.check(types.get(0), 0);
  }
}
