package io.sketches.internal.hll;

/**
 * The sparse representation of a HyperLogLog (Heule, Nunkesser, Hall 2013): an open-addressing hash
 * table of entries {@code fineIndex << 6 | fineValue} ({@link HllLayout}) with linear probing from
 * a Fibonacci-hashed home slot, kept at most half full by its store. An empty slot is 0, which no
 * entry is: the one entry of fine index 0 has a fine value ≥ 1.
 *
 * <p>The probe is written once here; a final subclass per store supplies the slots — an {@code
 * int[]} that grows in the core sketch, a fixed slice of an engine's buffer row — so the JIT
 * inlines the accessors into the loop.
 *
 * <p>Not public API (see the package documentation).
 */
public abstract class FineEntryTable {
  /** Returned by {@link #raise} for a fine index that was not held (and was inserted). */
  public static final int ABSENT = -1;

  /** Returned by {@link #raise} for a new fine index that the store refused (it is full). */
  public static final int REFUSED = -2;

  /** The number of slots, a power of two. */
  protected abstract int slotCount();

  /** The entry in slot t, or 0 if the slot is free. */
  protected abstract int slot(int t);

  /** Writes {@code entry} into slot t (a larger value for the fine index held, or a free slot). */
  protected abstract void store(int t, int entry);

  /**
   * Puts a new entry into the free slot t, or refuses it (returns false) if the store holds all the
   * entries it may; a store that grows may move entries.
   */
  protected abstract boolean insert(int t, int entry);

  /**
   * Inserts {@code entry}, or raises the fine value held for its fine index if the entry's is
   * larger, and returns the previous fine value, {@link #ABSENT} if the fine index was new, or
   * {@link #REFUSED} if it was new and the store is full.
   */
  public final int raise(int entry) {
    int fineIndex = entry >>> HllLayout.VALUE_BITS;
    int mask = slotCount() - 1;
    int t = HllLayout.homeSlot(fineIndex, mask);
    while (true) {
      int held = slot(t);
      if (held == 0) {
        return insert(t, entry) ? ABSENT : REFUSED;
      }
      if (held >>> HllLayout.VALUE_BITS == fineIndex) {
        if (entry > held) { // same fine index: the larger value
          store(t, entry);
        }
        return held & HllLayout.VALUE_MASK;
      }
      t = (t + 1) & mask;
    }
  }

  /**
   * Copies the held entries, in table order, into {@code into} and returns how many there are.
   *
   * @throws IllegalArgumentException if the table holds more than {@code into.length}
   */
  public final int entries(int[] into) {
    int count = 0;
    int slots = slotCount();
    for (int t = 0; t < slots; t++) {
      int entry = slot(t);
      if (entry != 0) {
        if (count == into.length) {
          throw new IllegalArgumentException(
              "the sparse table holds more than " + into.length + " entries");
        }
        into[count++] = entry;
      }
    }
    return count;
  }

  /**
   * Stores an entry in the first free slot from its home, uncounted: for rehashing into a larger
   * store.
   */
  protected final void place(int entry) {
    int mask = slotCount() - 1;
    int t = HllLayout.homeSlot(entry >>> HllLayout.VALUE_BITS, mask);
    while (slot(t) != 0) {
      t = (t + 1) & mask;
    }
    store(t, entry);
  }
}
