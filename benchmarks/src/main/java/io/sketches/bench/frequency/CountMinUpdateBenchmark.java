package io.sketches.bench.frequency;

import com.clearspring.analytics.stream.frequency.ConservativeAddSketch;
import io.sketches.frequency.CountMinSketch;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * Time per update of one item, ours against Spark's {@code CountMinSketch.addLong/addString} and
 * stream-lib's {@code CountMinSketch.add} / {@code ConservativeAddSketch.add}. Every implementation
 * is built from the same (ε = 0.001, δ = 0.01), i.e. the same advertised guarantee; see {@link
 * CountMinSizes} for the shapes and memory that gives each.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CountMinUpdateBenchmark {
  static final int BATCH = 4096;

  @Param({"ours", "ours-conservative", "ours-cm05", "spark", "streamlib", "streamlib-conservative"})
  public String impl;

  private long[] longs;
  private String[] strings;
  private CountMinSketch ours;
  private org.apache.spark.util.sketch.CountMinSketch spark;
  private com.clearspring.analytics.stream.frequency.CountMinSketch streamlib;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    longs = new long[BATCH];
    strings = new String[BATCH];
    for (int i = 0; i < BATCH; i++) {
      longs[i] = random.nextLong();
      strings[i] = "user-" + Long.toHexString(random.nextLong() >>> random.nextInt(40));
    }
    ours = CountMinSizes.ours();
    if (impl.equals("ours-conservative")) {
      ours = ours.withConservativeUpdate();
    } else if (impl.equals("ours-cm05")) {
      ours = CountMinSizes.oursCormodeMuthukrishnan();
    }
    spark = CountMinSizes.spark();
    streamlib =
        impl.equals("streamlib-conservative")
            ? new ConservativeAddSketch(CountMinSizes.EPSILON, 1 - CountMinSizes.DELTA, 42)
            : CountMinSizes.streamlib();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object updateLong() {
    long[] items = longs;
    switch (impl) {
      case "ours", "ours-conservative", "ours-cm05" -> {
        CountMinSketch sketch = ours;
        for (long item : items) {
          sketch.update(item, 1);
        }
        return sketch;
      }
      case "spark" -> {
        org.apache.spark.util.sketch.CountMinSketch sketch = spark;
        for (long item : items) {
          sketch.addLong(item, 1);
        }
        return sketch;
      }
      default -> {
        com.clearspring.analytics.stream.frequency.CountMinSketch sketch = streamlib;
        for (long item : items) {
          sketch.add(item, 1);
        }
        return sketch;
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object updateString() {
    String[] items = strings;
    switch (impl) {
      case "ours", "ours-conservative", "ours-cm05" -> {
        CountMinSketch sketch = ours;
        for (String item : items) {
          sketch.update(item, 1);
        }
        return sketch;
      }
      case "spark" -> {
        org.apache.spark.util.sketch.CountMinSketch sketch = spark;
        for (String item : items) {
          sketch.addString(item, 1);
        }
        return sketch;
      }
      default -> {
        com.clearspring.analytics.stream.frequency.CountMinSketch sketch = streamlib;
        for (String item : items) {
          sketch.add(item, 1);
        }
        return sketch;
      }
    }
  }
}
