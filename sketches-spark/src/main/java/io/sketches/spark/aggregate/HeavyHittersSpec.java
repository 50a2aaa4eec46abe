package io.sketches.spark.aggregate;

import io.sketches.ItemSerde;
import io.sketches.frequency.HeavyHitters;
import io.sketches.spark.input.ItemType;
import io.sketches.spark.input.TypeMismatch;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sk_heavy_hitters(expr, k [, max_items_tracked [, error_type]])}: the top k items by a
 * mergeable Misra–Gries summary tracking at most {@code max_items_tracked} items ({@link
 * HeavyHitters#withMaxItemsTracked}), as {@code ARRAY<STRUCT<item, estimate, lower, upper>>}
 * ({@link TopK}); {@code sk_frequent(expr [, max_items_tracked])}: the same summary as sketch
 * bytes, for {@code sk_merge}, {@code sk_top_k} and {@code sk_frequency}.
 *
 * @param maxItemsTracked the summary's capacity
 * @param itemType the item type of the input column ({@link ItemType#of})
 * @param topK the answer {@code sk_heavy_hitters} returns, or {@code null} for {@code
 *     sk_frequent}'s bytes
 */
@SuppressWarnings("unchecked")
public record HeavyHittersSpec(int maxItemsTracked, ItemType itemType, TopK topK)
    implements SketchSpec<HeavyHitters<Object>> {
  public static final String NAME = "sk_heavy_hitters";
  public static final String FREQUENT = "sk_frequent";

  /** The largest {@code max_items_tracked}: {@code approx_top_k}'s limit. */
  public static final int MAX_ITEMS_TRACKED = 1_000_000;

  @Override
  public String name() {
    return topK == null ? FREQUENT : NAME;
  }

  @Override
  public HeavyHitters<Object> create() {
    return HeavyHitters.withMaxItemsTracked(maxItemsTracked, (ItemSerde<Object>) itemType.serde());
  }

  @Override
  public HeavyHitters<Object> update(HeavyHitters<Object> sketch, Object item, Object unused) {
    return sketch.update(itemType.toItem(item));
  }

  /** A string column's frequent values repeat: each is decoded once ({@code StringItems}). */
  @Override
  public boolean decodesRepeatedStrings() {
    return itemType == ItemType.STRING;
  }

  @Override
  public HeavyHitters<Object> fromBytes(byte[] bytes) {
    return HeavyHitters.fromByteArray(bytes, (ItemSerde<Object>) itemType.serde());
  }

  @Override
  public DataType resultType() {
    return topK == null ? DataTypes.BinaryType : topK.resultType();
  }

  @Override
  public Object result(HeavyHitters<Object> sketch) {
    HeavyHitters<Object> summary = sketch == null ? create() : sketch;
    return topK == null ? summary.toByteArray() : topK.rows(summary);
  }

  @Override
  public TypeMismatch checkInputTypes(List<DataType> types) {
    return ItemType.check(types.get(0), 0);
  }
}
