package io.sketches;

import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import io.sketches.hash.ItemHash;
import java.util.Objects;

/**
 * How a sketch that stores items (a reservoir, heavy hitters) writes, reads, compares and hashes
 * them. Five are built in: {@link #longs()}, {@link #doubles()}, {@link #strings()}, {@link
 * #byteArrays()} and {@link #integers()}. A user serde picks its own {@link #id()} of 128 or more;
 * the id is written into the sketch so bytes are never read back with the wrong serde.
 *
 * @param <T> the item type
 */
public interface ItemSerde<T> {

  /** The id written into serialized sketches: 1..5 are the built-ins, 128..255 are for users. */
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
      case 1:
        return longs();
      case 2:
        return doubles();
      case 3:
        return strings();
      case 4:
        return byteArrays();
      case 5:
        return integers();
      default:
        throw new SketchFormatException("no built-in item serde has id " + id);
    }
  }

  /**
   * Throws {@link SketchFormatException} unless the serde id read from bytes is {@code serde}'s.
   */
  static void checkId(ItemSerde<?> serde, int idInBytes) {
    if (serde.id() != idInBytes) {
      throw new SketchFormatException(
          "sketch items were written with item serde id "
              + idInBytes
              + " but read with id "
              + serde.id());
    }
  }

  static ItemSerde<Long> longs() {
    return BuiltInItemSerdes.LONGS;
  }

  static ItemSerde<Double> doubles() {
    return BuiltInItemSerdes.DOUBLES;
  }

  static ItemSerde<String> strings() {
    return BuiltInItemSerdes.STRINGS;
  }

  static ItemSerde<byte[]> byteArrays() {
    return BuiltInItemSerdes.BYTE_ARRAYS;
  }

  /** Ints as 4 little-endian bytes, hashed as the equal long ({@link ItemHash#hash(int)}). */
  static ItemSerde<Integer> integers() {
    return BuiltInItemSerdes.INTEGERS;
  }
}
