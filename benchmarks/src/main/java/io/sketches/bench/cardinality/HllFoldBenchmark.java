package io.sketches.bench.cardinality;

import io.sketches.cardinality.HyperLogLog;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A fold: one more dense p = 12 sketch (of {@value #FOLDED} prepared, 10^5 distinct items each)
 * merged into an accumulator that lives across calls, the way a rollup or Spark's merge of partial
 * buffers works. Ours {@code accumulator.merge(next)}; DataSketches {@code union.update(next)} on a
 * {@link Union} kept across calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HllFoldBenchmark {
  static final int FOLDED = 16;

  @Param({"ours", "datasketches-union"})
  public String implementation;

  private final HyperLogLog[] ours = new HyperLogLog[FOLDED];
  private final HllSketch[] dataSketches = new HllSketch[FOLDED];
  private HyperLogLog oursAccumulator;
  private Union dataSketchesAccumulator;
  private int next;

  @Setup
  public void setUp() {
    for (int s = 0; s < FOLDED; s++) {
      ours[s] = HyperLogLog.create(HllMergeBenchmark.PRECISION);
      dataSketches[s] = new HllSketch(HllMergeBenchmark.PRECISION, TgtHllType.HLL_8);
      for (long item : HllUpdateBenchmark.distinctLongs(HllMergeBenchmark.ITEMS, 3 + s)) {
        ours[s].update(item);
        dataSketches[s].update(item);
      }
    }
    oursAccumulator = HyperLogLog.create(HllMergeBenchmark.PRECISION).merge(ours[0]);
    dataSketchesAccumulator = new Union(HllMergeBenchmark.PRECISION);
    dataSketchesAccumulator.update(dataSketches[0]);
  }

  @Benchmark
  public Object fold() {
    int s = next++ & (FOLDED - 1);
    if (implementation.equals("ours")) {
      return oursAccumulator.merge(ours[s]);
    }
    dataSketchesAccumulator.update(dataSketches[s]);
    return dataSketchesAccumulator;
  }
}
