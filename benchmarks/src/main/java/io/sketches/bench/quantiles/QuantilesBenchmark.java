package io.sketches.bench.quantiles;

import io.sketches.quantiles.QuantileSketch;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllLongsSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ours ({@link QuantileSketch}) against DataSketches' {@link KllDoublesSketch} and {@link
 * KllLongsSketch}, all at k = 200, heap:
 *
 * <ul>
 *   <li>{@code updateDoubles}, {@code updateLongs}: 2^20 pre-generated uniform doubles (longs) into
 *       a fresh sketch; time per call, so per item is the score ÷ 2^20.
 *   <li>{@code merge}: two sketches of 10^6 items each into a new one: ours {@code
 *       a.copy().merge(b)}; DataSketches has no copy, so its idiom, a fresh sketch that merges a
 *       then b.
 *   <li>{@code query}: {@code quantile(r)} / {@code getQuantile(r, INCLUSIVE)} of a sketch of 10^6
 *       items whose sorted view is built (it was queried before), r cycling over 1,024 random
 *       ranks.
 *   <li>{@code queryAfterUpdate}: one update, then one quantile query, so every query first
 *       rebuilds the sorted view that the update invalidated (the cost of the first query after
 *       updates).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class QuantilesBenchmark {
  static final int K = 200;
  static final int UPDATE_ITEMS = 1 << 20;
  static final int SKETCH_ITEMS = 1_000_000;
  private static final int RANKS = 1024;

  @Param({"ours", "datasketches"})
  public String implementation;

  private double[] doubles;
  private long[] longs;
  private double[] ranks;
  private int next;

  private QuantileSketch oursA;
  private QuantileSketch oursB;
  private QuantileSketch oursQueried;
  private KllDoublesSketch theirsA;
  private KllDoublesSketch theirsB;
  private KllDoublesSketch theirsQueried;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(20261208);
    doubles = random.doubles(UPDATE_ITEMS).toArray();
    longs = random.longs(UPDATE_ITEMS).toArray();
    ranks = random.doubles(RANKS).toArray();
    double[] a = random.doubles(SKETCH_ITEMS).toArray();
    double[] b = random.doubles(SKETCH_ITEMS).toArray();
    oursA = QuantileSketch.create(K, 1); // sketches merge only with the same seed
    oursB = QuantileSketch.create(K, 1);
    oursQueried = QuantileSketch.create(K, 3);
    theirsA = KllDoublesSketch.newHeapInstance(K);
    theirsB = KllDoublesSketch.newHeapInstance(K);
    theirsQueried = KllDoublesSketch.newHeapInstance(K);
    for (int i = 0; i < SKETCH_ITEMS; i++) {
      oursA.update(a[i]);
      oursB.update(b[i]);
      oursQueried.update(a[i] + b[i]);
      theirsA.update(a[i]);
      theirsB.update(b[i]);
      theirsQueried.update(a[i] + b[i]);
    }
    oursQueried.quantile(0.5);
    theirsQueried.getQuantile(0.5, QuantileSearchCriteria.INCLUSIVE);
  }

  @Benchmark
  public Object updateDoubles() {
    switch (implementation) {
      case "ours":
        {
          QuantileSketch sketch = QuantileSketch.create(K, 4);
          for (double v : doubles) {
            sketch.update(v);
          }
          return sketch;
        }
      case "datasketches":
        {
          KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(K);
          for (double v : doubles) {
            sketch.update(v);
          }
          return sketch;
        }
      default:
        throw new IllegalArgumentException(implementation);
    }
  }

  @Benchmark
  public Object updateLongs() {
    switch (implementation) {
      case "ours":
        {
          QuantileSketch sketch = QuantileSketch.create(K, 5);
          for (long v : longs) {
            sketch.update(v);
          }
          return sketch;
        }
      case "datasketches":
        {
          KllLongsSketch sketch = KllLongsSketch.newHeapInstance(K);
          for (long v : longs) {
            sketch.update(v);
          }
          return sketch;
        }
      default:
        throw new IllegalArgumentException(implementation);
    }
  }

  @Benchmark
  public Object merge() {
    switch (implementation) {
      case "ours":
        return oursA.copy().merge(oursB);
      case "datasketches":
        {
          KllDoublesSketch union = KllDoublesSketch.newHeapInstance(K);
          union.merge(theirsA);
          union.merge(theirsB);
          return union;
        }
      default:
        throw new IllegalArgumentException(implementation);
    }
  }

  @Benchmark
  public double query() {
    double rank = ranks[next++ & (RANKS - 1)];
    switch (implementation) {
      case "ours":
        return oursQueried.quantile(rank);
      case "datasketches":
        return theirsQueried.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
      default:
        throw new IllegalArgumentException(implementation);
    }
  }

  @Benchmark
  public double queryAfterUpdate() {
    int i = next++;
    double rank = ranks[i & (RANKS - 1)];
    double item = doubles[i & (UPDATE_ITEMS - 1)];
    switch (implementation) {
      case "ours":
        return oursQueried.update(item).quantile(rank);
      case "datasketches":
        theirsQueried.update(item);
        return theirsQueried.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
      default:
        throw new IllegalArgumentException(implementation);
    }
  }
}
