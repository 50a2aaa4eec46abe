package io.sketches.bench.cardinality;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.hash.ItemHash;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code estimate()} of a dense p = 12 sketch of 100,000 distinct items: ours single-stream
 * (martingale) and merged (corrected raw), DataSketches HLL_8 and hash4j.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HllEstimateBenchmark {
  @Param({"ours-martingale", "ours-merged", "datasketches-hll8", "hash4j-hll", "hash4j-ull"})
  public String implementation;

  private HyperLogLog ours;
  private HllSketch dataSketches;
  private com.dynatrace.hash4j.distinctcount.HyperLogLog hash4j;
  private UltraLogLog ultra;

  @Setup
  public void setUp() {
    long[] items = HllUpdateBenchmark.distinctLongs(HllMergeBenchmark.ITEMS, 3);
    ours = HyperLogLog.create(HllMergeBenchmark.PRECISION);
    dataSketches = new HllSketch(HllMergeBenchmark.PRECISION, TgtHllType.HLL_8);
    hash4j = com.dynatrace.hash4j.distinctcount.HyperLogLog.create(HllMergeBenchmark.PRECISION);
    ultra = UltraLogLog.create(HllMergeBenchmark.PRECISION);
    for (long item : items) {
      ours.update(item);
      dataSketches.update(item);
      hash4j.add(ItemHash.hash(item));
      ultra.add(ItemHash.hash(item));
    }
    if (implementation.equals("ours-merged")) {
      ours.discardMartingale();
    }
  }

  @Benchmark
  public double estimate() {
    switch (implementation) {
      case "ours-martingale":
      case "ours-merged":
        return ours.estimate();
      case "datasketches-hll8":
        return dataSketches.getEstimate();
      case "hash4j-hll":
        return hash4j.getDistinctCountEstimate();
      case "hash4j-ull":
        return ultra.getDistinctCountEstimate();
      default:
        throw new IllegalArgumentException(implementation);
    }
  }
}
