package io.sketches.frequency;

import io.sketches.ItemSerde;
import io.sketches.hash.ItemHash;
import java.util.Arrays;

/**
 * The counters of a {@link HeavyHitters} summary: an open-addressing table with linear probing,
 * power-of-two length: {@code cells} holds each slot's 64-bit key and counter side by side (one
 * cache line for a probe), {@code items} the item. A counter of 0 marks an empty slot (kept
 * counters are always positive). The slot is the top bits of the key times the 64-bit golden ratio
 * (Knuth's multiplicative hashing), so keys with weak low bits still spread.
 *
 * <p>The key is the serde's 64-bit item hash, confirmed by {@link ItemSerde#equal}, with shortcuts
 * for the built-in serdes:
 *
 * <ul>
 *   <li>longs and ints: the key is the value itself and no item objects are kept (the item is boxed
 *       again when read); the slot comes from the value's item hash.
 *   <li>doubles: the item hash is a bijection of the canonical 64-bit value (XXH3 of 8 bytes is a
 *       rotation, an xor of three rotations — invertible because 1 + x^24 + x^49 is prime to (1 +
 *       x)^64 over GF(2) — and the rrmxmx finalizer's odd multiplications and xor-shifts), so equal
 *       keys are equal items and {@code equal} is never called.
 *   <li>strings: {@link String#hashCode()}, which a string caches, instead of XXH3 over its UTF-8
 *       encoding, which would be recomputed on every update.
 * </ul>
 *
 * The serde hash that orders counters in the bytes is computed when writing them.
 *
 * <p>The table starts at {@value #MIN_LENGTH} slots and doubles while more than 3/4 full, up to the
 * length that holds {@code capacity + 1} counters at load ≤ 3/4 (the extra one is the insert that
 * triggers a purge), so memory grows with the distinct items seen. Adding to a kept item allocates
 * nothing.
 *
 * <p>{@link #purge} finds the decrement by selection, then either deletes in place by backward
 * shift (Knuth, TAOCP vol. 3, §6.4, Algorithm R; as DataSketches' {@code ReversePurgeItemHashMap})
 * when most counters survive, or, when most go (the usual case on unit-weight streams, where every
 * counter of 1 goes), moves the survivors out with branch-free scans, clears the table and puts
 * them back: measured 3× faster than deleting 90 % of the counters one by one.
 *
 * @param <T> the item type
 */
final class CounterTable<T> {
  static final int MIN_LENGTH = 8;
  private static final long GOLDEN_RATIO_64 = 0x9E3779B97F4A7C15L;

  /** How an item becomes its table key. */
  private enum Keying {
    /** The long value itself; no item objects. */
    LONG_VALUE,
    /** The int value itself; no item objects. */
    INT_VALUE,
    /** The serde hash, a bijection of the item: equal keys are equal items. */
    INJECTIVE_SERDE_HASH,
    /** {@link String#hashCode()}, confirmed by {@link ItemSerde#equal}. */
    STRING_HASH_CODE,
    /** The serde hash, confirmed by {@link ItemSerde#equal}. */
    SERDE_HASH
  }

  private final ItemSerde<T> serde;
  private final Keying keying;
  private final boolean keyIsValue;
  private final boolean keyIsItem;

  /** Slot s: key at 2s, counter at 2s + 1. */
  private long[] cells;

  /** The items, null when the key is the value. */
  private Object[] items;

  private int mask;
  private int shift;
  private int size;
  private int growAt;

  /**
   * The purge's buffers, kept once the table is full (purges recur every few thousand inserts): the
   * counters for selection, then the survivors' keys, counters and slots, and their items.
   */
  private long[] scratch;

  private Object[] scratchItems;

  CounterTable(ItemSerde<T> serde) {
    this.serde = serde;
    this.keying = keying(serde);
    this.keyIsValue = keying == Keying.LONG_VALUE || keying == Keying.INT_VALUE;
    this.keyIsItem = keyIsValue || keying == Keying.INJECTIVE_SERDE_HASH;
    allocate(MIN_LENGTH);
  }

  private CounterTable(CounterTable<T> original) {
    this.serde = original.serde;
    this.keying = original.keying;
    this.keyIsValue = original.keyIsValue;
    this.keyIsItem = original.keyIsItem;
    this.cells = original.cells.clone();
    this.items = original.items == null ? null : original.items.clone();
    this.mask = original.mask;
    this.shift = original.shift;
    this.size = original.size;
    this.growAt = original.growAt;
  }

  private static Keying keying(ItemSerde<?> serde) {
    if (serde == ItemSerde.longs()) {
      return Keying.LONG_VALUE;
    } else if (serde == ItemSerde.integers()) {
      return Keying.INT_VALUE;
    } else if (serde == ItemSerde.doubles()) {
      return Keying.INJECTIVE_SERDE_HASH;
    }
    return serde == ItemSerde.strings() ? Keying.STRING_HASH_CODE : Keying.SERDE_HASH;
  }

  /** The key the table files {@code item} under. */
  long key(T item) {
    switch (keying) {
      case LONG_VALUE:
        return (Long) item;
      case INT_VALUE:
        return (Integer) item;
      case STRING_HASH_CODE:
        return item.hashCode();
      default:
        return serde.hash(item);
    }
  }

  /** Whether {@code other} files items under the same keys as this table. */
  boolean keysLike(CounterTable<?> other) {
    return keying == other.keying && (keying != Keying.SERDE_HASH || serde == other.serde);
  }

  /** The serde hash of the item in {@code slot}, which orders counters in the bytes. */
  long serdeHash(int slot) {
    return keying == Keying.INJECTIVE_SERDE_HASH ? cells[2 * slot] : serde.hash(item(slot));
  }

  /** The table length that holds {@code counters} at load ≤ 3/4. */
  static int lengthFor(int counters) {
    long needed = ((long) counters * 4 + 2) / 3;
    return Math.max(MIN_LENGTH, Integer.highestOneBit((int) Math.max(1, needed - 1)) << 1);
  }

  private void allocate(int length) {
    cells = new long[2 * length];
    items = keyIsValue ? null : new Object[length];
    mask = length - 1;
    shift = 64 - Integer.numberOfTrailingZeros(length);
    growAt = length / 4 * 3;
  }

  private int home(long key) {
    return (int) ((keyIsValue ? ItemHash.hash(key) : key * GOLDEN_RATIO_64) >>> shift);
  }

  int size() {
    return size;
  }

  int length() {
    return mask + 1;
  }

  /**
   * Adds {@code count} > 0 to the counter of the item with this {@link #key}, inserting it if
   * absent.
   *
   * @return true if the item was inserted (the size grew)
   */
  boolean add(T item, long key, long count) {
    long[] cells = this.cells;
    int slot = home(key);
    while (true) {
      long current = cells[2 * slot + 1];
      if (current == 0) {
        insertAt(slot, item, key, count);
        return true;
      }
      if (cells[2 * slot] == key && sameItem(item, slot)) {
        cells[2 * slot + 1] = current + count;
        return false;
      }
      slot = (slot + 1) & mask;
    }
  }

  @SuppressWarnings("unchecked")
  private boolean sameItem(T item, int slot) {
    return keyIsItem || serde.equal(item, (T) items[slot]);
  }

  private void insertAt(int slot, T item, long key, long count) {
    cells[2 * slot] = key;
    cells[2 * slot + 1] = count;
    if (items != null) {
      items[slot] = item;
    }
    if (++size > growAt) {
      rehash(2 * length());
    }
  }

  /** The slot holding the item with this {@link #key}, or -1. */
  int find(T item, long key) {
    for (int slot = home(key); cells[2 * slot + 1] != 0; slot = (slot + 1) & mask) {
      if (cells[2 * slot] == key && sameItem(item, slot)) {
        return slot;
      }
    }
    return -1;
  }

  /** The counter in {@code slot}, 0 if it is empty. */
  long count(int slot) {
    return cells[2 * slot + 1];
  }

  long key(int slot) {
    return cells[2 * slot];
  }

  @SuppressWarnings("unchecked")
  T item(int slot) {
    switch (keying) {
      case LONG_VALUE:
        return (T) Long.valueOf(cells[2 * slot]);
      case INT_VALUE:
        return (T) Integer.valueOf((int) cells[2 * slot]);
      default:
        return (T) items[slot];
    }
  }

  /** Makes room for {@code counters} without growing again (a merge adds many at once). */
  private void reserve(int counters) {
    if (counters > growAt) {
      rehash(lengthFor(counters));
    }
  }

  /** Rehashes into the smallest table holding {@code counters} (and at least the current ones). */
  void shrinkTo(int counters) {
    int length = lengthFor(Math.max(counters, size));
    if (length < length()) {
      rehash(length);
    }
    if (scratch != null && scratch.length > scratchLength(counters)) {
      scratch = null; // a merge's purge needed more; the next purge allocates what updates need
      scratchItems = null;
    }
  }

  private void rehash(int length) {
    long[] oldCells = cells;
    Object[] oldItems = items;
    allocate(length);
    for (int slot = 0; slot < oldCells.length / 2; slot++) {
      if (oldCells[2 * slot + 1] != 0) {
        place(oldCells[2 * slot], oldCells[2 * slot + 1], oldItems == null ? null : oldItems[slot]);
      }
    }
  }

  /** Puts an entry known to be absent into the first free slot of its probe sequence. */
  private void place(long key, long count, Object item) {
    int slot = home(key);
    while (cells[2 * slot + 1] != 0) {
      slot = (slot + 1) & mask;
    }
    cells[2 * slot] = key;
    cells[2 * slot + 1] = count;
    if (items != null) {
      items[slot] = item;
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
    ensureScratch();
    int n = gatherCounts(scratch);
    long decrement = select(scratch, n, n - (kept + 1));
    subtract(decrement);
    return decrement;
  }

  private void ensureScratch() {
    if (scratch == null || scratch.length < scratchLength(size)) {
      scratch = new long[scratchLength(size)];
      scratchItems = items == null ? null : new Object[size / 2 + 1];
    }
  }

  /**
   * Copies the {@link #size} counters into {@code counts[0, size)}, which must have room for one
   * more; returns size.
   */
  private int gatherCounts(long[] counts) {
    // The slot loops are branch-free (a write at n, then n advances by 0 or 1): occupancy is
    // random, so branches there mispredict about every other slot and cost more than the work.
    int n = 0;
    for (int slot = 0; slot < length(); slot++) {
      long count = cells[2 * slot + 1];
      counts[n] = count;
      n += (int) ((count | -count) >>> 63);
    }
    return n;
  }

  /** Subtracts {@code decrement} ≥ 1 from every counter and deletes those that reach 0 or less. */
  private void subtract(long decrement) {
    int length = length();
    ensureScratch();
    int survivors = 0;
    for (int slot = 0; slot < length; slot++) {
      survivors += (int) ((decrement - cells[2 * slot + 1]) >>> 63);
    }
    if (2 * survivors > size) {
      deleteInPlace(decrement);
    } else {
      rebuildFromSurvivors(decrement);
    }
    size = survivors;
  }

  /**
   * Adds every counter of {@code theirs} and then, if more than {@code capacity} counters result,
   * purges to {@code kept} (Agarwal et al. 2012, §3: counters add, then one purge): the same
   * decrement and survivors as adding each counter and calling {@link #purge}. Items new to this
   * table wait in buffers of theirs' size until the decrement is known, and only the survivors are
   * inserted, so a merge into a full table does not grow it to hold both tables and shrink it back:
   * a fold of merges costs the merged table's counters, not two rehashes of the accumulator's.
   * Items are moved as stored (a long or int key is not boxed).
   *
   * @return the amount subtracted, 0 when nothing was purged
   */
  @SuppressWarnings("unchecked")
  long addAll(CounterTable<T> theirs, int capacity, int kept) {
    if (!keysLike(theirs)) { // a user serde with a built-in's id: its items may coincide in ours
      reserve(size + theirs.size);
      for (int slot = 0; slot < theirs.length(); slot++) {
        if (theirs.count(slot) != 0) {
          T item = theirs.item(slot);
          add(item, key(item), theirs.count(slot));
        }
      }
      return size > capacity ? purge(kept) : 0;
    }
    long[] newKeys = new long[theirs.size];
    long[] newCounts = new long[theirs.size];
    Object[] newItems = items == null ? null : new Object[theirs.size];
    int pending = 0;
    for (int slot = 0; slot < theirs.length(); slot++) {
      long count = theirs.count(slot);
      if (count == 0) {
        continue;
      }
      Object item = items == null ? null : theirs.items[slot];
      long key = theirs.key(slot);
      int mine = find((T) item, key);
      if (mine >= 0) {
        cells[2 * mine + 1] += count;
      } else {
        newKeys[pending] = key;
        newCounts[pending] = count;
        if (newItems != null) {
          newItems[pending] = item;
        }
        pending++;
      }
    }
    long decrement = 0;
    int total = size + pending;
    if (total > capacity) {
      // one more than the counters: the branch-free gather writes one slot past them
      long[] counts = scratch != null && scratch.length > total ? scratch : new long[total + 1];
      int n = gatherCounts(counts);
      System.arraycopy(newCounts, 0, counts, n, pending);
      decrement = select(counts, total, total - (kept + 1));
      subtract(decrement);
    }
    for (int i = 0; i < pending; i++) {
      if (newCounts[i] > decrement) {
        add((T) (newItems == null ? null : newItems[i]), newKeys[i], newCounts[i] - decrement);
      }
    }
    return decrement;
  }

  /**
   * Subtracts and deletes slot by slot, walking down from an empty slot (a cluster boundary) and
   * wrapping once, so that every entry a backward-shift deletion moves has already been visited.
   */
  private void deleteInPlace(long decrement) {
    int boundary = mask;
    while (cells[2 * boundary + 1] != 0) {
      boundary--;
    }
    for (int step = 0, slot = boundary; step <= mask; step++, slot = (slot - 1) & mask) {
      long count = cells[2 * slot + 1];
      if (count > decrement) {
        cells[2 * slot + 1] = count - decrement;
      } else if (count != 0) {
        deleteAt(slot);
      }
    }
  }

  /** Backward-shift deletion (Knuth's Algorithm R): no tombstones, probe chains stay short. */
  private void deleteAt(int hole) {
    for (int probe = (hole + 1) & mask; cells[2 * probe + 1] != 0; probe = (probe + 1) & mask) {
      int home = home(cells[2 * probe]);
      if (((probe - home) & mask) >= ((probe - hole) & mask)) {
        cells[2 * hole] = cells[2 * probe];
        cells[2 * hole + 1] = cells[2 * probe + 1];
        if (items != null) {
          items[hole] = items[probe];
        }
        hole = probe;
      }
    }
    cells[2 * hole] = 0;
    cells[2 * hole + 1] = 0;
    if (items != null) {
      items[hole] = null;
    }
  }

  /**
   * The purge buffer for {@code size} counters: their counters for selection, or the key, counter
   * and slot of each survivor when at most half survive (else the purge deletes in place).
   */
  private static int scratchLength(int size) {
    return Math.max(size + 1, 3 * (size / 2) + 3);
  }

  /** Moves the survivors (at most half) out, branch-free, clears the table and puts them back. */
  private void rebuildFromSurvivors(long decrement) {
    // survivors' key, counter and slot; then their items, only theirs (a reference store costs a
    // GC write barrier)
    int survivors = 0;
    for (int slot = 0; slot < length(); slot++) {
      long count = cells[2 * slot + 1] - decrement; // < 0 for an empty slot: decrement ≥ 1
      scratch[3 * survivors] = cells[2 * slot];
      scratch[3 * survivors + 1] = count;
      scratch[3 * survivors + 2] = slot;
      survivors += (int) (-count >>> 63);
    }
    Arrays.fill(cells, 0);
    if (items == null) {
      for (int i = 0; i < survivors; i++) {
        place(scratch[3 * i], scratch[3 * i + 1], null);
      }
      return;
    }
    for (int i = 0; i < survivors; i++) {
      scratchItems[i] = items[(int) scratch[3 * i + 2]];
    }
    Arrays.fill(items, null);
    for (int i = 0; i < survivors; i++) {
      place(scratch[3 * i], scratch[3 * i + 1], scratchItems[i]);
      scratchItems[i] = null;
    }
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

  /** The occupied slots in canonical order: counter descending, then serde hash ascending. */
  int[] slotsInCanonicalOrder() {
    long[] serdeHashes = new long[length()];
    Integer[] slots = new Integer[size];
    int n = 0;
    for (int slot = 0; slot < length(); slot++) {
      if (count(slot) != 0) {
        serdeHashes[slot] = serdeHash(slot);
        slots[n++] = slot;
      }
    }
    Arrays.sort(
        slots,
        (a, b) -> {
          int byCount = Long.compare(count(b), count(a));
          return byCount != 0 ? byCount : Long.compare(serdeHashes[a], serdeHashes[b]);
        });
    int[] result = new int[size];
    for (int i = 0; i < size; i++) {
      result[i] = slots[i];
    }
    return result;
  }

  CounterTable<T> copy() {
    return new CounterTable<>(this);
  }
}
