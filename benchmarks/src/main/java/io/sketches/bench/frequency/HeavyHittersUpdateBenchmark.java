package io.sketches.bench.frequency;

import io.sketches.ItemSerde;
import io.sketches.frequency.HeavyHitters;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.frequencies.LongsSketch;
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
 * Time per {@code update} of one item into a top-k summary tracking {@value #TRACKED} items, filled
 * from empty by 2^20 items of a Zipf stream (fixed seed, universe 10^6, exponent 1.1 or 0.8), so
 * growth and purges count as in real use. Ours is {@code HeavyHitters.withMaxItemsTracked(10_000)};
 * DataSketches' {@code LongsSketch} / {@code ItemsSketch<String>} get a map size of 16,384, Spark's
 * {@code approx_top_k} rule (the next power of two ≥ tracked items; DataSketches then tracks up to
 * 0.75 × 16,384 = 12,288 items, more than ours).
 *
 * <p>Longs: ours takes the items pre-boxed ({@code Long[]}, as rows hand them over), DataSketches
 * takes a primitive {@code long[]}. Strings: both get the same {@code String[]}; DataSketches
 * hashes with {@code String.hashCode()} (cached in the string after the first pass), ours with the
 * library's XXH3 item hash of the UTF-8 bytes on every update.
 *
 * <p>{@code -p implementation=ours-kept-0.5} (any fraction) runs ours with that kept fraction
 * instead of the default, for choosing it; {@link #main} prints the matching accuracy numbers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HeavyHittersUpdateBenchmark {
  static final int ITEMS = 1 << 20;
  static final int TRACKED = HeavyHitters.DEFAULT_MAX_ITEMS_TRACKED;
  static final int UNIVERSE = 1_000_000;

  /** Spark's approx_top_k: the next power of two ≥ the items tracked. */
  static final int DATASKETCHES_MAP_SIZE = Integer.highestOneBit(TRACKED - 1) << 1;

  @Param({"ours", "datasketches"})
  public String implementation;

  @Param({"1.1", "0.8"})
  public double zipfExponent;

  private long[] longs;
  private Long[] boxedLongs;
  private String[] strings;

  @Setup
  public void setUp() {
    longs = zipfStream(zipfExponent, ITEMS);
    boxedLongs = new Long[ITEMS];
    strings = new String[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      boxedLongs[i] = longs[i];
      strings[i] = "item-" + longs[i];
    }
  }

  /** {@code length} draws of a Zipf law over 1..10^6, fixed seed. */
  static long[] zipfStream(double exponent, int length) {
    ZipfDistribution zipf = new ZipfDistribution(new Well19937c(20261207), UNIVERSE, exponent);
    long[] items = new long[length];
    for (int i = 0; i < length; i++) {
      items[i] = zipf.sample();
    }
    return items;
  }

  private <T> HeavyHitters<T> ours(ItemSerde<T> serde) {
    if (implementation.startsWith("ours-kept-")) {
      double fraction = Double.parseDouble(implementation.substring("ours-kept-".length()));
      return HeavyHitters.create((int) (fraction * TRACKED), TRACKED, serde);
    }
    return HeavyHitters.withMaxItemsTracked(TRACKED, serde);
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public Object updateLong() {
    if (implementation.equals("datasketches")) {
      LongsSketch sketch = new LongsSketch(DATASKETCHES_MAP_SIZE);
      for (long item : longs) {
        sketch.update(item);
      }
      return sketch;
    }
    HeavyHitters<Long> sketch = ours(ItemSerde.longs());
    for (Long item : boxedLongs) {
      sketch.update(item);
    }
    return sketch;
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public Object updateString() {
    if (implementation.equals("datasketches")) {
      ItemsSketch<String> sketch = new ItemsSketch<>(DATASKETCHES_MAP_SIZE);
      for (String item : strings) {
        sketch.update(item);
      }
      return sketch;
    }
    HeavyHitters<String> sketch = ours(ItemSerde.strings());
    for (String item : strings) {
      sketch.update(item);
    }
    return sketch;
  }

  /**
   * The kept-fraction trade-off on both streams, unit and weighted (weights 1..16, which break the
   * ties at counter 1 that make every purge of a unit Zipf stream drop the same counters whatever
   * is kept): maximum error ÷ N (measured, and its bound 1/(kept+1)), purges per update and ns per
   * update (best of 5 fills in one JVM, a rough guide; the JMH benchmark gives the numbers to
   * quote), for each fraction given (default 1/2, 5/8, 3/4, 7/8).
   */
  public static void main(String[] args) {
    double[] fractions =
        args.length == 0
            ? new double[] {0.5, 0.625, 0.75, 0.875}
            : java.util.Arrays.stream(args).mapToDouble(Double::parseDouble).toArray();
    int length = 1 << 22;
    System.out.println("zipf\tweights\tkept\tmaxError/N\tbound/N\tpurges/update\tns/update");
    for (double exponent : new double[] {1.1, 0.8}) {
      long[] stream = zipfStream(exponent, length);
      Long[] boxed = java.util.Arrays.stream(stream).boxed().toArray(Long[]::new);
      for (boolean weighted : new boolean[] {false, true}) {
        long[] weights = new long[length];
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261207);
        long total = 0;
        for (int i = 0; i < length; i++) {
          weights[i] = weighted ? 1 + random.nextInt(16) : 1;
          total += weights[i];
        }
        for (double fraction : fractions) {
          int kept = (int) (fraction * TRACKED);
          long purges = 0;
          HeavyHitters<Long> sketch = HeavyHitters.create(kept, TRACKED, ItemSerde.longs());
          for (int i = 0; i < length; i++) {
            long before = sketch.maximumError();
            sketch.update(boxed[i], weights[i]);
            purges += sketch.maximumError() != before ? 1 : 0; // each purge subtracts ≥ 1
          }
          long best = Long.MAX_VALUE;
          for (int rep = 0; rep < 5; rep++) {
            long start = System.nanoTime();
            HeavyHitters<Long> timed = HeavyHitters.create(kept, TRACKED, ItemSerde.longs());
            for (int i = 0; i < length; i++) {
              timed.update(boxed[i], weights[i]);
            }
            best = Math.min(best, System.nanoTime() - start);
          }
          System.out.printf(
              "%.1f\t%s\t%d\t%.3g\t%.3g\t%.3g\t%.1f%n",
              exponent,
              weighted ? "1..16" : "1",
              kept,
              sketch.maximumError() / (double) total,
              1.0 / (kept + 1),
              purges / (double) length,
              best / (double) length);
        }
      }
    }
  }
}
