package io.sketches.hash;

/**
 * Writes an item of a user's class as primitives and bytes, so that {@link ItemHash#hash(Object,
 * ItemEncoder)} hashes it: the library's counterpart of Guava's {@code Funnel}, with no Guava type
 * in its signature (the {@code -all} jar relocates Guava). Porting a funnel is renaming it: {@code
 * (click, sink) -> sink.putLong(click.userId()).putString(click.page(), UTF_8)}.
 *
 * <p>Two items that should count as one must be written as the same bytes.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface ItemEncoder<T> {
  /** Writes {@code item}'s identifying content into {@code sink}. */
  void encode(T item, ItemSink sink);
}
