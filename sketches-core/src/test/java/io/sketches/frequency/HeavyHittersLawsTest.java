package io.sketches.frequency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.testing.SketchLaws;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The sketch laws for heavy hitters. Merges of Misra–Gries summaries purge at different points in
 * different orders, so two summaries of the same stream are equivalent when they agree on the total
 * weight and every item's interval [lowerBound, upperBound] of the one overlaps the other's (both
 * contain the true count).
 */
class HeavyHittersLawsTest extends SketchLaws<HeavyHitters<String>, Map.Entry<String, Long>> {

  @Override
  protected HeavyHitters<String> emptySketch() {
    return HeavyHitters.create(4, 8, ItemSerde.strings());
  }

  @Override
  protected void update(HeavyHitters<String> sketch, Map.Entry<String, Long> event) {
    sketch.update(event.getKey(), event.getValue());
  }

  @Override
  protected HeavyHitters<String> fromBytes(byte[] bytes) {
    return HeavyHitters.fromByteArray(bytes, ItemSerde.strings());
  }

  @Override
  protected Map.Entry<String, Long> randomEvent(Random random) {
    // skewed: item i with probability ∝ roughly 1/i, so some items are heavy
    int item = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(60)));
    return Map.entry("item-" + item, 1L + random.nextInt(random.nextBoolean() ? 2 : 20));
  }

  @Override
  protected void assertEquivalent(
      HeavyHitters<String> expected, HeavyHitters<String> actual, String law) {
    assertEquals(expected.totalWeight(), actual.totalWeight(), law + ": total weight");
    Map<String, HeavyHitters.Entry<String>> items = new HashMap<>();
    expected.top().forEach(e -> items.put(e.item(), e));
    actual.top().forEach(e -> items.put(e.item(), e));
    for (String item : items.keySet()) {
      HeavyHitters.Entry<String> a = expected.entry(item);
      HeavyHitters.Entry<String> b = actual.entry(item);
      assertTrue(
          a.lowerBound() <= b.upperBound() && b.lowerBound() <= a.upperBound(),
          law + ": intervals of " + item + " are disjoint: " + a + " and " + b);
    }
  }
}
