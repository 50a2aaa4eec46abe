package io.sketches.frequency;

import io.sketches.ItemSerde;
import java.util.Arrays;

/**
 * The counters of a {@link HeavyHitters} summary: an open-addressing table with linear probing over
 * three parallel arrays (the item's serde hash, its counter, the item), power-of-two length. A
 * counter of 0 marks an empty slot (kept counters are always positive). Items are equal when their
 * serde hashes are equal and {@link ItemSerde#equal} says so; the slot is the top bits of the hash
 * times the 64-bit golden ratio (Knuth's multiplicative hashing), so a user serde with weak low
 * bits still spreads.
 *
 * <p>The table starts at {@value #MIN_LENGTH} slots and doubles while more than 3/4 full, up to the
 * length that holds {@code capacity + 1} counters at load ≤ 3/4 (the extra one is the insert that
 * triggers a purge), so memory grows with the distinct items seen. Adding to a kept item allocates
 * nothing.
 *
 * <p>{@link #purge} deletes in place by backward shift (Knuth, TAOCP vol. 3, §6.4, Algorithm R),
 * walking each cluster from its end so that every entry a deletion moves has already been visited;
 * DataSketches' {@code ReversePurgeItemHashMap} deletes the same way.
 *
 * @param <T> the item type
 */
final class CounterTable<T> {
  static final int MIN_LENGTH = 8;
  private static final long GOLDEN_RATIO_64 = 0x9E3779B97F4A7C15L;

  private final ItemSerde<T> serde;
  private long[] hashes;
  private long[] counts;
  private Object[] items;
  private int mask;
  private int shift;
  private int size;
  private int growAt;

  /** The purge's selection buffer, kept once the table is full (purges recur every few inserts). */
  private long[] scratch;

  CounterTable(ItemSerde<T> serde) {
    this(serde, MIN_LENGTH);
  }

  private CounterTable(ItemSerde<T> serde, int length) {
    this.serde = serde;
    allocate(length);
  }

  /** The table length that holds {@code counters} at load ≤ 3/4. */
  static int lengthFor(int counters) {
    long needed = ((long) counters * 4 + 2) / 3;
    return Math.max(MIN_LENGTH, Integer.highestOneBit((int) Math.max(1, needed - 1)) << 1);
  }

  private void allocate(int length) {
    hashes = new long[length];
    counts = new long[length];
    items = new Object[length];
    mask = length - 1;
    shift = 64 - Integer.numberOfTrailingZeros(length);
    growAt = length / 4 * 3;
  }

  private int home(long hash) {
    return (int) ((hash * GOLDEN_RATIO_64) >>> shift);
  }

  int size() {
    return size;
  }

  int length() {
    return counts.length;
  }

  /**
   * Adds {@code count} > 0 to the item's counter, inserting it if absent.
   *
   * @return true if the item was inserted (the size grew)
   */
  @SuppressWarnings("unchecked")
  boolean add(T item, long hash, long count) {
    long[] counts = this.counts;
    int slot = home(hash);
    while (true) {
      long current = counts[slot];
      if (current == 0) {
        insertAt(slot, item, hash, count);
        return true;
      }
      if (hashes[slot] == hash && serde.equal(item, (T) items[slot])) {
        counts[slot] = current + count;
        return false;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void insertAt(int slot, T item, long hash, long count) {
    hashes[slot] = hash;
    counts[slot] = count;
    items[slot] = item;
    if (++size > growAt) {
      rehash(counts.length * 2);
    }
  }

  /** The slot holding the item, or -1. */
  @SuppressWarnings("unchecked")
  int find(T item, long hash) {
    for (int slot = home(hash); counts[slot] != 0; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash && serde.equal(item, (T) items[slot])) {
        return slot;
      }
    }
    return -1;
  }

  long count(int slot) {
    return counts[slot];
  }

  long hash(int slot) {
    return hashes[slot];
  }

  @SuppressWarnings("unchecked")
  T item(int slot) {
    return (T) items[slot];
  }

  /** Makes room for {@code counters} without growing again (a merge adds many at once). */
  void reserve(int counters) {
    if (counters > growAt) {
      rehash(lengthFor(counters));
    }
  }

  /** Rehashes into the smallest table holding {@code counters} (and at least the current ones). */
  void shrinkTo(int counters) {
    int length = lengthFor(Math.max(counters, size));
    if (length < counts.length) {
      rehash(length);
    }
    if (scratch != null && scratch.length > counters) {
      scratch = null; // a merge's purge needed more; the next purge allocates what updates need
    }
  }

  private void rehash(int length) {
    long[] oldHashes = hashes;
    long[] oldCounts = counts;
    Object[] oldItems = items;
    allocate(length);
    for (int slot = 0; slot < oldCounts.length; slot++) {
      if (oldCounts[slot] != 0) {
        int to = home(oldHashes[slot]);
        while (counts[to] != 0) {
          to = (to + 1) & mask;
        }
        hashes[to] = oldHashes[slot];
        counts[to] = oldCounts[slot];
        items[to] = oldItems[slot];
      }
    }
  }

  /**
   * Misra–Gries purge (Agarwal et al. 2012, §3): subtracts the ({@code kept}+1)-th largest counter
   * from every counter and deletes those that drop to 0 or below, so at most {@code kept} remain.
   * The counter is found by selection, O(size), not by sorting.
   *
   * @return the amount subtracted
   */
  long purge(int kept) {
    if (scratch == null || scratch.length < size) {
      scratch = new long[size];
    }
    int n = 0;
    for (long count : counts) {
      if (count != 0) {
        scratch[n++] = count;
      }
    }
    long decrement = select(scratch, n, n - (kept + 1));
    subtractAndDropNonPositive(decrement);
    return decrement;
  }

  /**
   * The value of rank {@code rank} (0-based, ascending) among {@code values[0, n)}, reordering
   * them: Hoare's FIND with a median-of-three pivot; a range that has not shrunk after about 2·lg n
   * rounds is sorted instead (Musser's introselect guard), so a crafted stream cannot make a purge
   * quadratic.
   */
  static long select(long[] values, int n, int rank) {
    int lo = 0;
    int hi = n - 1;
    int rounds = 2 * (32 - Integer.numberOfLeadingZeros(n)) + 4;
    while (hi > lo) {
      if (hi - lo < 16 || rounds-- == 0) {
        Arrays.sort(values, lo, hi + 1);
        return values[rank];
      }
      long pivot = medianOfThree(values[lo], values[(lo + hi) >>> 1], values[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (values[i] < pivot) {
          i++;
        }
        while (values[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long swap = values[i];
          values[i++] = values[j];
          values[j--] = swap;
        }
      }
      // now values[lo..j] ≤ pivot ≤ values[i..hi], and everything strictly between equals pivot
      if (rank <= j) {
        hi = j;
      } else if (rank >= i) {
        lo = i;
      } else {
        return values[rank];
      }
    }
    return values[rank];
  }

  private static long medianOfThree(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  /** Subtracts {@code decrement} from every counter and deletes those that drop to 0 or below. */
  private void subtractAndDropNonPositive(long decrement) {
    for (int slot = 0; slot < counts.length; slot++) {
      if (counts[slot] != 0) {
        counts[slot] = Math.max(0, counts[slot] - decrement);
      }
    }
    // Walk down from an empty slot (a cluster boundary), wrapping once: a deletion moves entries
    // from later in the cluster, which the walk has already kept.
    int boundary = counts.length - 1;
    while (occupied(boundary)) {
      boundary--;
    }
    for (int step = 0, slot = boundary; step < counts.length; step++, slot = (slot - 1) & mask) {
      if (items[slot] != null && counts[slot] == 0) {
        deleteAt(slot);
      }
    }
  }

  /** Occupied slots: an item is present (during a purge its counter may already be 0). */
  private boolean occupied(int slot) {
    return items[slot] != null;
  }

  /** Backward-shift deletion (Knuth's Algorithm R): no tombstones, probe chains stay short. */
  private void deleteAt(int hole) {
    size--;
    int probe = (hole + 1) & mask;
    while (occupied(probe)) {
      int home = home(hashes[probe]);
      if (((probe - home) & mask) >= ((probe - hole) & mask)) {
        hashes[hole] = hashes[probe];
        counts[hole] = counts[probe];
        items[hole] = items[probe];
        hole = probe;
      }
      probe = (probe + 1) & mask;
    }
    hashes[hole] = 0;
    counts[hole] = 0;
    items[hole] = null;
  }

  /** The occupied slots in canonical order: counter descending, then hash ascending. */
  int[] slotsInCanonicalOrder() {
    Integer[] slots = new Integer[size];
    int n = 0;
    for (int slot = 0; slot < counts.length; slot++) {
      if (counts[slot] != 0) {
        slots[n++] = slot;
      }
    }
    Arrays.sort(
        slots,
        (a, b) -> {
          int byCount = Long.compare(counts[b], counts[a]);
          return byCount != 0 ? byCount : Long.compare(hashes[a], hashes[b]);
        });
    int[] result = new int[size];
    for (int i = 0; i < size; i++) {
      result[i] = slots[i];
    }
    return result;
  }

  CounterTable<T> copy() {
    CounterTable<T> copy = new CounterTable<>(serde, MIN_LENGTH);
    copy.hashes = hashes.clone();
    copy.counts = counts.clone();
    copy.items = items.clone();
    copy.mask = mask;
    copy.shift = shift;
    copy.size = size;
    copy.growAt = growAt;
    return copy;
  }
}
