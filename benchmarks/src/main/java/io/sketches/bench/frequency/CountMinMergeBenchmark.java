package io.sketches.bench.frequency;

import io.sketches.frequency.CountMinSketch;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Merge, serialize and deserialize of full sketches (ε = 0.001, δ = 0.01, 100,000 updates so that
 * every counter is non-zero and ours is in its dense form), ours against Spark and stream-lib.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CountMinMergeBenchmark {
  @Param({"ours", "spark", "streamlib"})
  public String impl;

  private CountMinSketch ours;
  private CountMinSketch oursOther;
  private byte[] oursBytes;
  private org.apache.spark.util.sketch.CountMinSketch spark;
  private org.apache.spark.util.sketch.CountMinSketch sparkOther;
  private byte[] sparkBytes;
  private com.clearspring.analytics.stream.frequency.CountMinSketch streamlib;
  private com.clearspring.analytics.stream.frequency.CountMinSketch streamlibOther;
  private byte[] streamlibBytes;

  @Setup
  public void setUp() throws IOException {
    ours = CountMinSizes.ours();
    oursOther = CountMinSizes.ours();
    spark = CountMinSizes.spark();
    sparkOther = CountMinSizes.spark();
    streamlib = CountMinSizes.streamlib();
    streamlibOther = CountMinSizes.streamlib();
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long item = random.nextInt(1_000_000);
      ours.update(item, 1);
      oursOther.update(item + 1, 1);
      spark.addLong(item, 1);
      sparkOther.addLong(item + 1, 1);
      streamlib.add(item, 1);
      streamlibOther.add(item + 1, 1);
    }
    oursBytes = ours.toByteArray();
    sparkBytes = spark.toByteArray();
    streamlibBytes = com.clearspring.analytics.stream.frequency.CountMinSketch.serialize(streamlib);
  }

  /** Folds one full sketch into another (the accumulator keeps growing; weights stay small). */
  @Benchmark
  public Object merge() throws Exception {
    return switch (impl) {
      case "ours" -> ours.merge(oursOther);
      case "spark" -> spark.mergeInPlace(sparkOther);
      default ->
          com.clearspring.analytics.stream.frequency.CountMinSketch.merge(
              streamlib, streamlibOther);
    };
  }

  @Benchmark
  public byte[] serialize() throws IOException {
    return switch (impl) {
      case "ours" -> oursOther.toByteArray();
      case "spark" -> sparkOther.toByteArray();
      default ->
          com.clearspring.analytics.stream.frequency.CountMinSketch.serialize(streamlibOther);
    };
  }

  @Benchmark
  public Object deserialize() throws IOException {
    return switch (impl) {
      case "ours" -> CountMinSketch.fromByteArray(oursBytes);
      case "spark" -> org.apache.spark.util.sketch.CountMinSketch.readFrom(sparkBytes);
      default ->
          com.clearspring.analytics.stream.frequency.CountMinSketch.deserialize(streamlibBytes);
    };
  }

  /** Serialized sizes, for the study's table. */
  static int[] serializedSizes() throws IOException {
    CountMinMergeBenchmark state = new CountMinMergeBenchmark();
    state.setUp();
    return new int[] {state.oursBytes.length, state.sparkBytes.length, state.streamlibBytes.length};
  }
}
