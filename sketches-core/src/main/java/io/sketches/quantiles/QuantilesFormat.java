package io.sketches.quantiles;

import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import java.util.Arrays;

/**
 * The bytes of a {@link QuantileSketch} ({@code docs/format.md}, type QUANTILES). Only retained
 * items are written, each level sorted and coded by the gaps between its keys ({@link DeltaCodes}),
 * from the minimum; so the reader gets sortedness and min ≤ item ≤ max from the encoding itself,
 * and every item costs at least 4 bits (allocation bounded by the input length).
 *
 * <pre>
 * flags   bits 0-1 item kind (0 none, 1 longs, 2 doubles); bit 2 default seed (not written)
 * body    varint k; [8-byte seed unless flag bit 2]
 *         then unless kind is none:
 *         byte numLevels; varint pendingMask; varint pendingBits;
 *         numLevels varints: level sizes, level 0 first;
 *         8-byte min key; varint (max key − min key);
 *         per non-empty level, level 0 first: byte gap shift, byte parameter b;
 *         then to the end of the body, low bit first, per level its sorted keys as {@link DeltaCodes} of
 *         (key − previous) >>> shift, previous starting at the min key; zero padding bits
 * </pre>
 */
final class QuantilesFormat {
  static final int SERIAL_VERSION = 1;

  private static final int KIND_MASK = 0x3;
  private static final int DEFAULT_SEED_FLAG = 0x4;

  /** Test hook: a reader without its item bound check, for the fuzzer to find (a seeded defect). */
  static volatile boolean skipItemBoundCheckForTesting;

  private QuantilesFormat() {}

  static byte[] write(
      ItemKind kind, long seed, long minKey, long maxKey, Levels levels, long defaultSeed) {
    int flags = kind.ordinal() | (seed == defaultSeed ? DEFAULT_SEED_FLAG : 0);
    int retained = kind == ItemKind.NONE ? 0 : levels.retained();
    SketchWriter writer =
        SketchFormat.writer(SketchType.QUANTILES, SERIAL_VERSION, flags, 32 + 9 * retained);
    writer.putVarLong(levels.k);
    if (seed != defaultSeed) {
      writer.putLong(seed);
    }
    if (kind == ItemKind.NONE) {
      return writer.toByteArray();
    }
    writer.putByte(levels.numLevels);
    writer.putVarLong(levels.pendingMask);
    writer.putVarLong(levels.pendingBits);
    for (int h = 0; h < levels.numLevels; h++) {
      writer.putVarLong(levels.size(h));
    }
    writer.putLong(minKey);
    writer.putVarLong(maxKey - minKey);
    long[] levelZero = Arrays.copyOfRange(levels.items, levels.offsets[0], levels.offsets[1]);
    Arrays.sort(levelZero);
    DeltaCodes.BitSink codes = new DeltaCodes.BitSink(7 * retained);
    for (int h = 0; h < levels.numLevels; h++) {
      long[] run = h == 0 ? levelZero : levels.items;
      int begin = h == 0 ? 0 : levels.offsets[h];
      int end = h == 0 ? levelZero.length : levels.offsets[h + 1];
      if (begin < end) {
        int shift = DeltaCodes.shift(run, begin, end, minKey);
        int parameter = DeltaCodes.parameter(run, begin, end, minKey, shift);
        writer.putByte(shift);
        writer.putByte(parameter);
        codes.writeLevel(run, begin, end, minKey, shift, parameter);
      }
    }
    writer.putBytes(codes.toByteArray());
    return writer.toByteArray();
  }

  /** What {@link #read} found; the sketch builds itself from it. */
  record State(ItemKind kind, long seed, long count, long minKey, long maxKey, Levels levels) {}

  static State read(byte[] bytes, long defaultSeed) {
    SketchReader reader = SketchFormat.reader(bytes, SketchType.QUANTILES, SERIAL_VERSION);
    int flags = reader.flags();
    reader.check(
        (flags & ~(KIND_MASK | DEFAULT_SEED_FLAG)) == 0 && (flags & KIND_MASK) != KIND_MASK,
        "unknown quantile sketch flags 0x%x",
        flags);
    ItemKind kind = ItemKind.values()[flags & KIND_MASK];
    long k = reader.getVarLong();
    reader.check(
        k >= QuantileSketch.MIN_K && k <= QuantileSketch.MAX_K,
        "k must be in [%d, %d], found %d",
        QuantileSketch.MIN_K,
        QuantileSketch.MAX_K,
        k);
    long seed = (flags & DEFAULT_SEED_FLAG) != 0 ? defaultSeed : reader.getLong();
    reader.check(
        (flags & DEFAULT_SEED_FLAG) != 0 || seed != defaultSeed,
        "the default seed is written as a flag, not as a value");
    if (kind == ItemKind.NONE) {
      reader.expectEnd();
      return new State(kind, seed, 0, 0, 0, new Levels((int) k, seed));
    }
    int numLevels = reader.getUnsignedByte();
    reader.check(
        numLevels >= 1 && numLevels <= Levels.MAX_LEVELS,
        "number of levels must be in [1, %d], found %d",
        Levels.MAX_LEVELS,
        numLevels);
    long levelBits = numLevels == 64 ? -1L : (1L << numLevels) - 1;
    long pendingMask = reader.getVarLong();
    long pendingBits = reader.getVarLong();
    reader.check(
        (pendingMask & ~levelBits) == 0 && (pendingBits & ~pendingMask) == 0,
        "pending coins 0x%x of mask 0x%x name levels a sketch of %d levels does not have",
        pendingBits,
        pendingMask,
        numLevels);
    int[] offsets = new int[numLevels + 1];
    long count = 0;
    for (int h = 0; h < numLevels; h++) {
      long size = reader.getVarLong();
      // a key takes at least 4 bits, so the rest of the body bounds the items
      reader.check(
          size >= 0
              && size <= 2L * reader.remaining() - offsets[h]
              && size <= (Long.MAX_VALUE - count) >>> h,
          "level %d of %d items does not fit the body or the count",
          h,
          size);
      offsets[h + 1] = offsets[h] + (int) size;
      count += (long) size << h;
    }
    int retained = offsets[numLevels];
    reader.check(retained > 0, "a sketch of %s holds at least one item", kind);
    reader.check(
        numLevels == 1 || offsets[numLevels] > offsets[numLevels - 1],
        "the top level of %d is empty",
        numLevels);
    int capacity = Capacities.total((int) k, numLevels);
    reader.check(
        retained <= capacity,
        "%d items exceed the capacity %d of %d levels at k = %d",
        retained,
        capacity,
        numLevels,
        k);
    long minKey = reader.getLong();
    long maxDelta = reader.getVarLong();
    reader.check(
        Long.compareUnsigned(maxDelta, Long.MAX_VALUE - minKey) <= 0,
        "maximum past the largest long");
    long maxKey = minKey + maxDelta;
    boolean doubles = kind == ItemKind.DOUBLES;
    reader.check(
        !doubles || (ItemKeys.isDoubleKey(minKey) && ItemKeys.isDoubleKey(maxKey)),
        "min or max is not a double a sketch holds (NaN or -0.0)");
    int[] shifts = new int[numLevels];
    int[] parameters = new int[numLevels];
    for (int h = 0; h < numLevels; h++) {
      if (offsets[h + 1] > offsets[h]) {
        shifts[h] = reader.getUnsignedByte();
        parameters[h] = reader.getUnsignedByte();
        reader.check(
            shifts[h] <= 63 && parameters[h] >= DeltaCodes.MIN_PARAMETER && parameters[h] <= 63,
            "level %d: gap shift %d or code parameter %d out of range",
            h,
            shifts[h],
            parameters[h]);
      }
    }
    // every code takes at least MIN_PARAMETER + 1 = 4 bits: check before allocating the keys
    reader.check(
        retained <= 2L * reader.remaining(),
        "%d items cannot fit in %d bytes of codes",
        retained,
        reader.remaining());
    DeltaCodes.BitSource codes = new DeltaCodes.BitSource(reader.getBytes(reader.remaining()));
    long[] items = new long[retained];
    for (int h = 0; h < numLevels; h++) {
      long previous = minKey;
      for (int i = offsets[h]; i < offsets[h + 1]; i++) {
        previous =
            codes.readKey(
                previous, maxKey, shifts[h], parameters[h], !skipItemBoundCheckForTesting);
        reader.check(
            !doubles || previous != ItemKeys.NEGATIVE_ZERO_KEY, "an item is -0.0, kept as 0.0");
        items[i] = previous;
      }
    }
    codes.expectEnd();
    reader.check(
        count > retained || (items[0] == minKey && items[offsets[1] - 1] == maxKey),
        "an exact sketch's min and max are its smallest and largest items");
    Levels levels = new Levels((int) k, seed, items, offsets, numLevels, pendingMask, pendingBits);
    return new State(kind, seed, count, minKey, maxKey, levels);
  }
}
