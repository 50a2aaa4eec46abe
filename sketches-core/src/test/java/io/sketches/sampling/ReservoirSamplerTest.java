package io.sketches.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.IncompatibleSketchException;
import io.sketches.ItemSerde;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReservoirSamplerTest {
  static final long[] ITEMS = LongStream.range(0, 5_000).map(i -> i * 31 + 7).toArray();

  static ReservoirSampler<Long> longs(int k, long seed) {
    return ReservoirSampler.create(k, seed, ItemSerde.longs());
  }

  @Test
  void refusesBadArguments() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReservoirSampler.create(0, 1));
    assertEquals("k must be in [1, 16777216]: 0", e.getMessage());
    ReservoirSampler<Long> sampler = longs(4, 1).updateAll(ITEMS, 0, 10);
    byte[] before = sampler.toByteArray();
    assertThrows(IllegalArgumentException.class, () -> sampler.update(null));
    Long[] withNull = {1L, 2L, null, 4L};
    assertThrows(IllegalArgumentException.class, () -> sampler.updateAll(withNull, 0, 4));
    assertThrows(IllegalArgumentException.class, () -> sampler.updateAll(Arrays.asList(withNull)));
    assertArrayEquals(before, sampler.toByteArray(), "refused input changes nothing");
    ReservoirSampler<Long> auto = ReservoirSampler.create(3, 1);
    byte[] autoBefore = auto.toByteArray();
    assertThrows(IllegalArgumentException.class, () -> auto.updateAll(Arrays.asList(withNull)));
    assertArrayEquals(autoBefore, auto.toByteArray(), "a refused batch does not pick a serde");
    ReservoirSampler<Object> objects = ReservoirSampler.create(3, 1);
    assertEquals(
        1, objects.update(new Object()).count(), "any class samples; only bytes need a serde");
    assertThrows(IllegalStateException.class, objects::toByteArray);
    assertThrows(
        IllegalStateException.class,
        () -> ReservoirSampler.<String>create(3, 1, ItemSerde.strings()).updateAll(new long[] {1}));
  }

  @Test
  void sampleIsAnUnmodifiableSnapshot() {
    ReservoirSampler<Long> sampler = longs(5, 3).updateAll(ITEMS, 0, 3);
    List<Long> sample = sampler.sample();
    assertEquals(List.of(ITEMS[0], ITEMS[1], ITEMS[2]), sample);
    assertThrows(UnsupportedOperationException.class, () -> sample.add(1L));
    sampler.updateAll(ITEMS);
    assertEquals(3, sample.size());
    assertEquals(5, sampler.sample().size());
    assertEquals(ITEMS.length + 3, sampler.count());
  }

  /** Every update path draws the same numbers at the same positions: identical bytes. */
  @Test
  void allUpdatePathsAgree() {
    ReservoirSampler<Long> perItem = longs(50, 11);
    List<Long> boxed = new ArrayList<>();
    for (long item : ITEMS) {
      perItem.update(item);
      boxed.add(item);
    }
    byte[] expected = perItem.toByteArray();
    assertArrayEquals(expected, longs(50, 11).updateAll(ITEMS).toByteArray(), "long[]");
    assertArrayEquals(
        expected,
        longs(50, 11).updateAll(ITEMS, 0, 1234).updateAll(ITEMS, 1234, ITEMS.length).toByteArray(),
        "long[] in two ranges");
    assertArrayEquals(
        expected,
        longs(50, 11).updateAll(boxed.toArray(new Long[0]), 0, ITEMS.length).toByteArray(),
        "T[]");
    assertArrayEquals(expected, longs(50, 11).updateAll(boxed).toByteArray(), "ArrayList");
    assertArrayEquals(
        expected, longs(50, 11).updateAll(new LinkedList<>(boxed)).toByteArray(), "iterator");
    ReservoirSampler<Long> chunked = longs(50, 11);
    for (int from = 0; from < ITEMS.length; from += 97) { // short ranges: boxed as admitted
      chunked.updateAll(ITEMS, from, Math.min(ITEMS.length, from + 97));
    }
    assertArrayEquals(expected, chunked.toByteArray(), "long[] in ranges of 97");
    ReservoirSampler<Long> auto = ReservoirSampler.create(50, 11);
    assertArrayEquals(expected, auto.updateAll(ITEMS).toByteArray(), "serde picked by class");
  }

  @Test
  void deterministicAndSeeded() {
    assertArrayEquals(
        longs(20, 5).updateAll(ITEMS).toByteArray(), longs(20, 5).updateAll(ITEMS).toByteArray());
    assertFalse(
        longs(20, 5).updateAll(ITEMS).sample().equals(longs(20, 6).updateAll(ITEMS).sample()),
        "another seed, another sample");
  }

  @Test
  void deserializedSamplerContinuesExactly() {
    for (int cut : new int[] {0, 3, 20, 21, 700}) {
      ReservoirSampler<Long> original = longs(20, 8).updateAll(ITEMS, 0, cut);
      ReservoirSampler<Long> resumed =
          ReservoirSampler.fromByteArray(original.toByteArray(), ItemSerde.longs());
      original.updateAll(ITEMS, cut, ITEMS.length);
      for (int i = cut; i < ITEMS.length; i++) {
        resumed.update(ITEMS[i]);
      }
      assertArrayEquals(original.toByteArray(), resumed.toByteArray(), "cut at " + cut);
      assertEquals(original.sample(), resumed.sample());
    }
  }

  @Test
  void countIsNotCapped() {
    ReservoirSampler<Long> sampler = longs(10, 1);
    long[] chunk = new long[1 << 20];
    for (int i = 0; i < 2100; i++) {
      sampler.updateAll(chunk);
    }
    assertEquals(2100L << 20, sampler.count());
    assertTrue(sampler.count() > Integer.MAX_VALUE);
    ReservoirSampler<Long> read =
        ReservoirSampler.fromByteArray(sampler.toByteArray(), ItemSerde.longs());
    assertEquals(sampler.count(), read.count());
  }

  /**
   * SHA-256 of the bytes of seeded folds (acc.merge(part) in a loop) over full, filling, small and
   * larger-k parts, as recorded when each merge copied its reservoir into a new array: merges now
   * pick in place and must give the same samples, draws and bytes.
   */
  static String foldDigest() throws Exception {
    return FoldDigest.of(
        (random, scenario, unused) -> longs(1 + random.nextInt(64), scenario),
        (random, scenario, part) -> {
          ReservoirSampler<Long> next = longs(1 + random.nextInt(80), 100 * scenario + part);
          int n = random.nextInt(400);
          for (int i = 0; i < n; i++) {
            next.update(random.nextLong());
          }
          return next;
        });
  }

  @Test
  void foldsGiveTheRecordedBytes() throws Exception {
    assertEquals("3729f37a9000bacb69ed56d447590005b585c92fc863cac34b330a720cd72248", foldDigest());
  }

  @Test
  void mergeOfDifferentKKeepsTheSmaller() {
    ReservoirSampler<Long> big = longs(30, 1).updateAll(ITEMS, 0, 1000);
    ReservoirSampler<Long> small = longs(10, 2).updateAll(ITEMS, 1000, 3000);
    big.merge(small);
    assertEquals(10, big.k());
    assertEquals(3000, big.count());
    assertEquals(10, big.sample().size());
    big.updateAll(ITEMS, 3000, ITEMS.length);
    assertEquals(10, big.sample().size());
    // shrinking by merging an empty sampler of smaller k
    ReservoirSampler<Long> shrunk = longs(30, 1).updateAll(ITEMS).merge(longs(7, 1));
    assertEquals(7, shrunk.sample().size());
    assertEquals(
        List.of(ITEMS[0], ITEMS[1]),
        longs(30, 1).updateAll(ITEMS, 0, 2).merge(longs(7, 2)).sample());
  }

  @Test
  void mergeOfSmallSamplersKeepsEverything() {
    ReservoirSampler<Long> a = longs(10, 1).updateAll(ITEMS, 0, 4);
    a.merge(longs(10, 2).updateAll(ITEMS, 4, 10));
    assertEquals(
        Arrays.asList(Arrays.stream(ITEMS, 0, 10).boxed().toArray(Long[]::new)), a.sample());
    assertArrayEquals(
        longs(10, 1).updateAll(ITEMS, 0, 10).toByteArray(),
        a.toByteArray(),
        "filling by merge is filling by updates");
  }

  @Test
  void mergeWithEmptyIsByteExact() {
    ReservoirSampler<Long> a = longs(10, 4).updateAll(ITEMS);
    assertArrayEquals(a.toByteArray(), a.copy().merge(longs(10, 4)).toByteArray());
    assertArrayEquals(a.toByteArray(), longs(10, 4).merge(a).toByteArray());
  }

  @Test
  void mergeWithItselfDoublesTheCount() {
    ReservoirSampler<Long> a = longs(10, 4).updateAll(ITEMS);
    a.merge(a);
    assertEquals(2L * ITEMS.length, a.count());
    assertEquals(10, a.sample().size());
  }

  @Test
  void differentSerdesDoNotMerge() {
    ReservoirSampler<Object> strings = ReservoirSampler.create(5, 1);
    strings.update("x");
    ReservoirSampler<Object> longsToo = ReservoirSampler.create(5, 1);
    longsToo.update(3L);
    byte[] before = strings.toByteArray();
    IncompatibleSketchException e =
        assertThrows(IncompatibleSketchException.class, () -> strings.merge(longsToo));
    assertTrue(e.getMessage().contains("item serde id: 3 and 1"), e.getMessage());
    assertArrayEquals(before, strings.toByteArray());
  }

  @Test
  void builtInSerdesResolveFromBytes() {
    ReservoirSampler<String> strings = ReservoirSampler.create(3, 9);
    strings.updateAll(List.of("a", "bb", "ccc", "dddd", "é"));
    ReservoirSampler<?> read = ReservoirSampler.fromByteArray(strings.toByteArray());
    assertEquals(strings.sample(), read.sample());
    ReservoirSampler<byte[]> arrays = ReservoirSampler.create(3, 9);
    arrays.update(new byte[] {1, 2});
    assertArrayEquals(
        new byte[] {1, 2},
        (byte[]) ReservoirSampler.fromByteArray(arrays.toByteArray()).sample().get(0));
    ReservoirSampler<Double> doubles = ReservoirSampler.create(3, 9);
    doubles.updateAll(new double[] {0.5, -1, 2, 3});
    assertEquals(
        doubles.sample(),
        ReservoirSampler.fromByteArray(doubles.toByteArray(), ItemSerde.doubles()).sample());
    // an empty sampler without a serde yet reads back with any serde
    byte[] empty = ReservoirSampler.create(3, 9).toByteArray();
    assertEquals(0, ReservoirSampler.fromByteArray(empty, ItemSerde.strings()).count());
  }

  /** Bytes written by serial version 1 load forever: golden file, regenerated only by hand. */
  @Test
  void goldenBytesStillLoad() throws Exception {
    Path golden = Path.of("src/test/resources/golden/sampling/reservoir-v1.bin");
    byte[] current = longs(8, 2026).updateAll(ITEMS).toByteArray();
    if (Boolean.getBoolean("golden.write")) {
      Files.createDirectories(golden.getParent());
      Files.write(golden, current);
    }
    byte[] stored = Files.readAllBytes(golden);
    ReservoirSampler<Long> read = ReservoirSampler.fromByteArray(stored, ItemSerde.longs());
    assertArrayEquals(stored, read.toByteArray());
    assertArrayEquals(stored, current, "the algorithm and format are frozen for version 1");
  }
}
