package io.sketches.fuzz;

import io.sketches.IncompatibleSketchException;
import io.sketches.ItemSerde;
import io.sketches.Sketch;
import io.sketches.SketchType;
import io.sketches.frequency.CountMinSketch;
import io.sketches.frequency.HeavyHitters;
import java.util.List;
import java.util.SplittableRandom;

/** The contracts of the two frequency sketches, Count-Min and heavy hitters. */
final class FrequencyContracts {
  private FrequencyContracts() {}

  /** Merges and updates may refuse an overflowing weight: both Javadocs say so. */
  static boolean incompatibleOrOverflow(Throwable thrown) {
    return thrown instanceof IncompatibleSketchException || thrown instanceof ArithmeticException;
  }

  /**
   * Count-Min: weights consistent (|net| ≤ absolute), error bound ≥ 0, and for every item lower ≤
   * estimate ≤ upper, with 0 ≤ lower and estimate ≤ absolute weight unless turnstile; an empty
   * sketch estimates 0.
   */
  /**
   * Both counting sketches refuse the same way: a merge of incompatible shapes or past a counter's
   * range, an update past a counter's range ({@code ArithmeticException}).
   */
  abstract static class CountingContract<S extends Sketch<S>> extends SketchContract<S> {
    CountingContract(SketchType type, Class<S> sketchClass) {
      super(type, sketchClass);
    }

    @Override
    boolean documentedMergeRefusal(Throwable thrown) {
      return incompatibleOrOverflow(thrown);
    }

    @Override
    boolean documentedUpdateRefusal(Throwable thrown) {
      return thrown instanceof ArithmeticException;
    }
  }

  static final class CountMin extends CountingContract<CountMinSketch> {
    CountMin() {
      super(SketchType.COUNT_MIN, CountMinSketch.class);
    }

    @Override
    CountMinSketch readOwn(byte[] bytes, Specimen origin) {
      return CountMinSketch.fromByteArray(bytes);
    }

    @Override
    void queries(CountMinSketch sketch, Probe probe, SplittableRandom random) {
      Long absolute = probe.query("absoluteWeight()", sketch::absoluteWeight);
      Long net = probe.query("totalWeight()", sketch::totalWeight);
      Long error = probe.query("errorBound()", sketch::errorBound);
      Boolean turnstile = probe.query("isTurnstile()", sketch::isTurnstile);
      Boolean empty = probe.query("isEmpty()", sketch::isEmpty);
      if (absolute == null || net == null || error == null || turnstile == null || empty == null) {
        return;
      }
      probe.expect(
          absolute >= 0 && net != Long.MIN_VALUE && Math.abs(net) <= absolute,
          "weights inconsistent",
          "net %d, absolute %d",
          net,
          absolute);
      probe.expect(error >= 0, "errorBound() < 0", "%d", error);
      for (long item : new long[] {0, 1, 2, random.nextLong()}) {
        Long estimate = probe.query("estimate(long)", () -> sketch.estimate(item));
        Long lower = probe.query("lowerBound(long)", () -> sketch.lowerBound(item));
        Long upper = probe.query("upperBound(long)", () -> sketch.upperBound(item));
        if (estimate == null || lower == null || upper == null) {
          continue;
        }
        probe.expect(
            lower <= estimate && estimate <= upper,
            "bounds do not enclose the estimate",
            "item %d: %d ≤ %d ≤ %d",
            item,
            lower,
            estimate,
            upper);
        probe.expect(
            turnstile || (lower >= 0 && estimate <= absolute),
            "cash-register estimate outside [0, absolute weight]",
            "item %d: lower %d, estimate %d, absolute %d",
            item,
            lower,
            estimate,
            absolute);
        probe.expect(!empty || estimate == 0, "an empty sketch estimates ≠ 0", "%d", estimate);
      }
      Long self =
          probe.query(
              "innerProduct(itself)",
              () -> sketch.innerProduct(sketch),
              e -> e instanceof ArithmeticException);
      probe.expect(
          self == null || turnstile || self >= 0, "cash-register self-join < 0", "%s", self);
      Double selfError =
          probe.query("innerProductError(itself)", () -> sketch.innerProductError(sketch));
      if (selfError != null) {
        probe.finiteNonNegative("innerProductError(itself)", selfError);
      }
      Double failure = probe.query("failureProbability(0.5)", () -> sketch.failureProbability(0.5));
      probe.expect(
          failure == null || (failure >= 0 && failure <= 1),
          "failureProbability outside [0, 1]",
          "%s",
          failure);
      probe.finiteNonNegative("epsilon()", sketch.epsilon());
    }

    @Override
    void update(CountMinSketch sketch, SplittableRandom random) {
      long count = 1 + random.nextInt(5);
      boolean negative = !sketch.isConservative() && random.nextInt(4) == 0;
      sketch.update(random.nextInt(50), negative ? -count : count);
    }
  }

  /**
   * Heavy hitters: at most capacity entries, sorted by estimate, each lower ≤ estimate ≤ upper ≤
   * total weight with lower ≥ 0; the maximum error within [0, total weight]; the frequent-item
   * lists nested; both top-k error types as documented.
   */
  static final class Heavy extends CountingContract<HeavyHitters<Object>> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Heavy() {
      super(SketchType.HEAVY_HITTERS, (Class) HeavyHitters.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    HeavyHitters<Object> readOwn(byte[] bytes, Specimen origin) {
      return HeavyHitters.fromByteArray(bytes, (ItemSerde<Object>) origin.serde());
    }

    @Override
    void queries(HeavyHitters<Object> sketch, Probe probe, SplittableRandom random) {
      Long total = probe.query("totalWeight()", sketch::totalWeight);
      Long maximumError = probe.query("maximumError()", sketch::maximumError);
      List<HeavyHitters.Entry<Object>> top = probe.query("top()", sketch::top);
      if (total == null || maximumError == null || top == null) {
        return;
      }
      probe.expect(
          total >= 0 && maximumError >= 0 && maximumError <= total,
          "maximumError() outside [0, total weight]",
          "error %d, total %d",
          maximumError,
          total);
      probe.finiteNonNegative("guaranteedThreshold()", sketch.guaranteedThreshold());
      probe.expect(
          top.size() == sketch.size() && top.size() <= sketch.capacity() && sketch.k() >= 1,
          "more entries than the capacity",
          "%d entries, size %d, capacity %d, k %d",
          top.size(),
          sketch.size(),
          sketch.capacity(),
          sketch.k());
      long previous = Long.MAX_VALUE;
      for (HeavyHitters.Entry<Object> entry : top) {
        checkEntry(probe, entry, total);
        probe.expect(
            entry.estimate() <= previous,
            "top() not sorted",
            "%d after %d",
            entry.estimate(),
            previous);
        previous = entry.estimate();
      }
      List<HeavyHitters.Entry<Object>> frequent =
          probe.query("frequentItems(0.25)", () -> sketch.frequentItems(0.25));
      List<HeavyHitters.Entry<Object>> guaranteed =
          probe.query("guaranteedFrequentItems(0.25)", () -> sketch.guaranteedFrequentItems(0.25));
      probe.expect(
          frequent == null || guaranteed == null || guaranteed.size() <= frequent.size(),
          "guaranteed frequent items not among the frequent ones",
          "%d guaranteed, %d frequent",
          guaranteed == null ? -1 : guaranteed.size(),
          frequent == null ? -1 : frequent.size());
      topK(sketch, probe, top, maximumError, 1 + random.nextInt(8));
      Object item = Corpus.item(sketch.serde().id(), random.nextInt(60));
      HeavyHitters.Entry<Object> entry = probe.query("entry(item)", () -> sketch.entry(item));
      if (entry != null) {
        checkEntry(probe, entry, total);
      }
    }

    /**
     * topK(k): a prefix of top() of at most k entries, each with lower bound above the maximum
     * error; NO_FALSE_NEGATIVES: top()'s first k and exactly the entries whose upper bound reaches
     * the k-th lower bound.
     */
    private static void topK(
        HeavyHitters<Object> sketch,
        Probe probe,
        List<HeavyHitters.Entry<Object>> top,
        long maximumError,
        int k) {
      List<HeavyHitters.Entry<Object>> sure = probe.query("topK(k)", () -> sketch.topK(k));
      if (sure != null) {
        probe.expect(
            sure.size() <= k
                && sure.equals(top.subList(0, sure.size()))
                && sure.stream().allMatch(e -> e.lowerBound() > maximumError),
            "topK(k) is not a prefix of top() with lower bounds above the maximum error",
            "k %d, %d entries, maximum error %d",
            k,
            sure.size(),
            maximumError);
      }
      List<HeavyHitters.Entry<Object>> possible =
          probe.query(
              "topK(k, NO_FALSE_NEGATIVES)",
              () -> sketch.topK(k, HeavyHitters.ErrorType.NO_FALSE_NEGATIVES));
      if (possible != null) {
        long kthLower = top.size() >= k ? top.get(k - 1).lowerBound() : 0;
        int expected = (int) top.stream().filter(e -> e.upperBound() >= kthLower).count();
        probe.expect(
            possible.equals(top.subList(0, expected)),
            "topK(k, NO_FALSE_NEGATIVES) is not the entries reaching the k-th lower bound",
            "k %d, %d entries, expected %d",
            k,
            possible.size(),
            expected);
      }
    }

    private static void checkEntry(Probe probe, HeavyHitters.Entry<Object> entry, long total) {
      probe.expect(
          0 <= entry.lowerBound()
              && entry.lowerBound() <= entry.estimate()
              && entry.estimate() <= entry.upperBound()
              && entry.upperBound() <= total,
          "entry bounds outside 0 ≤ lower ≤ estimate ≤ upper ≤ total weight",
          "%d ≤ %d ≤ %d ≤ %d",
          entry.lowerBound(),
          entry.estimate(),
          entry.upperBound(),
          total);
    }

    @Override
    void update(HeavyHitters<Object> sketch, SplittableRandom random) {
      sketch.update(Corpus.item(sketch.serde().id(), random.nextInt(60)), 1 + random.nextInt(3));
    }
  }
}
