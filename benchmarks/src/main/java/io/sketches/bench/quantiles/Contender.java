package io.sketches.bench.quantiles;

import io.sketches.quantiles.QuantileSketch;
import java.lang.reflect.Field;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * One library's quantile sketch of doubles behind the few calls the accuracy study makes, so that
 * ours and DataSketches' KLL go through the same code: {@link #OURS} ({@link QuantileSketch}) and
 * {@link #DATASKETCHES} ({@link KllDoublesSketch}, heap, compact bytes).
 *
 * @param <S> the sketch class
 */
public abstract class Contender<S> {
  private final String name;

  private Contender(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** An empty sketch of the given k whose coins come from {@code seed}. */
  abstract S create(int k, long seed);

  abstract void update(S sketch, double value);

  /** Folds {@code part} into {@code into} and returns it. */
  abstract S merge(S into, S part);

  /** The inclusive normalized rank of {@code value}: the estimated fraction of items ≤ it. */
  abstract double rank(S sketch, double value);

  /** Serialized bytes. */
  abstract int bytes(S sketch);

  /** The library's stated normalized rank error for ranks, for this sketch (a posteriori). */
  abstract double statedError(S sketch);

  /** The library's stated normalized rank error for a sketch of this k, a priori. */
  abstract double statedError(int k);

  /** The seed of part {@code part} of a stream whose merged sketch has {@code seed}. */
  abstract long partSeed(long seed, int part);

  /** A sketch of {@code items[from, to)}, in that order. */
  S build(double[] items, int from, int to, int k, long seed) {
    S sketch = create(k, seed);
    for (int i = from; i < to; i++) {
      update(sketch, items[i]);
    }
    return sketch;
  }

  /** Ours: {@code QuantileSketch.create(k, seed)}. */
  public static final Contender<QuantileSketch> OURS =
      new Contender<>("ours") {
        @Override
        QuantileSketch create(int k, long seed) {
          return QuantileSketch.create(k, seed);
        }

        @Override
        void update(QuantileSketch sketch, double value) {
          sketch.update(value);
        }

        @Override
        QuantileSketch merge(QuantileSketch into, QuantileSketch part) {
          return into.merge(part);
        }

        @Override
        double rank(QuantileSketch sketch, double value) {
          return sketch.rank(value);
        }

        @Override
        int bytes(QuantileSketch sketch) {
          return sketch.toByteArray().length;
        }

        @Override
        double statedError(QuantileSketch sketch) {
          return sketch.normalizedRankError();
        }

        @Override
        double statedError(int k) {
          return QuantileSketch.normalizedRankError(k);
        }

        /** Ours merges only sketches of one seed; its coins also key on the data they compact. */
        @Override
        long partSeed(long seed, int part) {
          return seed;
        }
      };

  /**
   * DataSketches' {@code KllDoublesSketch.newHeapInstance(k)}. Its coins come from one static
   * {@code java.util.Random} ({@code KllSketch.random}), which cannot be seeded through the API;
   * {@link #create} seeds it by reflection, so the anchor is as reproducible as ours as long as
   * only one thread uses DataSketches' KLL at a time (the study runs all its DataSketches trials on
   * one thread).
   */
  public static final Contender<KllDoublesSketch> DATASKETCHES =
      new Contender<>("DataSketches") {
        @Override
        KllDoublesSketch create(int k, long seed) {
          COINS.setSeed(seed);
          return KllDoublesSketch.newHeapInstance(k);
        }

        @Override
        void update(KllDoublesSketch sketch, double value) {
          sketch.update(value);
        }

        @Override
        KllDoublesSketch merge(KllDoublesSketch into, KllDoublesSketch part) {
          into.merge(part);
          return into;
        }

        @Override
        double rank(KllDoublesSketch sketch, double value) {
          return sketch.getRank(value, QuantileSearchCriteria.INCLUSIVE);
        }

        @Override
        int bytes(KllDoublesSketch sketch) {
          return sketch.toByteArray().length;
        }

        @Override
        double statedError(KllDoublesSketch sketch) {
          return sketch.getNormalizedRankError(false);
        }

        @Override
        double statedError(int k) {
          return KllSketch.getNormalizedRankError(k, false);
        }

        /** Its coins do not depend on the data: each part gets its own coin sequence. */
        @Override
        long partSeed(long seed, int part) {
          return QuantilesAccuracyStudy.mix(seed + 1 + part);
        }
      };

  /** DataSketches' static KLL coin source. */
  private static final Random COINS = dataSketchesCoins();

  private static Random dataSketchesCoins() {
    try {
      Field field = KllSketch.class.getDeclaredField("random");
      field.setAccessible(true);
      return (Random) field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot seed DataSketches' KLL coins (KllSketch.random): " + e, e);
    }
  }
}
