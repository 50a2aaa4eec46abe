package io.sketches.bench.cardinality;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.hash.ItemHash;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time per {@code update} of 2^20 distinct pre-generated longs into a fresh p = 12 sketch, hashing
 * included for every implementation: ours through {@link ItemHash}, DataSketches through its own
 * MurmurHash3, hash4j through {@code Hashing.xxh3_64(ItemHash.SEED).hashLongToLong}, which equals
 * our item hash of a long (checked in setup). One invocation fills one sketch from empty, so
 * sparse, promotion and dense phases all count, as in real use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HllUpdateBenchmark {
  static final int ITEMS = 1 << 20;
  static final int PRECISION = 12;

  @Param({"ours", "datasketches-hll8", "datasketches-hll4", "hash4j-hll", "hash4j-ull"})
  public String implementation;

  private long[] items;
  private Hasher64 xxh3;

  @Setup
  public void setUp() {
    items = distinctLongs(ITEMS, 20240101L);
    xxh3 = Hashing.xxh3_64(ItemHash.SEED);
    for (int i = 0; i < 1000; i++) {
      if (xxh3.hashLongToLong(items[i]) != ItemHash.hash(items[i])) {
        throw new IllegalStateException("hash4j XXH3 differs from ItemHash for " + items[i]);
      }
    }
  }

  /** {@code count} distinct random longs (a random odd multiplier permutes the indexes). */
  static long[] distinctLongs(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long multiplier = random.nextLong() | 1;
    long offset = random.nextLong();
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = i * multiplier + offset;
    }
    return values;
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public Object update() {
    switch (implementation) {
      case "ours":
        return ours(items);
      case "datasketches-hll8":
        return dataSketches(items, TgtHllType.HLL_8);
      case "datasketches-hll4":
        return dataSketches(items, TgtHllType.HLL_4);
      case "hash4j-hll":
        return hash4jHyperLogLog(items, xxh3);
      case "hash4j-ull":
        return hash4jUltraLogLog(items, xxh3);
      default:
        throw new IllegalArgumentException(implementation);
    }
  }

  private static HyperLogLog ours(long[] items) {
    HyperLogLog sketch = HyperLogLog.create(PRECISION);
    for (long item : items) {
      sketch.update(item);
    }
    return sketch;
  }

  private static HllSketch dataSketches(long[] items, TgtHllType type) {
    HllSketch sketch = new HllSketch(PRECISION, type);
    for (long item : items) {
      sketch.update(item);
    }
    return sketch;
  }

  private static com.dynatrace.hash4j.distinctcount.HyperLogLog hash4jHyperLogLog(
      long[] items, Hasher64 xxh3) {
    var sketch = com.dynatrace.hash4j.distinctcount.HyperLogLog.create(PRECISION);
    for (long item : items) {
      sketch.add(xxh3.hashLongToLong(item));
    }
    return sketch;
  }

  private static UltraLogLog hash4jUltraLogLog(long[] items, Hasher64 xxh3) {
    UltraLogLog sketch = UltraLogLog.create(PRECISION);
    for (long item : items) {
      sketch.add(xxh3.hashLongToLong(item));
    }
    return sketch;
  }
}
