package io.sketches.spark;

import io.sketches.ItemSerde;
import io.sketches.sampling.ReservoirSampler;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_sample(expr, k [, seed])}: a uniform sample of k items ({@link ReservoirSampler},
 * Algorithm L, merged hypergeometrically), as sketch bytes.
 *
 * <p><b>Determinism.</b> Each Spark partition samples with its own seed, derived from {@code
 * seed} and the partition id ({@link TaskContext#partitionId()}), so partitions never make
 * correlated choices. The same input in the same partitioning (a replayed micro-batch, a rerun
 * over the same files) gives the same sample; a different partitioning gives a different, equally
 * uniform sample.
 */
@SuppressWarnings("unchecked")
record SampleSpec(int k, long seed, ItemType itemType) implements SketchSpec<ReservoirSampler<Object>> {
  static final String NAME = "sk_sample";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ReservoirSampler<Object> create() {
    return ReservoirSampler.create(k, partitionSeed(seed), (ItemSerde<Object>) itemType.serde);
  }

  /** The seed of this task's partition: a SplitMix64 finalizer of seed and partition id. */
  static long partitionSeed(long seed) {
    TaskContext task = TaskContext.get();
    if (task == null) {
      return seed;
    }
    long z = seed + (task.partitionId() + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public ReservoirSampler<Object> update(ReservoirSampler<Object> sketch, Object item, Object unused) {
    return sketch.update(itemType.toItem(item));
  }

  @Override
  public ReservoirSampler<Object> fromBytes(byte[] bytes) {
    return ReservoirSampler.fromByteArray(bytes, (ItemSerde<Object>) itemType.serde);
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
    return ItemType.check(NAME, types.get(0));
  }
}
