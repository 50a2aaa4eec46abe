package io.sketches.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Both samplers sample items of any class in memory; only serialization needs an item serde. */
class AnyItemClassTest {
  /** A user's item class, with no built-in serde. */
  record Click(String user, long at) {}

  static final String NO_SERDE =
      "no ItemSerde for io.sketches.sampling.AnyItemClassTest$Click: "
          + "pass one to create(k, seed, serde) to serialize";

  static final ItemSerde<Click> CLICKS =
      new ItemSerde<>() {
        @Override
        public int id() {
          return 200;
        }

        @Override
        public void write(SketchWriter out, Click item) {
          out.putString(item.user()).putLong(item.at());
        }

        @Override
        public Click read(SketchReader in) {
          return new Click(in.getString(), in.getLong());
        }

        @Override
        public long hash(Click item) {
          return io.sketches.hash.ItemHash.hash(item.user()) ^ item.at();
        }
      };

  static List<Click> clicks(int n) {
    List<Click> clicks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clicks.add(new Click("user" + (i % 7), i));
    }
    return clicks;
  }

  @Test
  void integersSampleSerializeAndReadBackWithTheBuiltInSerde() {
    ReservoirSampler<Integer> sampler = ReservoirSampler.create(10, 3);
    for (int i = 0; i < 1_000; i++) {
      sampler.update(i);
    }
    assertSame(ItemSerde.integers(), sampler.serde());
    assertEquals(10, sampler.sample().size());
    byte[] bytes = sampler.toByteArray();
    assertEquals(sampler.sample(), ReservoirSampler.fromByteArray(bytes).sample());
    ReservoirSampler<Integer> read = ReservoirSampler.fromByteArray(bytes, ItemSerde.integers());
    assertEquals(sampler.sample(), read.sample());
    assertEquals(sampler.update(1_000).sample(), read.update(1_000).sample(), "continues alike");
    assertSame(ItemSerde.integers(), ItemSerde.builtIn(5));
  }

  @Test
  void weightedIntegersSerializeAndReadBack() {
    WeightedReservoirSampler<Integer> sampler = WeightedReservoirSampler.create(5, 3);
    for (int i = 0; i < 200; i++) {
      sampler.update(i, 1 + i % 3);
    }
    assertEquals(
        sampler.sample(), WeightedReservoirSampler.fromByteArray(sampler.toByteArray()).sample());
  }

  @Test
  void aUserClassWithoutSerdeSamplesAndFailsOnlyAtToByteArray() {
    ReservoirSampler<Click> sampler = ReservoirSampler.create(5, 11);
    byte[] empty = sampler.toByteArray();
    assertEquals(0, ReservoirSampler.fromByteArray(empty).count(), "an empty sampler serializes");
    List<Click> clicks = clicks(500);
    clicks.forEach(sampler::update);
    assertNull(sampler.serde());
    assertEquals(500, sampler.count());
    assertEquals(5, sampler.sample().size());
    assertTrue(clicks.containsAll(sampler.sample()));
    assertEquals(5, new HashSet<>(sampler.sample()).size(), "a sample without replacement");
    IllegalStateException e = assertThrows(IllegalStateException.class, sampler::toByteArray);
    assertEquals(NO_SERDE, e.getMessage());

    ReservoirSampler<Click> again = ReservoirSampler.create(5, 11);
    again.updateAll(clicks);
    assertEquals(sampler.sample(), again.sample(), "same seed, same items: same sample");
    assertEquals(1_000, again.merge(sampler).count());
    assertEquals(5, again.sample().size());
  }

  @Test
  void aUserClassSerializesWithItsSerde() {
    ReservoirSampler<Click> sampler = ReservoirSampler.create(5, 11, CLICKS);
    sampler.updateAll(clicks(500));
    assertEquals(
        sampler.sample(), ReservoirSampler.fromByteArray(sampler.toByteArray(), CLICKS).sample());
  }

  @Test
  void weightedUserClassWithoutSerdeSamplesAndFailsOnlyAtToByteArray() {
    WeightedReservoirSampler<Click> sampler = WeightedReservoirSampler.create(4, 2);
    Set<Click> offered = new HashSet<>();
    for (Click click : clicks(300)) {
      sampler.update(click, 1 + click.at() % 5);
      offered.add(click);
    }
    assertEquals(4, sampler.sample().size());
    assertTrue(offered.containsAll(sampler.sample()));
    IllegalStateException e = assertThrows(IllegalStateException.class, sampler::toByteArray);
    assertEquals(NO_SERDE, e.getMessage());
  }

  /**
   * Enums key the generator by name, not by identity hash: a sampler of enum constants draws as a
   * sampler of their names (whose built-in serde hashes the same string), in every run.
   */
  enum Color {
    RED,
    GREEN,
    BLUE,
    CYAN,
    MAGENTA
  }

  @Test
  void enumsKeyTheGeneratorByName() {
    ReservoirSampler<Color> colors = ReservoirSampler.create(3, 5);
    ReservoirSampler<String> names = ReservoirSampler.create(3, 5);
    for (int i = 0; i < 1_000; i++) {
      Color color = Color.values()[(i * 7 + i / 5) % 5];
      colors.update(color);
      names.update(color.name());
    }
    assertEquals(names.sample(), colors.sample().stream().map(Color::name).toList());
  }
}
