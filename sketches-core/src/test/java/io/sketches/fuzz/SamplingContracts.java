package io.sketches.fuzz;

import io.sketches.ItemSerde;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.sampling.WeightedReservoirSampler;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The contracts of the two samplers: a sample of exactly min(count, k) items, none null; the
 * weighted sampler's total weight ≥ 0, and positive once it has seen an item.
 */
final class SamplingContracts {
  private SamplingContracts() {}

  /**
   * The serde id in a sampler's bytes (after the varint k), so that an update offers an item the
   * sampler can write: 0 (none chosen yet) takes any built-in item class.
   */
  static int serdeId(byte[] bytes) {
    int position = SketchFormat.HEADER_BYTES;
    while ((bytes[position] & 0x80) != 0) {
      position++;
    }
    return bytes[position + 1] & 0xFF;
  }

  private static void checkSample(Probe probe, List<?> sample, long count, int k) {
    probe.expect(
        count >= 0 && k >= 1 && sample.size() == Math.min(count, k),
        "sample size is not min(count, k)",
        "%d items, count %d, k %d",
        sample.size(),
        count,
        k);
    probe.expect(!sample.contains(null), "sample holds null", "%s", sample);
  }

  /**
   * What both samplers document beyond a sketch's refusals: an update or merge whose count would
   * pass 2^63 − 2 (or, weighted, whose total weight would pass {@code Double.MAX_VALUE}) throws
   * ArithmeticException and changes nothing.
   */
  abstract static class SamplerContract<S extends io.sketches.Sketch<S>> extends SketchContract<S> {
    SamplerContract(SketchType type, Class<S> sketchClass) {
      super(type, sketchClass);
    }

    @Override
    boolean documentedMergeRefusal(Throwable thrown) {
      return super.documentedMergeRefusal(thrown) || thrown instanceof ArithmeticException;
    }

    @Override
    boolean documentedUpdateRefusal(Throwable thrown) {
      return thrown instanceof ArithmeticException;
    }
  }

  /** Uniform reservoir sampler. */
  static final class Uniform extends SamplerContract<ReservoirSampler<Object>> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Uniform() {
      super(SketchType.RESERVOIR, (Class) ReservoirSampler.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    ReservoirSampler<Object> readOwn(byte[] bytes, Specimen origin) {
      return origin.serde() == null
          ? (ReservoirSampler<Object>) ReservoirSampler.fromByteArray(bytes)
          : ReservoirSampler.fromByteArray(bytes, (ItemSerde<Object>) origin.serde());
    }

    @Override
    void queries(ReservoirSampler<Object> sketch, Probe probe, SplittableRandom random) {
      List<Object> sample = probe.query("sample()", sketch::sample);
      if (sample != null) {
        checkSample(probe, sample, sketch.count(), sketch.k());
      }
    }

    @Override
    void update(ReservoirSampler<Object> sketch, SplittableRandom random) {
      sketch.update(Corpus.item(serdeId(sketch.toByteArray()), random.nextInt(1000)));
    }
  }

  /** Weighted reservoir sampler (A-ExpJ). */
  static final class Weighted extends SamplerContract<WeightedReservoirSampler<Object>> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Weighted() {
      super(SketchType.WEIGHTED_RESERVOIR, (Class) WeightedReservoirSampler.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    WeightedReservoirSampler<Object> readOwn(byte[] bytes, Specimen origin) {
      return origin.serde() == null
          ? (WeightedReservoirSampler<Object>) WeightedReservoirSampler.fromByteArray(bytes)
          : WeightedReservoirSampler.fromByteArray(bytes, (ItemSerde<Object>) origin.serde());
    }

    @Override
    void queries(WeightedReservoirSampler<Object> sketch, Probe probe, SplittableRandom random) {
      List<Object> sample = probe.query("sample()", sketch::sample);
      if (sample != null) {
        checkSample(probe, sample, sketch.count(), sketch.k());
      }
      double totalWeight = sketch.totalWeight();
      probe.expect(
          totalWeight >= 0 && (sketch.count() == 0) == (totalWeight == 0),
          "total weight does not fit the count",
          "total weight %s, count %d",
          totalWeight,
          sketch.count());
    }

    @Override
    void update(WeightedReservoirSampler<Object> sketch, SplittableRandom random) {
      sketch.update(
          Corpus.item(serdeId(sketch.toByteArray()), random.nextInt(1000)),
          0.01 + 10 * random.nextDouble());
    }
  }
}
