package io.sketches.frequency;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.IncompatibleSketchException;
import io.sketches.ItemSerde;
import io.sketches.Sketch;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The most frequent items of a weighted cash-register stream, with guaranteed bounds: a mergeable
 * Misra–Gries summary (Misra and Gries 1982), weighted and merged as in Agarwal, Cormode, Huang,
 * Phillips, Wei and Yi, "Mergeable summaries", PODS 2012, §3, with batched decrements as in
 * Anderson et al. 2017 and DataSketches' frequent items. {@link #create(ItemSerde)} tracks {@value
 * #DEFAULT_MAX_ITEMS_TRACKED} items, as Spark's {@code approx_top_k}.
 *
 * <h2>Algorithm</h2>
 *
 * A table of at most {@code capacity} = {@link #maxItemsTracked()} counters. An update adds to the
 * item's counter, inserting it if absent. When an insert makes capacity + 1 counters, a
 * <em>purge</em> subtracts the (k+1)-th largest counter m from every counter, removes those that
 * drop to zero or below (at most k remain; {@code k} = {@link #k()} is the counters a purge keeps)
 * and adds m to the {@link #maximumError() offset}. A merge adds the other table's counters and
 * offset, then purges once if over capacity (Agarwal et al. 2012, Theorem 1). Each purge removes at
 * least (k+1)·m weight, so at all times
 *
 * <pre>  offset · (k + 1) ≤ N − M  ≤ N,   so   maximumError() ≤ N / (k + 1)</pre>
 *
 * where N is the {@link #totalWeight()} and M the sum of the kept counters. Misra–Gries with
 * counter + offset as the estimate is Space-Saving (Metwally et al. 2005): the two are isomorphic
 * (Agarwal et al. 2012, §3.1), so {@link Entry#estimate()} is the Space-Saving count.
 *
 * <h2>Guarantee</h2>
 *
 * For every item x with true count f(x): {@code counter(x) ≤ f(x) ≤ counter(x) + offset} (counter 0
 * when x is not kept). Hence <b>every item with f(x) > offset — in particular every item with f(x)
 * > N/(k+1) — is in the table</b>, and {@link #top()} reports it with {@code lowerBound ≤ f(x) ≤
 * upperBound}. While fewer distinct items than the capacity have been seen nothing is purged, the
 * offset is 0 and every count is exact. {@link #topK(int, ErrorType)} offers the two error types of
 * DataSketches: {@link ErrorType#NO_FALSE_POSITIVES} (only items whose lower bound exceeds the
 * offset, so whose true count does: {@code approx_top_k}'s rule) and {@link
 * ErrorType#NO_FALSE_NEGATIVES} (every item that may be in the true top k).
 *
 * <h2>The kept fraction</h2>
 *
 * {@link #withMaxItemsTracked(int, ItemSerde) withMaxItemsTracked(T)} tracks C = {@link
 * #capacityFor capacityFor(T)} counters (12,287 for T = 10,000: what the table sized for T holds)
 * and keeps k = ⌊3C/4⌋ per purge: error bound N/(⌊3C/4⌋ + 1), N/9,216 = 1.09·10⁻⁴·N for T = 10,000
 * (DataSketches' frequent items with Spark's map size of 16,384 for 10,000 tracked items guarantees
 * 3.5·N/16,384 = 2.1·10⁻⁴·N). Measured ({@code HeavyHittersUpdateBenchmark.main}, 2^22 updates,
 * Zipf over 10^6 items, C = 10,000): on unit weights every purge subtracts 1 and drops every
 * counter of 1 whatever k is, so k = C/2, 5C/8, 3C/4 and 7C/8 give the same purges (3.3·10⁻⁵ per
 * update at exponent 1.1, 8.7·10⁻⁵ at 0.8), the same maximum error and the same speed. With weights
 * 1..16 a larger k purges more often for a smaller error: at exponent 0.8, k = C/2, 3C/4, 7C/8 give
 * maximum error 1.18, 0.97, 0.92 ·10⁻⁴·N, purges 1.4, 2.7, 3.9 ·10⁻⁴ per update and about 73, 123,
 * 152 ns per update (one JVM, best of 5, a loaded 2-core machine). 3C/4 takes most of the accuracy
 * of 7C/8 at well under its cost.
 *
 * <h2>Memory and speed</h2>
 *
 * The counters live in a {@code CounterTable}: primitive open addressing, key and counter side by
 * side, growing from 8 slots with the distinct items seen up to the power of two that holds C + 1
 * at load ≤ 3/4; an update of a kept item allocates nothing. Per counter at T = 10,000 (C =
 * 12,287): 16,384 slots × 20 bytes = 27 bytes, plus once full the purge buffer (1.5·C longs and C/2
 * references, 14 bytes), plus the items themselves; longs and ints are kept as values (16 bytes a
 * slot, 21 bytes a counter, no item objects). A purge finds m by selection (not a sort).
 *
 * <p>Cash register only: negative counts and null items are refused. Merging is associative and
 * commutative in its guarantee (every order keeps the bounds) but not bit for bit: purges happen at
 * different points. Items are compared and hashed with the {@link ItemSerde}; do not mutate an
 * array item after passing it in. Not thread-safe.
 *
 * @param <T> the item type
 */
public final class HeavyHitters<T> implements Sketch<HeavyHitters<T>> {
  static final int SERIAL_VERSION = 1;
  static final int FLAG_EMPTY = 1;

  /** Refused above this, so the table and its purge scratch stay one array each. */
  public static final int MAX_CAPACITY = 1 << 26;

  /**
   * The default of {@link #create(ItemSerde)}: counters tracked, as Spark's {@code approx_top_k}.
   */
  public static final int DEFAULT_MAX_ITEMS_TRACKED = 10_000;

  /** One reported item: its estimate and the interval that contains its true count. */
  public record Entry<T>(T item, long estimate, long lowerBound, long upperBound) {}

  /**
   * Which error {@link #topK(int, ErrorType)} avoids, as DataSketches' frequent items ({@code
   * approx_top_k} uses {@link #NO_FALSE_POSITIVES}).
   */
  public enum ErrorType {
    /** Only items surely above the noise: lower bound greater than {@link #maximumError()}. */
    NO_FALSE_POSITIVES,
    /** Every item that may belong to the true top k (may return more than k entries). */
    NO_FALSE_NEGATIVES
  }

  private int k;
  private int capacity;
  private final ItemSerde<T> serde;
  private final CounterTable<T> table;
  private long totalWeight;
  private long offset;

  private HeavyHitters(int k, int capacity, ItemSerde<T> serde) {
    this(k, capacity, serde, new CounterTable<>(serde));
  }

  private HeavyHitters(int k, int capacity, ItemSerde<T> serde, CounterTable<T> table) {
    this.k = k;
    this.capacity = capacity;
    this.serde = serde;
    this.table = table;
  }

  /**
   * A summary tracking at least T = {@code maxItemsTracked} items: as many counters as the table
   * sized for T holds at load 3/4 ({@link #capacityFor}; 23, 1,535 and 12,287 counters for T = 20,
   * 1,000 and 10,000, the sizes Spark's {@code approx_top_k} gives DataSketches for the same T), of
   * which a purge keeps k = ⌊3C/4⌋ (at least 1; the class Javadoc says why), so {@code
   * maximumError() ≤ N/(k+1)}; memory grows with the distinct items seen, up to that capacity.
   */
  public static <T> HeavyHitters<T> withMaxItemsTracked(int maxItemsTracked, ItemSerde<T> serde) {
    checkArgument(
        maxItemsTracked >= 1 && maxItemsTracked <= MAX_CAPACITY,
        "maxItemsTracked must be in [1, %s]: %s",
        MAX_CAPACITY,
        maxItemsTracked);
    int capacity = capacityFor(maxItemsTracked);
    return create(keptFor(capacity), capacity, serde);
  }

  /**
   * The counters tracked for a request of T: the most that fit, with the insert that triggers a
   * purge, in the table that T + 1 counters need at load ≤ 3/4 (3/4 of its power-of-two length,
   * less one), at least T and at most {@link #MAX_CAPACITY}. The memory is the table's either way;
   * the extra counters make purges rarer and the offset smaller.
   */
  static int capacityFor(int maxItemsTracked) {
    long fits = (long) CounterTable.lengthFor(maxItemsTracked + 1) / 4 * 3 - 1;
    return (int) Math.max(maxItemsTracked, Math.min(MAX_CAPACITY, fits));
  }

  /** {@link #withMaxItemsTracked withMaxItemsTracked}({@value #DEFAULT_MAX_ITEMS_TRACKED}). */
  public static <T> HeavyHitters<T> create(ItemSerde<T> serde) {
    return withMaxItemsTracked(DEFAULT_MAX_ITEMS_TRACKED, serde);
  }

  /** The counters a purge keeps for a capacity of C counters: ⌊3C/4⌋, at least 1. */
  static int keptFor(int capacity) {
    return Math.max(1, (int) (3L * capacity / 4));
  }

  /**
   * A summary guaranteeing every item above N/(k+1) of the total weight, keeping up to 2k counters
   * (a purge, linear in the capacity, comes at most once per k + 1 inserts: amortized O(1)).
   */
  public static <T> HeavyHitters<T> create(int k, ItemSerde<T> serde) {
    checkArgument(k >= 1 && k <= MAX_CAPACITY / 2, "k must be in [1, %s]: %s", MAX_CAPACITY / 2, k);
    return create(k, 2 * k, serde);
  }

  /**
   * As {@link #create(int, ItemSerde)} with an explicit table capacity in [k, 2^26]: {@code
   * capacity = k} is classic Misra–Gries (smallest memory, a purge on most inserts once full);
   * larger capacities purge less often and keep more candidates.
   */
  public static <T> HeavyHitters<T> create(int k, int capacity, ItemSerde<T> serde) {
    checkArgument(k >= 1, "k must be positive: %s", k);
    checkArgument(
        capacity >= k && capacity <= MAX_CAPACITY,
        "capacity must be in [k = %s, %s]: %s",
        k,
        MAX_CAPACITY,
        capacity);
    checkArgument(serde != null, "serde must not be null");
    return new HeavyHitters<>(k, capacity, serde);
  }

  /** Adds one occurrence of {@code item}: {@code update(item, 1)}. */
  public HeavyHitters<T> update(T item) {
    return update(item, 1);
  }

  /**
   * Adds {@code count} ≥ 0 occurrences of {@code item}.
   *
   * @throws IllegalArgumentException for a null item or a negative count; nothing changes
   * @throws ArithmeticException if the total weight would overflow a long; nothing changes
   */
  public HeavyHitters<T> update(T item, long count) {
    checkArgument(item != null, "item must not be null");
    checkArgument(count >= 0, "heavy hitters take no negative counts: %s", count);
    if (count == 0) {
      return this;
    }
    long newTotal = overflowChecked(totalWeight, count);
    if (table.add(item, table.key(item), count) && table.size() > capacity) {
      offset += table.purge(k);
    }
    totalWeight = newTotal;
    return this;
  }

  private static long overflowChecked(long weight, long more) {
    long sum = weight + more;
    if (sum < 0) {
      throw new ArithmeticException(
          "heavy hitters total weight would overflow a long: " + weight + " + " + more);
    }
    return sum;
  }

  // ---------------------------------------------------------------- queries

  /** All kept items with their estimates and bounds, by estimate descending. */
  public List<Entry<T>> top() {
    int[] slots = table.slotsInCanonicalOrder();
    List<Entry<T>> entries = new ArrayList<>(slots.length);
    for (int slot : slots) {
      entries.add(entryAt(slot));
    }
    return List.copyOf(entries);
  }

  /** The first {@code n} entries of {@link #top()}. */
  public List<Entry<T>> top(int n) {
    checkArgument(n >= 0, "n must be non-negative: %s", n);
    List<Entry<T>> all = top();
    return all.subList(0, Math.min(n, all.size()));
  }

  /**
   * Every item whose true count may exceed {@code phi · N} (upper bound > φN): no false negatives.
   * Complete for φ ≥ 1/(k+1), and for any φ with φN ≥ {@link #maximumError()}.
   */
  public List<Entry<T>> frequentItems(double phi) {
    double threshold = threshold(phi);
    return top().stream().filter(e -> e.upperBound() > threshold).toList();
  }

  /**
   * Only items whose true count surely exceeds {@code phi · N} (lower bound > φN): no false
   * positives.
   */
  public List<Entry<T>> guaranteedFrequentItems(double phi) {
    double threshold = threshold(phi);
    return top().stream().filter(e -> e.lowerBound() > threshold).toList();
  }

  /** {@link #topK(int, ErrorType) topK}(k, {@link ErrorType#NO_FALSE_POSITIVES}). */
  public List<Entry<T>> topK(int k) {
    return topK(k, ErrorType.NO_FALSE_POSITIVES);
  }

  /**
   * The top {@code k} items, by estimate descending (ties by lower bound descending, then canonical
   * order).
   *
   * <ul>
   *   <li>{@link ErrorType#NO_FALSE_POSITIVES}: the first k of the kept items whose lower bound
   *       exceeds {@link #maximumError()} (DataSketches' rule, which {@code approx_top_k} applies).
   *       While nothing has been purged the maximum error is 0 and this is the exact top k.
   *   <li>{@link ErrorType#NO_FALSE_NEGATIVES}: the first k kept items plus every further kept item
   *       whose upper bound is at least the k-th largest lower bound: every item that may belong to
   *       the true top k. Complete (it holds every item whose true count is at least the true k-th
   *       largest count) when {@link #maximumError()} is below that k-th lower bound; may return
   *       more than k entries.
   * </ul>
   */
  public List<Entry<T>> topK(int k, ErrorType errorType) {
    checkArgument(k >= 1, "k must be positive: %s", k);
    checkArgument(errorType != null, "errorType must not be null");
    List<Entry<T>> all = top();
    List<Entry<T>> result = new ArrayList<>(Math.min(k, all.size()));
    if (errorType == ErrorType.NO_FALSE_POSITIVES) {
      for (Entry<T> entry : all) {
        if (result.size() == k) {
          break;
        }
        if (entry.lowerBound() > offset) {
          result.add(entry);
        }
      }
    } else {
      long kthLower = all.size() >= k ? all.get(k - 1).lowerBound() : 0;
      for (int i = 0; i < all.size(); i++) {
        if (i < k || all.get(i).upperBound() >= kthLower) {
          result.add(all.get(i));
        } else {
          break; // sorted by upper bound descending: no later entry qualifies
        }
      }
    }
    return List.copyOf(result);
  }

  private double threshold(double phi) {
    checkArgument(phi > 0 && phi <= 1, "phi must be in (0, 1]: %s", phi);
    return phi * totalWeight;
  }

  /** The estimate and bounds of one item, kept or not (lower bound 0 if not kept). */
  public Entry<T> entry(T item) {
    checkArgument(item != null, "item must not be null");
    int slot = table.find(item, table.key(item));
    return slot >= 0 ? entryAt(slot) : new Entry<>(item, offset, 0, offset);
  }

  private Entry<T> entryAt(int slot) {
    long count = table.count(slot);
    return new Entry<>(table.item(slot), count + offset, count, count + offset);
  }

  /**
   * The offset: the most any true count can exceed its kept counter, at most N/(k+1). Items with a
   * true count above it are always reported.
   */
  public long maximumError() {
    return offset;
  }

  /** The guaranteed threshold N/(k+1): every item above it is in {@link #top()}. */
  public double guaranteedThreshold() {
    return (double) totalWeight / (k + 1);
  }

  public long totalWeight() {
    return totalWeight;
  }

  public int k() {
    return k;
  }

  public int capacity() {
    return capacity;
  }

  /** The counters tracked at most: {@link #capacity()}. */
  public int maxItemsTracked() {
    return capacity;
  }

  /** Slots of the counter table (memory grows with the distinct items seen): for tests. */
  int tableLength() {
    return table.length();
  }

  /** Counters currently kept. */
  public int size() {
    return table.size();
  }

  public ItemSerde<T> serde() {
    return serde;
  }

  // ---------------------------------------------------------------- merge, copy, bytes

  /**
   * Folds {@code other} in (Agarwal et al. 2012): counters and offsets add, then one purge if over
   * capacity. The bounds hold for the concatenated stream.
   *
   * <p>Summaries of different sizes merge to the smaller: the result keeps the smaller {@link #k()}
   * and the smaller {@link #capacity()} (each side's invariant offset·(k+1) ≤ N − M holds with a
   * smaller k, so their sum does), as HyperLogLog folds to the smaller precision.
   *
   * @throws IncompatibleSketchException unless the serde ids are equal; nothing changes
   * @throws ArithmeticException if the total weight would overflow a long; nothing changes
   */
  @Override
  public HeavyHitters<T> merge(HeavyHitters<T> other) {
    checkArgument(other != null, "the sketch to merge must not be null");
    IncompatibleSketchException.checkEqual("item serde id", serde.id(), other.serde.id());
    long newTotal = overflowChecked(totalWeight, other.totalWeight);
    k = Math.min(k, other.k);
    capacity = Math.min(capacity, other.capacity);
    totalWeight = newTotal;
    offset += other.offset;
    CounterTable<T> theirs = other == this ? table.copy() : other.table;
    offset += table.addAll(theirs, capacity, k);
    table.shrinkTo(capacity + 1);
    return this;
  }

  @Override
  public HeavyHitters<T> copy() {
    HeavyHitters<T> copy = new HeavyHitters<>(k, capacity, serde, table.copy());
    copy.totalWeight = totalWeight;
    copy.offset = offset;
    return copy;
  }

  /**
   * Header, then: serde id (byte), k and capacity (varints); unless empty, total weight and offset
   * (varints), the number of counters, and each item (serde) with its counter (varint), in
   * canonical order. See {@code docs/count-min.md}.
   */
  @Override
  public byte[] toByteArray() {
    boolean empty = totalWeight == 0;
    SketchWriter out =
        SketchFormat.writer(
            SketchType.HEAVY_HITTERS,
            SERIAL_VERSION,
            empty ? FLAG_EMPTY : 0,
            16 + 16 * table.size());
    out.putByte(serde.id()).putVarLong(k).putVarLong(capacity);
    if (!empty) {
      out.putVarLong(totalWeight).putVarLong(offset).putVarLong(table.size());
      for (int slot : table.slotsInCanonicalOrder()) {
        serde.write(out, table.item(slot));
        out.putVarLong(table.count(slot));
      }
    }
    return out.toByteArray();
  }

  /**
   * Reads bytes written by {@link #toByteArray()} with the same serde.
   *
   * @throws io.sketches.SketchFormatException if they are not a valid summary of this serde
   */
  public static <T> HeavyHitters<T> fromByteArray(byte[] bytes, ItemSerde<T> serde) {
    checkArgument(serde != null, "serde must not be null");
    SketchReader in = SketchFormat.reader(bytes, SketchType.HEAVY_HITTERS, SERIAL_VERSION);
    in.check((in.flags() & ~FLAG_EMPTY) == 0, "unknown heavy hitters flags 0x%x", in.flags());
    ItemSerde.checkId(serde, in.getUnsignedByte());
    long k = in.getVarLong();
    long capacity = in.getVarLong();
    in.check(
        k >= 1 && capacity >= k && capacity <= MAX_CAPACITY,
        "k %d and capacity %d must satisfy 1 ≤ k ≤ capacity ≤ %d",
        k,
        capacity,
        MAX_CAPACITY);
    HeavyHitters<T> sketch = new HeavyHitters<>((int) k, (int) capacity, serde);
    if (in.hasFlag(FLAG_EMPTY)) {
      in.expectEnd();
      return sketch;
    }
    long total = in.getVarLong();
    long offset = in.getVarLong();
    in.check(total > 0, "a non-empty summary has a positive total weight: %d", total);
    int size = in.getLength(2, "counter");
    in.check(size <= capacity, "%d counters exceed the capacity %d", size, capacity);
    long kept = 0;
    long previousCount = Long.MAX_VALUE;
    long previousHash = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      T item = serde.read(in);
      long hash = serde.hash(item);
      long count = in.getVarLong();
      in.check(
          count > 0 && count <= total - kept,
          "counter %d is not in [1, remaining weight %d]",
          count,
          total - kept);
      kept += count;
      // canonical order: counter descending, then hash ascending
      in.check(
          count < previousCount || (count == previousCount && hash >= previousHash),
          "counters are not in canonical order");
      in.check(
          sketch.table.add(item, sketch.table.key(item), count), "item %s appears twice", item);
      previousCount = count;
      previousHash = hash;
    }
    in.expectEnd();
    // Agarwal et al. invariant: offset · (k + 1) ≤ N − M
    in.check(
        offset >= 0 && offset <= (total - kept) / (k + 1),
        "offset %d exceeds (N − M)/(k + 1) = %d",
        offset,
        (total - kept) / (k + 1));
    sketch.totalWeight = total;
    sketch.offset = offset;
    return sketch;
  }

  @Override
  public String toString() {
    return "HeavyHitters[k="
        + k
        + ", capacity="
        + capacity
        + ", totalWeight="
        + totalWeight
        + ", kept="
        + table.size()
        + ", maximumError="
        + offset
        + "]";
  }
}
