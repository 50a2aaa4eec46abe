package io.sketches.spark.aggregate;

import io.sketches.ItemSerde;
import io.sketches.internal.Mix64;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.spark.input.ItemType;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_sample(expr, k [, seed])}: a uniform sample of k items ({@link ReservoirSampler},
 * Algorithm L, merged hypergeometrically), as sketch bytes.
 *
 * <p><b>Determinism.</b> Each Spark partition samples with its own seed, derived from {@code seed}
 * and the partition id ({@link TaskContext#partitionId()}), so partitions never make correlated
 * choices. The same input in the same partitioning (a replayed micro-batch, a rerun over the same
 * files) gives the same sample; a different partitioning gives a different, equally uniform sample.
 */
@SuppressWarnings("unchecked")
public record SampleSpec(int k, long seed, ItemType itemType)
    implements SketchSpec<ReservoirSampler<Object>> {
  public static final String NAME = "sk_sample";

  @Override
  public String name() {
    return NAME;
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
    return DataTypes.BinaryType;
  }

  @Override
  public Object result(ReservoirSampler<Object> sketch) {
    return (sketch == null ? create() : sketch).toByteArray();
  }

  @Override
  public String checkInputTypes(List<DataType> types) {
    return ItemType.checkKept(NAME, types.get(0));
  }
}
