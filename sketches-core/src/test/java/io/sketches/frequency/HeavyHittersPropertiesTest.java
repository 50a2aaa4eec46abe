package io.sketches.frequency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.frequency.HeavyHitters.Entry;
import io.sketches.frequency.HeavyHitters.ErrorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The guarantees of heavy hitters as properties over random skewed weighted streams: bounds for
 * every item after merges in any order and of any sizes, the two top-k error types, exactness below
 * the capacity, deterministic bytes. All deterministic (the guarantees are not probabilistic), so
 * no try can fail by chance.
 */
class HeavyHittersPropertiesTest {
  private static final int[] CAPACITIES = {1, 2, 5, 8, 16, 33, 64};

  /** A stream of (item, weight): item i with probability ∝ about 1/i^1.3 over 1..universe. */
  private static List<long[]> skewedStream(Random random, int length, int universe) {
    List<long[]> stream = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      long item = (long) Math.min(universe, Math.floor(Math.pow(1 - random.nextDouble(), -1.3)));
      long weight = random.nextInt(4) == 0 ? 1 + random.nextInt(20) : 1;
      stream.add(new long[] {item, weight});
    }
    return stream;
  }

  private static Map<Long, Long> truth(List<long[]> stream) {
    Map<Long, Long> counts = new HashMap<>();
    stream.forEach(e -> counts.merge(e[0], e[1], Long::sum));
    return counts;
  }

  /** lower ≤ truth ≤ upper for every item seen, and offset·(k+1) ≤ N − M (Agarwal et al.). */
  private static void assertBounds(HeavyHitters<Long> sketch, Map<Long, Long> truth) {
    long total = truth.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(total, sketch.totalWeight());
    for (Map.Entry<Long, Long> item : truth.entrySet()) {
      Entry<Long> entry = sketch.entry(item.getKey());
      assertTrue(
          entry.lowerBound() <= item.getValue() && item.getValue() <= entry.upperBound(),
          "bounds of " + entry + ", truth " + item.getValue());
    }
    long kept = sketch.top().stream().mapToLong(Entry::lowerBound).sum();
    assertTrue(sketch.size() <= sketch.capacity(), "size within capacity");
    assertTrue(
        sketch.maximumError() * (sketch.k() + 1) <= total - kept,
        "offset " + sketch.maximumError() + " · (k + 1) ≤ N − M = " + (total - kept));
  }

  @Property(tries = 200)
  void boundsHoldAfterMergesOfAnySizeInAnyOrder(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int parts) {
    Random random = new Random(seed);
    List<long[]> stream = skewedStream(random, 1 + random.nextInt(3000), 1 + random.nextInt(500));
    List<HeavyHitters<Long>> summaries = new ArrayList<>();
    int smallestK = Integer.MAX_VALUE;
    int smallestCapacity = Integer.MAX_VALUE;
    for (int p = 0; p < parts; p++) {
      int capacity = CAPACITIES[random.nextInt(CAPACITIES.length)];
      HeavyHitters<Long> part = HeavyHitters.withMaxItemsTracked(capacity, ItemSerde.longs());
      smallestK = Math.min(smallestK, part.k());
      smallestCapacity = Math.min(smallestCapacity, part.capacity());
      summaries.add(part);
    }
    for (long[] event : stream) {
      summaries.get(random.nextInt(parts)).update(event[0], event[1]);
    }
    while (summaries.size() > 1) { // a random merge tree
      HeavyHitters<Long> a = summaries.remove(random.nextInt(summaries.size()));
      HeavyHitters<Long> b = summaries.remove(random.nextInt(summaries.size()));
      summaries.add(a.merge(b));
    }
    HeavyHitters<Long> merged = summaries.get(0);
    assertEquals(smallestK, merged.k(), "merge keeps the smaller k");
    assertEquals(smallestCapacity, merged.capacity(), "merge keeps the smaller capacity");
    assertBounds(merged, truth(stream));
    assertBounds(
        HeavyHitters.fromByteArray(merged.toByteArray(), ItemSerde.longs()), truth(stream));
  }

  /** Items whose true count is at least the true k-th largest count: the exact top k, ties in. */
  private static Set<Long> exactTopK(Map<Long, Long> truth, int k) {
    List<Long> counts = truth.values().stream().sorted((a, b) -> Long.compare(b, a)).toList();
    long kth = counts.size() >= k ? counts.get(k - 1) : 0;
    return truth.entrySet().stream()
        .filter(e -> e.getValue() >= kth)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static Set<Long> items(List<Entry<Long>> entries) {
    return entries.stream().map(Entry::item).collect(Collectors.toSet());
  }

  /**
   * NO_FALSE_POSITIVES: at most k entries, a prefix of top(), each with lower bound above the
   * maximum error (so its true count is too). NO_FALSE_NEGATIVES: top()'s first k plus entries
   * whose upper bound reaches the k-th lower bound, holding the exact top k whenever the maximum
   * error is below that k-th lower bound.
   */
  static boolean checkTopK(HeavyHitters<Long> sketch, Map<Long, Long> truth, int k) {
    List<Entry<Long>> top = sketch.top();
    List<Entry<Long>> noFalsePositives = sketch.topK(k, ErrorType.NO_FALSE_POSITIVES);
    assertEquals(noFalsePositives, sketch.topK(k));
    assertTrue(noFalsePositives.size() <= k);
    assertEquals(top.subList(0, noFalsePositives.size()), noFalsePositives, "a prefix of top()");
    for (Entry<Long> entry : noFalsePositives) {
      assertTrue(entry.lowerBound() > sketch.maximumError(), "lower > maximumError: " + entry);
      assertTrue(truth.get(entry.item()) > sketch.maximumError(), "truly above the error");
    }
    List<Entry<Long>> noFalseNegatives = sketch.topK(k, ErrorType.NO_FALSE_NEGATIVES);
    int prefix = Math.min(k, top.size());
    assertEquals(top.subList(0, prefix), noFalseNegatives.subList(0, prefix), "first k of top()");
    long kthLower = top.size() >= k ? top.get(k - 1).lowerBound() : 0;
    for (Entry<Long> entry : noFalseNegatives.subList(prefix, noFalseNegatives.size())) {
      assertTrue(entry.upperBound() >= kthLower, "may be in the top k: " + entry);
    }
    assertEquals(
        top.stream().filter(e -> e.upperBound() >= kthLower).count(),
        noFalseNegatives.size(),
        "every entry that may be in the top k");
    boolean complete = sketch.maximumError() < kthLower;
    if (complete) {
      Set<Long> exact = exactTopK(truth, k);
      assertTrue(
          items(noFalseNegatives).containsAll(exact),
          "NO_FALSE_NEGATIVES misses " + exact + " with maximumError " + sketch.maximumError());
    }
    return complete;
  }

  @Property(tries = 300)
  void topKErrorTypesKeepTheirPromises(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int k,
      @ForAll @IntRange(min = 0, max = 6) int capacityIndex) {
    Random random = new Random(seed);
    List<long[]> stream = skewedStream(random, 1 + random.nextInt(4000), 1 + random.nextInt(2000));
    int capacity = 4 * CAPACITIES[capacityIndex];
    HeavyHitters<Long> first = HeavyHitters.withMaxItemsTracked(capacity, ItemSerde.longs());
    HeavyHitters<Long> second = HeavyHitters.withMaxItemsTracked(capacity, ItemSerde.longs());
    for (long[] event : stream) {
      (random.nextBoolean() ? first : second).update(event[0], event[1]);
    }
    checkTopK(first.merge(second), truth(stream), k);
  }

  /** The completeness branch of the property above is not vacuous: it runs on these streams. */
  @Test
  void noFalseNegativesIsCompleteOnASkewedStreamWithPurges() {
    Random random = new Random(17);
    List<long[]> stream = skewedStream(random, 20_000, 5000);
    HeavyHitters<Long> sketch = HeavyHitters.withMaxItemsTracked(64, ItemSerde.longs());
    stream.forEach(e -> sketch.update(e[0], e[1]));
    assertTrue(sketch.maximumError() > 0, "purged");
    for (int k = 1; k <= 10; k++) {
      assertTrue(checkTopK(sketch, truth(stream), k), "complete for k = " + k);
    }
    // and the check can fail: the exact top 10 is not within the first 3 entries
    Set<Long> firstThree = items(sketch.topK(3));
    assertTrue(!firstThree.containsAll(exactTopK(truth(stream), 10)));
  }

  @Property(tries = 200)
  void exactWhileFewerDistinctItemsThanTheCapacity(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int capacity) {
    Random random = new Random(seed);
    List<long[]> stream = skewedStream(random, random.nextInt(2000), capacity);
    HeavyHitters<Long> sketch = HeavyHitters.withMaxItemsTracked(capacity, ItemSerde.longs());
    stream.forEach(e -> sketch.update(e[0], e[1]));
    Map<Long, Long> truth = truth(stream);
    assertEquals(0, sketch.maximumError(), "nothing purged");
    assertEquals(truth.size(), sketch.size());
    for (Entry<Long> entry : sketch.top()) {
      long f = truth.get(entry.item());
      assertTrue(entry.lowerBound() == f && entry.upperBound() == f, "exact: " + entry);
    }
    int k = 1 + random.nextInt(10);
    List<Long> exactOrder =
        truth.entrySet().stream()
            .sorted(
                (a, b) ->
                    a.getValue().equals(b.getValue())
                        ? Long.compare(
                            ItemSerde.longs().hash(a.getKey()), ItemSerde.longs().hash(b.getKey()))
                        : Long.compare(b.getValue(), a.getValue()))
            .map(Map.Entry::getKey)
            .limit(k)
            .toList();
    assertEquals(exactOrder, sketch.topK(k).stream().map(Entry::item).toList(), "exact top k");
    assertEquals(
        exactTopK(truth, k), items(sketch.topK(k, ErrorType.NO_FALSE_NEGATIVES)), "ties included");
  }

  @Property(tries = 60)
  void sameItemsInTheSameOrderGiveTheSameBytes(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 6) int capacityIndex) {
    Random random = new Random(seed);
    List<long[]> stream = skewedStream(random, random.nextInt(3000), 1 + random.nextInt(1000));
    int capacity = CAPACITIES[capacityIndex];
    List<byte[]> bytes = new ArrayList<>();
    for (int copy = 0; copy < 2; copy++) {
      HeavyHitters<String> sketch = HeavyHitters.withMaxItemsTracked(capacity, ItemSerde.strings());
      HeavyHitters<Long> longs = HeavyHitters.withMaxItemsTracked(capacity, ItemSerde.longs());
      for (long[] event : stream) {
        sketch.update(new String("item-" + event[0]), event[1]); // equal, not identical
        longs.update(event[0], event[1]);
      }
      bytes.add(sketch.toByteArray());
      bytes.add(longs.toByteArray());
      bytes.add(sketch.copy().toByteArray());
      bytes.add(HeavyHitters.fromByteArray(longs.toByteArray(), ItemSerde.longs()).toByteArray());
    }
    assertArrayEquals(bytes.get(0), bytes.get(4));
    assertArrayEquals(bytes.get(1), bytes.get(5));
    assertArrayEquals(bytes.get(0), bytes.get(2), "a copy writes the same bytes");
    assertArrayEquals(bytes.get(1), bytes.get(3), "so does a read summary");
  }

  @Test
  void memoryGrowsWithTheDistinctItemsSeenNotWithTheCapacity() {
    HeavyHitters<Long> sketch = HeavyHitters.create(ItemSerde.longs());
    assertEquals(CounterTable.MIN_LENGTH, sketch.tableLength(), "empty");
    for (long i = 0; i < 100; i++) {
      sketch.update(i % 10);
    }
    assertEquals(16, sketch.tableLength(), "10 distinct items at load ≤ 3/4");
    for (long i = 0; i < 100_000; i++) {
      sketch.update(i);
    }
    assertEquals(
        CounterTable.lengthFor(sketch.capacity() + 1), sketch.tableLength(), "full: capacity + 1");
    assertEquals(16_384, sketch.tableLength());
  }
}
