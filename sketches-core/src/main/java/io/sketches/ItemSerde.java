package io.sketches;

import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import io.sketches.hash.ItemHash;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a sketch that stores items (a reservoir, heavy hitters) writes, reads, compares and hashes
 * them. Four are built in: {@link #longs()}, {@link #doubles()}, {@link #strings()} and {@link
 * #byteArrays()}. A user serde picks its own {@link #id()} of 128 or more; the id is written into
 * the sketch so bytes are never read back with the wrong serde.
 *
 * @param <T> the item type
 */
public interface ItemSerde<T> {

  /** The id written into serialized sketches: 1..4 are the built-ins, 128..255 are for users. */
  int id();

  /** Appends one item. */
  void write(SketchWriter out, T item);

  /**
   * Reads one item written by {@link #write}.
   *
   * @throws SketchFormatException if the bytes cannot be an item
   */
  T read(SketchReader in);

  /** The item's 64-bit hash, consistent with {@link #equal}: {@link ItemHash} for built-ins. */
  long hash(T item);

  /** Item equality; arrays compare by content. */
  default boolean equal(T a, T b) {
    return Objects.equals(a, b);
  }

  /** The built-in serde with this id, for readers of self-describing bytes. */
  static ItemSerde<?> builtIn(int id) {
    switch (id) {
      case 1: return longs();
      case 2: return doubles();
      case 3: return strings();
      case 4: return byteArrays();
      default: throw new SketchFormatException("no built-in item serde has id " + id);
    }
  }

  /**
   * Throws {@link SketchFormatException} unless the serde id read from bytes is {@code serde}'s.
   */
  static void checkId(ItemSerde<?> serde, int idInBytes) {
    if (serde.id() != idInBytes) {
      throw new SketchFormatException(
          "sketch items were written with item serde id " + idInBytes + " but read with id "
              + serde.id());
    }
  }

  static ItemSerde<Long> longs() {
    return BuiltInSerdes.LONGS;
  }

  static ItemSerde<Double> doubles() {
    return BuiltInSerdes.DOUBLES;
  }

  static ItemSerde<String> strings() {
    return BuiltInSerdes.STRINGS;
  }

  static ItemSerde<byte[]> byteArrays() {
    return BuiltInSerdes.BYTE_ARRAYS;
  }

  /** The built-in serdes as constants, so each is one shared instance. */
  final class BuiltInSerdes {
    private BuiltInSerdes() {}

    static final ItemSerde<Long> LONGS = new ItemSerde<>() {
      @Override public int id() {
        return 1;
      }

      @Override public void write(SketchWriter out, Long item) {
        out.putLong(item);
      }

      @Override public Long read(SketchReader in) {
        return in.getLong();
      }

      @Override public long hash(Long item) {
        return ItemHash.hash(item.longValue());
      }
    };

    static final ItemSerde<Double> DOUBLES = new ItemSerde<>() {
      @Override public int id() {
        return 2;
      }

      @Override public void write(SketchWriter out, Double item) {
        out.putDouble(item);
      }

      @Override public Double read(SketchReader in) {
        return in.getDouble();
      }

      @Override public long hash(Double item) {
        return ItemHash.hash(item.doubleValue());
      }

      @Override public boolean equal(Double a, Double b) {
        return ItemHash.canonicalBits(a) == ItemHash.canonicalBits(b);
      }
    };

    static final ItemSerde<String> STRINGS = new ItemSerde<>() {
      @Override public int id() {
        return 3;
      }

      @Override public void write(SketchWriter out, String item) {
        out.putString(item);
      }

      @Override public String read(SketchReader in) {
        return in.getString();
      }

      @Override public long hash(String item) {
        return ItemHash.hash(item);
      }
    };

    static final ItemSerde<byte[]> BYTE_ARRAYS = new ItemSerde<>() {
      @Override public int id() {
        return 4;
      }

      @Override public void write(SketchWriter out, byte[] item) {
        out.putLengthPrefixed(item);
      }

      @Override public byte[] read(SketchReader in) {
        return in.getLengthPrefixed();
      }

      @Override public long hash(byte[] item) {
        return ItemHash.hash(item);
      }

      @Override public boolean equal(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
      }
    };
  }
}
