package io.sketches.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchWriter;
import io.sketches.frequency.ReaderBounds;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Both samplers on bytes forged with a valid header length and CRC32C: "k slots" never allocates k
 * at parse time, every parse stays within the allocation bound, and what is accepted is a state
 * whose queries, updates and re-serialization keep working.
 */
class SamplerHostileBytesTest {
  private static final ItemSerde<Long> LONGS = ItemSerde.longs();

  /** Header and the fields both samplers start with: k, serde id, seed, count. */
  private static SketchWriter body(SketchType type, long k, long count) {
    return SketchFormat.writer(type, 1, 0, 64)
        .putVarLong(k)
        .putByte(LONGS.id())
        .putLong(2026)
        .putVarLong(count);
  }

  private static <S> void assertRefused(byte[] bytes, Function<byte[], S> reader, String reason) {
    SketchFormatException e = assertThrows(SketchFormatException.class, () -> reader.apply(bytes));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertNull(ReaderBounds.assertItemsParseWithinBound(bytes, reader));
  }

  @Test
  void theLargestKDoesNotAllocateItsSlotsWhenRead() {
    byte[] bytes = body(SketchType.RESERVOIR, ReservoirSampler.MAX_K, 0).putLong(7).toByteArray();
    ReservoirSampler<Long> sampler =
        ReaderBounds.assertItemsParseWithinBound(
            bytes, b -> ReservoirSampler.fromByteArray(b, LONGS));
    assertTrue(sampler.sample().isEmpty());
    assertArrayEquals(bytes, sampler.toByteArray());
    assertEquals(3, sampler.update(1L).update(2L).update(3L).sample().size());

    byte[] weighted =
        body(SketchType.WEIGHTED_RESERVOIR, WeightedReservoirSampler.MAX_K, 0)
            .putDouble(0)
            .putLong(7)
            .toByteArray();
    WeightedReservoirSampler<Long> weightedSampler =
        ReaderBounds.assertItemsParseWithinBound(
            weighted, b -> WeightedReservoirSampler.fromByteArray(b, LONGS));
    assertTrue(weightedSampler.sample().isEmpty());
    assertArrayEquals(weighted, weightedSampler.toByteArray());

    assertRefused(
        body(SketchType.RESERVOIR, ReservoirSampler.MAX_K + 1L, 0).putLong(7).toByteArray(),
        b -> ReservoirSampler.fromByteArray(b, LONGS),
        "k must be in");
  }

  @Test
  void aWeightedTotalThatIsNotFiniteIsRefused() {
    for (double total : new double[] {Double.POSITIVE_INFINITY, Double.NaN, -1}) {
      // one entry of the 4 slots: log-key, then the item
      SketchWriter out = body(SketchType.WEIGHTED_RESERVOIR, 4, 1).putDouble(total).putLong(7);
      out.putDouble(-0.5);
      LONGS.write(out, 42L);
      assertRefused(
          out.toByteArray(), b -> WeightedReservoirSampler.fromByteArray(b, LONGS), "total weight");
    }
  }

  @Test
  void weightedKeysAndSkipMustBeThoseOfADraw() {
    // a full sampler of k = 1: weight to skip, then one entry; +0.0 and NaN are no log of a
    // uniform in (0, 1), and a skip of −0.0 or −∞ no exponential jump
    double[][] refused = {{1, 0.0}, {1, Double.NaN}, {-0.0, -1}, {Double.NEGATIVE_INFINITY, -1}};
    for (double[] skipAndKey : refused) {
      SketchWriter out = body(SketchType.WEIGHTED_RESERVOIR, 1, 3).putDouble(2.5).putLong(7);
      out.putDouble(skipAndKey[0]).putDouble(skipAndKey[1]);
      LONGS.write(out, 42L);
      assertRefused(
          out.toByteArray(), b -> WeightedReservoirSampler.fromByteArray(b, LONGS), "must be");
    }
    SketchWriter out = body(SketchType.WEIGHTED_RESERVOIR, 1, 3).putDouble(2.5).putLong(7);
    out.putDouble(Double.POSITIVE_INFINITY).putDouble(-0.0);
    LONGS.write(out, 42L);
    byte[] extreme = out.toByteArray();
    WeightedReservoirSampler<Long> sampler =
        ReaderBounds.assertItemsParseWithinBound(
            extreme, b -> WeightedReservoirSampler.fromByteArray(b, LONGS));
    assertArrayEquals(extreme, sampler.toByteArray(), "a fixpoint");
  }

  @Test
  void aWeightedTotalThatWouldOverflowIsRefusedAndChangesNothing() {
    WeightedReservoirSampler<Long> sampler =
        WeightedReservoirSampler.create(2, 1, LONGS).update(1L, Double.MAX_VALUE);
    byte[] before = sampler.toByteArray();
    assertThrows(ArithmeticException.class, () -> sampler.update(2L, Double.MAX_VALUE));
    assertThrows(ArithmeticException.class, () -> sampler.merge(sampler.copy()));
    assertArrayEquals(before, sampler.toByteArray());
  }

  @Test
  void aForgedTinyThresholdKeepsUpdatesAndBytesWorking() {
    // Li's W at the smallest double, next admission at the next item: before the fix an admission
    // could round W to 0, which stops admissions for good and is refused when read back
    for (long state = 0; state < 50; state++) {
      SketchWriter out =
          body(SketchType.RESERVOIR, 1, 5).putLong(state).putDouble(Double.MIN_VALUE).putVarLong(6);
      LONGS.write(out, 42L);
      byte[] bytes = out.toByteArray();
      ReservoirSampler<Long> sampler =
          ReaderBounds.assertItemsParseWithinBound(
              bytes, b -> ReservoirSampler.fromByteArray(b, LONGS));
      assertArrayEquals(bytes, sampler.toByteArray(), "a fixpoint");
      sampler.updateAll(new long[] {1, 2, 3});
      ReservoirSampler<Long> again = ReservoirSampler.fromByteArray(sampler.toByteArray(), LONGS);
      assertEquals(8, again.count());
      assertEquals(1, again.sample().size());
    }
  }

  @Test
  void countsStopBelowLongMaxValueSoThatUpdatesNeverWrapThem() {
    long max = Long.MAX_VALUE - 1;
    assertRefused(
        fullReservoir(Long.MAX_VALUE, Long.MAX_VALUE),
        b -> ReservoirSampler.fromByteArray(b, LONGS),
        "count must be in");
    // the largest count, next admission at Long.MAX_VALUE: an update used to wrap the count
    byte[] bytes = fullReservoir(max, Long.MAX_VALUE);
    ReservoirSampler<Long> atMax = ReservoirSampler.fromByteArray(bytes, LONGS);
    assertThrows(ArithmeticException.class, () -> atMax.update(1L));
    assertThrows(ArithmeticException.class, () -> atMax.updateAll(new long[] {1, 2}));
    assertThrows(ArithmeticException.class, () -> atMax.merge(atMax.copy()));
    assertArrayEquals(bytes, atMax.toByteArray(), "unchanged");
    ReservoirSampler<Long> below =
        ReservoirSampler.fromByteArray(fullReservoir(max - 1, max), LONGS);
    assertEquals(max, below.update(1L).count());
    assertEquals(max, ReservoirSampler.fromByteArray(below.toByteArray(), LONGS).count());
  }

  /** A full reservoir of k = 1 with the given count and next admission. */
  private static byte[] fullReservoir(long count, long nextAdmission) {
    SketchWriter out =
        body(SketchType.RESERVOIR, 1, count).putLong(7).putDouble(0.5).putVarLong(nextAdmission);
    LONGS.write(out, 42L);
    return out.toByteArray();
  }

  @Test
  void manySmallItemsParseWithinTheAllocationBound() {
    ReservoirSampler<String> strings = ReservoirSampler.create(20_000, 1, ItemSerde.strings());
    WeightedReservoirSampler<String> weighted =
        WeightedReservoirSampler.create(20_000, 1, ItemSerde.strings());
    for (int i = 0; i < 20_000; i++) {
      strings.update(i % 3 == 0 ? "" : "s");
      weighted.update(i % 3 == 0 ? "" : "s", 1);
    }
    ReaderBounds.assertItemsParseWithinBound(
        strings.toByteArray(), b -> ReservoirSampler.fromByteArray(b, ItemSerde.strings()));
    ReaderBounds.assertItemsParseWithinBound(
        weighted.toByteArray(),
        b -> WeightedReservoirSampler.fromByteArray(b, ItemSerde.strings()));
  }
}
