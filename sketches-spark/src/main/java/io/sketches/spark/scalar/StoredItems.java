package io.sketches.spark.scalar;

import io.sketches.ItemSerde;
import io.sketches.spark.SketchesSparkException;
import io.sketches.spark.SketchesSparkException.Condition;
import io.sketches.spark.input.ItemType;

/**
 * The items kept in stored bytes (a sample, a heavy hitters summary), read as an item type a call
 * names. The bytes record how their items are stored (the core's item serde id: longs, doubles,
 * strings, byte arrays), not the SQL type they came from; a read whose type stores items another
 * way fails with {@link Condition#STORED_ITEM_TYPE_MISMATCH}. Types that share a store (BIGINT,
 * DATE, TIMESTAMP and BOOLEAN are all longs; STRING and DECIMAL both strings) are not told apart.
 */
final class StoredItems {
  private StoredItems() {}

  /**
   * Fails unless items of {@code asked} are stored as {@code stored} stores them.
   *
   * @param function the SQL function, first in the message
   * @param whose the stored kind, as the message names it ("sample", "summary")
   * @param asked what the call asked for, as the message names it ("BIGINT", "the item 'a'")
   */
  static void check(
      String function, String whose, ItemSerde<?> stored, ItemType askedType, String asked) {
    if (stored.id() != askedType.serde().id()) {
      throw mismatch(
          function,
          "the "
              + whose
              + "'s items are stored as "
              + storedAs(stored.id())
              + ", which "
              + asked
              + " is not; read them as "
              + readableAs(stored.id()));
    }
  }

  /** The condition of a stored item that is no value of the type asked for. */
  static SketchesSparkException mismatch(String function, String reason) {
    return new SketchesSparkException(
        Condition.STORED_ITEM_TYPE_MISMATCH, function + ": " + reason);
  }

  private static String storedAs(int serdeId) {
    switch (serdeId) {
      case 1:
        return "longs";
      case 2:
        return "doubles";
      case 3:
        return "strings";
      case 4:
        return "byte arrays";
      default:
        return "items of serde id " + serdeId;
    }
  }

  private static String readableAs(int serdeId) {
    switch (serdeId) {
      case 1:
        return "'bigint', 'int', 'smallint', 'tinyint', 'date', 'timestamp', 'timestamp_ntz' or"
            + " 'boolean'";
      case 2:
        return "'double' or 'float'";
      case 3:
        return "'string' or 'decimal(p, s)'";
      case 4:
        return "'binary'";
      default:
        return "strings (no type argument)";
    }
  }
}
