package io.sketches.frequency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The open-addressing counter table against a {@link HashMap} model: adds, growth, purges (the
 * model sorts where the table selects) and lookups agree for every keying (longs and ints kept as
 * values, doubles by their injective hash, strings by their cached hash code, and a user serde
 * whose hash collides for every item).
 */
class CounterTableTest {

  /** A user serde (id 200) whose hash is the same for every item: only {@code equal} separates. */
  private static final ItemSerde<String> COLLIDING =
      new ItemSerde<>() {
        @Override
        public int id() {
          return 200;
        }

        @Override
        public void write(SketchWriter out, String item) {
          ItemSerde.strings().write(out, item);
        }

        @Override
        public String read(SketchReader in) {
          return ItemSerde.strings().read(in);
        }

        @Override
        public long hash(String item) {
          return 42;
        }
      };

  /** The model's purge: the (kept+1)-th largest by sorting; returns it. */
  private static long purge(Map<String, Long> model, int kept) {
    long[] counts = model.values().stream().mapToLong(Long::longValue).sorted().toArray();
    long decrement = counts[counts.length - (kept + 1)];
    model.replaceAll((item, count) -> count - decrement);
    model.values().removeIf(count -> count <= 0);
    return decrement;
  }

  /** Runs the table beside the model; returns how many kept items the final comparison checked. */
  private static <T> int run(
      ItemSerde<T> serde, java.util.function.IntFunction<T> itemOf, long seed, int universe) {
    Random random = new Random(seed);
    int capacity = 1 + random.nextInt(300);
    int kept = 1 + random.nextInt(capacity);
    CounterTable<T> table = new CounterTable<>(serde);
    Map<String, Long> model = new HashMap<>();
    for (int step = 0; step < 3000; step++) {
      int index = (int) Math.min(universe - 1, Math.pow(1 - random.nextDouble(), -1.5) - 1);
      T item = itemOf.apply(index);
      long count = 1 + random.nextInt(5);
      boolean inserted = table.add(item, table.key(item), count);
      assertEquals(!model.containsKey(String.valueOf(item)), inserted, "inserted " + item);
      model.merge(String.valueOf(item), count, Long::sum);
      if (table.size() > capacity) {
        assertEquals(purge(model, kept), table.purge(kept), "decrement");
      }
      assertEquals(model.size(), table.size());
      assertTrue(table.length() <= CounterTable.lengthFor(capacity + 1), "bounded by capacity");
    }
    int keptChecked = 0;
    for (int index = 0; index < universe; index++) {
      T item = itemOf.apply(index);
      int slot = table.find(item, table.key(item));
      Long expected = model.get(String.valueOf(item));
      assertEquals(expected == null ? 0 : expected, slot < 0 ? 0 : table.count(slot), "" + item);
      if (slot >= 0) {
        keptChecked++;
        assertEquals(String.valueOf(item), String.valueOf(table.item(slot)));
        assertEquals(serde.hash(item), table.serdeHash(slot), "serde hash of " + item);
      }
    }
    return keptChecked;
  }

  @Property(tries = 60)
  void agreesWithAMapModelForEveryKeying(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 2000) int universe) {
    // each run asserts step by step against the model; the final comparison must see kept items
    assertTrue(run(ItemSerde.longs(), index -> (long) index * 0x9E3779B9L, seed, universe) > 0);
    assertTrue(run(ItemSerde.strings(), index -> "item-" + index, seed, universe) > 0);
    assertTrue(run(ItemSerde.integers(), index -> index * 7919 - 5000, seed, universe) > 0);
    assertTrue(run(ItemSerde.doubles(), index -> index * 0.5 - 3, seed, universe) > 0);
    assertTrue(run(COLLIDING, index -> "item-" + index, seed, Math.min(universe, 150)) > 0);
  }

  /** A table filled from a seeded skewed stream with purges at {@code capacity}, and its model. */
  private static <T> CounterTable<T> filled(
      ItemSerde<T> serde,
      java.util.function.IntFunction<T> itemOf,
      Random random,
      int universe,
      int capacity,
      Map<String, Long> model) {
    CounterTable<T> table = new CounterTable<>(serde);
    int kept = 1 + random.nextInt(capacity);
    int steps = random.nextInt(2000);
    for (int step = 0; step < steps; step++) {
      int index = (int) Math.min(universe - 1, Math.pow(1 - random.nextDouble(), -1.5) - 1);
      T item = itemOf.apply(index);
      long count = 1 + random.nextInt(5);
      table.add(item, table.key(item), count);
      model.merge(String.valueOf(item), count, Long::sum);
      if (table.size() > capacity) {
        purge(model, kept);
        table.purge(kept);
      }
    }
    return table;
  }

  /**
   * {@link CounterTable#addAll} (which inserts only the survivors of its purge) against the model
   * of a merge: add every counter, then purge once if over capacity. Returns the counters compared.
   */
  private static <T> int runMerge(
      ItemSerde<T> serde,
      ItemSerde<T> theirSerde,
      java.util.function.IntFunction<T> itemOf,
      long seed,
      int universe) {
    Random random = new Random(seed);
    int capacity = 1 + random.nextInt(300);
    int kept = 1 + random.nextInt(capacity);
    Map<String, Long> model = new HashMap<>();
    Map<String, Long> theirModel = new HashMap<>();
    CounterTable<T> table = filled(serde, itemOf, random, universe, capacity, model);
    CounterTable<T> theirs =
        filled(theirSerde, itemOf, random, universe, 1 + random.nextInt(400), theirModel);
    theirModel.forEach((item, count) -> model.merge(item, count, Long::sum));
    long expected = model.size() > capacity ? purge(model, kept) : 0;
    assertEquals(expected, table.addAll(theirs, capacity, kept), "decrement");
    assertEquals(model.size(), table.size());
    for (int index = 0; index < universe; index++) {
      T item = itemOf.apply(index);
      int slot = table.find(item, table.key(item));
      Long count = model.get(String.valueOf(item));
      assertEquals(count == null ? 0 : count, slot < 0 ? 0 : table.count(slot), "" + item);
    }
    return model.size();
  }

  @Property(tries = 60)
  void addAllAgreesWithAddingEveryCounterThenPurging(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 2000) int universe) {
    ItemSerde<String> strings = ItemSerde.strings();
    int compared =
        runMerge(ItemSerde.longs(), ItemSerde.longs(), i -> (long) i * 31, seed, universe);
    compared += runMerge(strings, strings, i -> "item-" + i, seed, universe);
    compared += runMerge(ItemSerde.integers(), ItemSerde.integers(), i -> i - 500, seed, universe);
    compared += runMerge(ItemSerde.doubles(), ItemSerde.doubles(), i -> i * 0.5, seed, universe);
    compared += runMerge(COLLIDING, COLLIDING, i -> "item-" + i, seed, Math.min(universe, 150));
    // a user serde keyed otherwise than the built-in one it merges with (the slow path)
    compared += runMerge(strings, COLLIDING, i -> "item-" + i, seed, Math.min(universe, 150));
    assertTrue(compared > 0, "some counters were compared");
  }

  @Property(tries = 300)
  void selectFindsTheValueOfEachRank(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 5000) int n,
      @ForAll @IntRange(min = 1, max = 1000) int distinctValues) {
    Random random = new Random(seed);
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = 1 + random.nextInt(distinctValues); // many ties, as counters of 1 in a stream
    }
    if (random.nextBoolean()) {
      Arrays.sort(values); // sorted and reversed inputs: the classic bad cases of a pivot rule
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = random.nextInt(n);
    assertEquals(sorted[rank], CounterTable.select(values.clone(), n, rank));
    long[] reversed = new long[n];
    for (int i = 0; i < n; i++) {
      reversed[i] = sorted[n - 1 - i];
    }
    assertEquals(sorted[rank], CounterTable.select(reversed, n, rank));
  }
}
