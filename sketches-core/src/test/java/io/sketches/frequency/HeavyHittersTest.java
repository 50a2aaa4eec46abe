package io.sketches.frequency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.IncompatibleSketchException;
import io.sketches.ItemSerde;
import io.sketches.SketchFormatException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeavyHittersTest {

  /** Zipf-like weighted stream over a large universe, so purges happen many times. */
  private static long[] skewedStream(Random random, int length, Map<Long, Long> truth) {
    long[] items = new long[length];
    for (int i = 0; i < length; i++) {
      items[i] = (long) Math.floor(Math.pow(1 - random.nextDouble(), -1.2)); // heavy tail
      truth.merge(items[i], 1L, Long::sum);
    }
    return items;
  }

  /** The guarantee is deterministic: every item above offset ≤ N/(k+1) is kept, bounds hold. */
  private static void assertGuarantee(HeavyHitters<Long> sketch, Map<Long, Long> truth) {
    long total = truth.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(total, sketch.totalWeight());
    assertTrue(sketch.maximumError() <= total / (sketch.k() + 1), "offset ≤ N/(k+1)");
    Map<Long, HeavyHitters.Entry<Long>> reported = new HashMap<>();
    sketch.top().forEach(e -> reported.put(e.item(), e));
    for (Map.Entry<Long, Long> item : truth.entrySet()) {
      long f = item.getValue();
      HeavyHitters.Entry<Long> entry = sketch.entry(item.getKey());
      assertTrue(entry.lowerBound() <= f && f <= entry.upperBound(), "bounds of " + entry);
      if (f > sketch.maximumError()) {
        assertTrue(reported.containsKey(item.getKey()), "no false negative: " + item);
      }
    }
    List<HeavyHitters.Entry<Long>> frequent = sketch.frequentItems(1.0 / (sketch.k() + 1));
    for (Map.Entry<Long, Long> item : truth.entrySet()) {
      if (item.getValue() > total / (double) (sketch.k() + 1)) {
        assertTrue(frequent.stream().anyMatch(e -> e.item().equals(item.getKey())), "" + item);
      }
    }
    for (HeavyHitters.Entry<Long> sure : sketch.guaranteedFrequentItems(0.01)) {
      assertTrue(truth.get(sure.item()) > 0.01 * total, "no false positive: " + sure);
    }
  }

  /**
   * SHA-256 of the bytes of seeded folds (acc.merge(part) in a loop) of long and string summaries
   * of mixed capacities, as recorded when a merge added every counter and then purged: merges now
   * insert only the purge's survivors and must give the same counters, offsets and bytes.
   */
  static String foldDigest() throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    Random random = new Random(2026);
    for (int scenario = 0; scenario < 30; scenario++) {
      HeavyHitters<Long> longs = HeavyHitters.create(1 + random.nextInt(40), ItemSerde.longs());
      HeavyHitters<String> strings =
          HeavyHitters.create(1 + random.nextInt(40), ItemSerde.strings());
      for (int part = 0; part < 6; part++) {
        int k = 1 + random.nextInt(40);
        HeavyHitters<Long> nextLongs = HeavyHitters.create(k, ItemSerde.longs());
        HeavyHitters<String> nextStrings = HeavyHitters.create(k, ItemSerde.strings());
        int n = random.nextInt(600);
        for (int i = 0; i < n; i++) {
          long item = (long) Math.pow(1 - random.nextDouble(), -1.5);
          long count = 1 + random.nextInt(8);
          nextLongs.update(item, count);
          nextStrings.update("item-" + item, count);
        }
        digest.update(longs.merge(nextLongs).toByteArray());
        digest.update(strings.merge(nextStrings).toByteArray());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Test
  void foldsGiveTheRecordedBytes() throws Exception {
    assertEquals("f2f866a5a878aebd5b677ac0f9c59cb10645d7ca0e3e38e40ac767dcebb261e8", foldDigest());
  }

  @Test
  void everyItemAboveTheThresholdIsReportedWithTrueBounds() {
    Map<Long, Long> truth = new HashMap<>();
    HeavyHitters<Long> sketch = HeavyHitters.create(20, ItemSerde.longs());
    for (long item : skewedStream(new Random(1), 100_000, truth)) {
      sketch.update(item, 1);
    }
    assertTrue(sketch.maximumError() > 0, "purges happened");
    assertGuarantee(sketch, truth);
    List<HeavyHitters.Entry<Long>> top = sketch.top();
    for (int i = 1; i < top.size(); i++) {
      assertTrue(top.get(i - 1).estimate() >= top.get(i).estimate(), "sorted by estimate");
    }
    assertEquals(1L, top.get(0).item(), "the heaviest item first");
    assertThrows(UnsupportedOperationException.class, () -> top.remove(0));
    assertEquals(5, sketch.top(5).size());
  }

  @Test
  void mergesOfManyPartsKeepTheGuarantee() {
    Map<Long, Long> truth = new HashMap<>();
    long[] stream = skewedStream(new Random(2), 60_000, truth);
    List<HeavyHitters<Long>> parts = new ArrayList<>();
    for (int p = 0; p < 7; p++) {
      parts.add(HeavyHitters.create(10, 15, ItemSerde.longs()));
    }
    Random random = new Random(3);
    for (long item : stream) {
      parts.get(random.nextInt(parts.size())).update(item, 1);
    }
    HeavyHitters<Long> merged = parts.get(0);
    for (int p = 1; p < parts.size(); p++) {
      merged.merge(parts.get(p).copy());
    }
    assertGuarantee(merged, truth);
    assertGuarantee(HeavyHitters.fromByteArray(merged.toByteArray(), ItemSerde.longs()), truth);
  }

  @Test
  void weightedUpdatesAndClassicMisraGries() {
    Map<Long, Long> truth = new HashMap<>();
    HeavyHitters<Long> sketch = HeavyHitters.create(5, 5, ItemSerde.longs());
    Random random = new Random(5);
    for (long item : skewedStream(random, 20_000, new HashMap<>())) {
      long count = 1 + random.nextInt(100);
      truth.merge(item, count, Long::sum);
      sketch.update(item, count);
    }
    assertTrue(sketch.size() <= 5);
    assertGuarantee(sketch, truth);
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    HeavyHitters<String> sketch = HeavyHitters.create(3, ItemSerde.strings()).update("a", 2);
    byte[] before = sketch.toByteArray();
    assertThrows(IllegalArgumentException.class, () -> sketch.update(null, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sketch.update("a", -1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HeavyHitters.create(0, ItemSerde.longs()));
    assertThrows(
        IllegalArgumentException.class, () -> HeavyHitters.create(5, 4, ItemSerde.longs()));
    assertThrows(IllegalArgumentException.class, () -> sketch.frequentItems(0));
    assertThrows(ArithmeticException.class, () -> sketch.update("b", Long.MAX_VALUE));
    assertArrayEquals(before, sketch.toByteArray());
    @SuppressWarnings({"unchecked", "rawtypes"})
    HeavyHitters<String> longs = (HeavyHitters) HeavyHitters.create(3, ItemSerde.longs());
    IncompatibleSketchException incompatible =
        assertThrows(IncompatibleSketchException.class, () -> sketch.merge(longs));
    assertTrue(incompatible.getMessage().contains("3 and 1"), incompatible.getMessage());
    assertArrayEquals(before, sketch.toByteArray());
  }

  @Test
  void byteArrayItemsCompareByContent() {
    HeavyHitters<byte[]> sketch = HeavyHitters.create(2, ItemSerde.byteArrays());
    sketch.update("x".getBytes(StandardCharsets.UTF_8), 1).update(new byte[] {'x'}, 2);
    assertEquals(1, sketch.size());
    assertEquals(3, sketch.top().get(0).estimate());
    HeavyHitters<byte[]> read =
        HeavyHitters.fromByteArray(sketch.toByteArray(), ItemSerde.byteArrays());
    assertArrayEquals(new byte[] {'x'}, read.top().get(0).item());
  }

  @Test
  void bytesReadWithTheWrongSerdeAreRefused() {
    byte[] bytes = HeavyHitters.create(2, ItemSerde.strings()).update("a", 1).toByteArray();
    assertThrows(
        SketchFormatException.class, () -> HeavyHitters.fromByteArray(bytes, ItemSerde.longs()));
  }

  @Test
  void summariesOfDifferentSizesMergeToTheSmaller() {
    HeavyHitters<Long> large = HeavyHitters.withMaxItemsTracked(100, ItemSerde.longs());
    HeavyHitters<Long> small = HeavyHitters.withMaxItemsTracked(8, ItemSerde.longs());
    for (long i = 0; i < 50; i++) {
      large.update(i, 1 + i);
      small.update(i % 10, 1);
    }
    large.merge(small);
    assertEquals(small.k(), large.k());
    assertEquals(small.maxItemsTracked(), large.maxItemsTracked());
    assertTrue(
        large.size() <= small.maxItemsTracked(), "shrunk to the smaller capacity: " + large.size());
    assertEquals(50 * 51 / 2 + 50, large.totalWeight());
    assertTrue(large.maximumError() * (large.k() + 1) <= large.totalWeight(), "offset bound");
  }

  @Test
  void mergesWithAUserSerdeSharingABuiltInId() {
    ItemSerde<String> sameId =
        new ItemSerde<>() {
          @Override
          public int id() {
            return ItemSerde.strings().id();
          }

          @Override
          public void write(io.sketches.format.SketchWriter out, String item) {
            ItemSerde.strings().write(out, item);
          }

          @Override
          public String read(io.sketches.format.SketchReader in) {
            return ItemSerde.strings().read(in);
          }

          @Override
          public long hash(String item) {
            return ItemSerde.strings().hash(item);
          }
        };
    HeavyHitters<String> builtIn = HeavyHitters.withMaxItemsTracked(16, ItemSerde.strings());
    HeavyHitters<String> user = HeavyHitters.withMaxItemsTracked(16, sameId);
    builtIn.update("a", 2).update("b");
    user.update("a", 3).update("c");
    HeavyHitters<String> userCopy = user.copy().merge(builtIn);
    builtIn.merge(user);
    for (HeavyHitters<String> merged : List.of(builtIn, userCopy)) {
      assertEquals(3, merged.size(), "one counter per item");
      assertEquals(5, merged.entry("a").lowerBound());
      assertArrayEquals(builtIn.toByteArray(), merged.toByteArray());
    }
  }
}
