package io.sketches.bench.sampling;

import io.sketches.ItemSerde;
import io.sketches.sampling.ReservoirSampler;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.sampling.ReservoirItemsSketch;
import org.apache.datasketches.sampling.ReservoirLongsSketch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One operation = a k-sample of a whole stream of n longs, from an empty sampler. Ours through the
 * primitive-array path (Algorithm L jumps) and per item; DataSketches' Algorithm R sketches (items,
 * the anchor, and its primitive longs variant); a plain Algorithm R over the same array
 * with {@link SplittableRandom}, the fastest generator of the JDK. Per-item paths read pre-boxed
 * {@code Long}s so no benchmark pays for boxing the stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SamplingBenchmark {
  @Param("1000")
  int k;

  @Param("1000000")
  int n;

  long[] items;
  Long[] boxed;
  long seed;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    items = random.longs(n).toArray();
    boxed = new Long[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = items[i];
    }
  }

  @Benchmark
  public ReservoirSampler<Long> oursUpdateAllLongArray() {
    return ReservoirSampler.create(k, seed++, ItemSerde.longs()).updateAll(items);
  }

  @Benchmark
  public ReservoirSampler<Long> oursUpdatePerItem() {
    ReservoirSampler<Long> sampler = ReservoirSampler.create(k, seed++, ItemSerde.longs());
    for (Long item : boxed) {
      sampler.update(item);
    }
    return sampler;
  }

  @Benchmark
  public ReservoirItemsSketch<Long> dataSketchesItems() {
    ReservoirItemsSketch<Long> sketch = ReservoirItemsSketch.newInstance(k);
    for (Long item : boxed) {
      sketch.update(item);
    }
    return sketch;
  }

  @Benchmark
  public ReservoirLongsSketch dataSketchesLongs() {
    ReservoirLongsSketch sketch = ReservoirLongsSketch.newInstance(k);
    for (long item : items) {
      sketch.update(item);
    }
    return sketch;
  }

  /** Vitter's Algorithm R as written in textbooks: one random number per item after the fill. */
  @Benchmark
  public long[] algorithmR() {
    SplittableRandom random = new SplittableRandom(seed++);
    long[] reservoir = new long[k];
    System.arraycopy(items, 0, reservoir, 0, k);
    for (int i = k; i < n; i++) {
      long slot = random.nextLong(i + 1L);
      if (slot < k) {
        reservoir[(int) slot] = items[i];
      }
    }
    return reservoir;
  }
}
