package io.sketches.sampling;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.IncompatibleSketchException;
import io.sketches.ItemSerde;
import io.sketches.SketchFormatException;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import io.sketches.hash.ItemHash;

/**
 * What both samplers do with the items they keep: pick the item serde (given at creation, or the
 * built-in one for the class of the first item, or none: any class samples in memory, only
 * serialization needs a serde), write and read the serde id, and hash the kept items to key the
 * generator.
 */
final class SamplerItems {
  /** The serde id written while a sampler created without a serde has not seen an item yet. */
  static final int NO_SERDE_YET = 0;

  /**
   * The largest count a sampler reaches (by updates, merges or reading): one below {@code
   * Long.MAX_VALUE}, so that no {@code count++} wraps and a full reservoir's next admission ({@code
   * > count}) is still a long. An update or merge beyond throws {@link ArithmeticException}.
   */
  static final long MAX_COUNT = Long.MAX_VALUE - 1;

  private SamplerItems() {}

  /**
   * The serde to use for {@code item} when none was given: the built-in one for its class ({@code
   * Long}, {@code Double}, {@code String}, {@code byte[]}, {@code Integer}), or null for any other
   * class, whose items are sampled in memory but cannot be serialized.
   */
  @SuppressWarnings("unchecked")
  static <T> ItemSerde<T> builtInOrNull(T item) {
    if (item instanceof Long) {
      return (ItemSerde<T>) ItemSerde.longs();
    } else if (item instanceof Double) {
      return (ItemSerde<T>) ItemSerde.doubles();
    } else if (item instanceof String) {
      return (ItemSerde<T>) ItemSerde.strings();
    } else if (item instanceof byte[]) {
      return (ItemSerde<T>) ItemSerde.byteArrays();
    } else if (item instanceof Integer) {
      return (ItemSerde<T>) ItemSerde.integers();
    }
    return null;
  }

  /**
   * The hash that keys the generator with an item: the serde's, else (items of a class without a
   * serde) the item's {@code hashCode()}, an enum's by its name. Samples of such items are then
   * repeatable from run to run when their {@code hashCode()} is (records of strings and numbers,
   * strings, boxed numbers), not for classes that keep {@code Object}'s identity hash.
   */
  @SuppressWarnings("unchecked")
  static <T> long keyHash(ItemSerde<T> serde, Object item) {
    if (serde != null) {
      return serde.hash((T) item);
    }
    return item instanceof Enum<?> constant
        ? ItemHash.hash(constant.name())
        : ItemHash.hash(item.hashCode());
  }

  /**
   * Throws unless the {@code size} kept items can be written: a sampler of a class without a
   * built-in serde needs one given at creation.
   */
  static void checkWritable(ItemSerde<?> serde, Object[] items, int size) {
    if (serde == null && size > 0) {
      throw new IllegalStateException(
          "no ItemSerde for "
              + items[0].getClass().getName()
              + ": pass one to create(k, seed, serde) to serialize");
    }
  }

  static <T> ItemSerde<T> checkSerde(ItemSerde<T> serde) {
    checkArgument(serde != null, "serde must not be null");
    return serde;
  }

  static void checkOther(Object other) {
    checkArgument(other != null, "the sketch to merge must not be null");
  }

  static int idOf(ItemSerde<?> serde) {
    return serde == null ? NO_SERDE_YET : serde.id();
  }

  /** The serde the merge of two samplers uses; they must agree when both have one. */
  static <T> ItemSerde<T> mergedSerde(ItemSerde<T> mine, ItemSerde<T> theirs) {
    if (mine != null && theirs != null) {
      IncompatibleSketchException.checkEqual("item serde id", mine.id(), theirs.id());
    }
    return mine != null ? mine : theirs;
  }

  /**
   * The count of two merged samplers.
   *
   * @throws ArithmeticException if it would pass {@link #MAX_COUNT}
   */
  static long mergedCount(long mine, long theirs) {
    long sum = mine + theirs;
    if (sum < 0 || sum > MAX_COUNT) {
      throw countOverflow(mine, theirs);
    }
    return sum;
  }

  static ArithmeticException countOverflow(long count, long more) {
    return new ArithmeticException(
        "a sampler counts at most 2^63 − 2 items: " + count + " + " + more);
  }

  static void checkK(int k, int maxK) {
    if (k < 1 || k > maxK) {
      throw new IllegalArgumentException("k must be in [1, " + maxK + "]: " + k);
    }
  }

  /** Order-dependent hash of the first {@code size} items, keyed material for the generator. */
  static <T> long hashOf(Object[] items, int size, ItemSerde<T> serde) {
    long hash = size;
    for (int i = 0; i < size; i++) {
      hash = SplitMix64.mix64(hash ^ keyHash(serde, items[i])) + i;
    }
    return hash;
  }

  /** The fields both samplers' bodies start with: k, serde id, seed, count. */
  record Header<T>(int k, ItemSerde<T> serde, long seed, long count) {
    void write(SketchWriter out) {
      out.putVarLong(k).putByte(idOf(serde)).putLong(seed).putVarLong(count);
    }

    /** Reads and validates the fields; {@code serdeOrNull} null resolves a built-in serde. */
    static <T> Header<T> read(SketchReader in, int maxK, ItemSerde<T> serdeOrNull) {
      in.check(in.flags() == 0, "unknown flags 0x%x", in.flags());
      long k = in.getVarLong();
      in.check(k >= 1 && k <= maxK, "k must be in [1, %d], found %d", maxK, k);
      int serdeId = in.getUnsignedByte();
      long seed = in.getLong();
      long count = in.getVarLong();
      in.check(count >= 0 && count <= MAX_COUNT, "count must be in [0, 2^63 − 2], found %d", count);
      return new Header<>((int) k, serdeFor(in, serdeId, serdeOrNull, count), seed, count);
    }
  }

  /**
   * The serde for a serde id read from bytes: the caller's serde must match it, a null caller's
   * serde resolves a built-in one; id 0 allows no items.
   */
  private static <T> ItemSerde<T> serdeFor(
      SketchReader in, int id, ItemSerde<T> serde, long count) {
    if (id == NO_SERDE_YET) {
      in.check(count == 0, "a sampler without an item serde holds no items, found count %d", count);
      return serde;
    }
    if (serde == null) {
      return castBuiltIn(id);
    }
    ItemSerde.checkId(serde, id);
    return serde;
  }

  @SuppressWarnings("unchecked")
  private static <T> ItemSerde<T> castBuiltIn(int id) {
    return (ItemSerde<T>) ItemSerde.builtIn(id);
  }

  /** Reads {@code size} items, at least one byte each, without trusting {@code size}. */
  static <T> Object[] readItems(SketchReader in, ItemSerde<T> serde, int size) {
    in.check(
        size <= in.remaining(),
        "%d items cannot fit in the %d remaining bytes",
        size,
        in.remaining());
    Object[] items = new Object[size];
    for (int i = 0; i < size; i++) {
      items[i] = readItem(in, serde);
    }
    return items;
  }

  /** Reads one item, refusing null. */
  static <T> T readItem(SketchReader in, ItemSerde<T> serde) {
    T item = serde.read(in);
    if (item == null) {
      throw new SketchFormatException("item serde " + serde.id() + " read a null item");
    }
    return item;
  }

  @SuppressWarnings("unchecked")
  static <T> void writeItems(
      SketchWriter out, ItemSerde<T> serde, Object[] items, int from, int to) {
    for (int i = from; i < to; i++) {
      serde.write(out, (T) items[i]);
    }
  }
}
