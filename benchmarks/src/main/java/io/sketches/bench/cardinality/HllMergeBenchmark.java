package io.sketches.bench.cardinality;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.hash.ItemHash;
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
 * Merge of two dense p = 12 sketches of 100,000 distinct items each into a new sketch of their
 * union, and {@code estimate()} of a dense p = 12 sketch. Ours: {@code
 * create(12).merge(a).merge(b)} (a copy of a, then b folded in; "ours-then-estimate" adds the first
 * estimate, which recounts the register histogram that merges leave stale); DataSketches: a fresh
 * {@link Union} updated with both and its HLL_8 result; hash4j: {@code a.copy().add(b)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HllMergeBenchmark {
  static final int PRECISION = 12;
  static final int ITEMS = 100_000;

  @Param({"ours", "ours-then-estimate", "datasketches-union", "hash4j-hll", "hash4j-ull"})
  public String implementation;

  private HyperLogLog oursA;
  private HyperLogLog oursB;
  private HllSketch dataSketchesA;
  private HllSketch dataSketchesB;
  private com.dynatrace.hash4j.distinctcount.HyperLogLog hash4jA;
  private com.dynatrace.hash4j.distinctcount.HyperLogLog hash4jB;
  private UltraLogLog ultraA;
  private UltraLogLog ultraB;

  @Setup
  public void setUp() {
    long[] a = HllUpdateBenchmark.distinctLongs(ITEMS, 1);
    long[] b = HllUpdateBenchmark.distinctLongs(ITEMS, 2);
    oursA = HyperLogLog.create(PRECISION);
    oursB = HyperLogLog.create(PRECISION);
    dataSketchesA = new HllSketch(PRECISION, TgtHllType.HLL_8);
    dataSketchesB = new HllSketch(PRECISION, TgtHllType.HLL_8);
    hash4jA = com.dynatrace.hash4j.distinctcount.HyperLogLog.create(PRECISION);
    hash4jB = com.dynatrace.hash4j.distinctcount.HyperLogLog.create(PRECISION);
    ultraA = UltraLogLog.create(PRECISION);
    ultraB = UltraLogLog.create(PRECISION);
    for (int i = 0; i < ITEMS; i++) {
      oursA.update(a[i]);
      oursB.update(b[i]);
      dataSketchesA.update(a[i]);
      dataSketchesB.update(b[i]);
      hash4jA.add(ItemHash.hash(a[i]));
      hash4jB.add(ItemHash.hash(b[i]));
      ultraA.add(ItemHash.hash(a[i]));
      ultraB.add(ItemHash.hash(b[i]));
    }
  }

  @Benchmark
  public Object merge() {
    switch (implementation) {
      case "ours":
        return HyperLogLog.create(PRECISION).merge(oursA).merge(oursB);
      case "ours-then-estimate":
        // Includes the O(m) histogram recount that a dense merge leaves to the next estimate.
        return HyperLogLog.create(PRECISION).merge(oursA).merge(oursB).estimate();
      case "datasketches-union":
        {
          Union union = new Union(PRECISION);
          union.update(dataSketchesA);
          union.update(dataSketchesB);
          return union.getResult(TgtHllType.HLL_8);
        }
      case "hash4j-hll":
        return hash4jA.copy().add(hash4jB);
      case "hash4j-ull":
        return ultraA.copy().add(ultraB);
      default:
        throw new IllegalArgumentException(implementation);
    }
  }
}
