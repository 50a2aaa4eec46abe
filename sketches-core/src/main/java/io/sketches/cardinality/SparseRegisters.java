package io.sketches.cardinality;

import java.util.Arrays;

/**
 * The entries of a sparse HyperLogLog: an open-addressing hash table of {@code key << 6 | value}
 * tokens, at most half full, where the key is a 24-bit fine register index and the value is 0..63
 * (0 marks a free slot only together with key 0, whose value is always ≥ 1). The sketch turns dense
 * once it holds more than m/8 entries, so the table never costs more than the m bytes of dense
 * registers.
 */
final class SparseRegisters {
  static final int VALUE_BITS = 6;
  static final int VALUE_MASK = (1 << VALUE_BITS) - 1;
  private static final int INITIAL_SLOTS = 8;

  private int[] slots;
  private int size;

  SparseRegisters() {
    slots = new int[INITIAL_SLOTS];
  }

  private SparseRegisters(int[] slots, int size) {
    this.slots = slots;
    this.size = size;
  }

  SparseRegisters copy() {
    return new SparseRegisters(slots.clone(), size);
  }

  /** Returned by {@link #raise} for a key that was not held. */
  static final int ABSENT = -1;

  /** The number of entries held. */
  int size() {
    return size;
  }

  /**
   * Inserts {@code index} with {@code value}, or raises its value if that is larger, and returns
   * the previous value, or {@link #ABSENT}.
   */
  int raise(int index, int value) {
    int mask = slots.length - 1;
    int slot = slotOf(index, mask);
    while (true) {
      int token = slots[slot];
      if (token == 0) {
        slots[slot] = index << VALUE_BITS | value;
        if (++size * 2 > slots.length) {
          grow();
        }
        return ABSENT;
      }
      if (token >>> VALUE_BITS == index) {
        int old = token & VALUE_MASK;
        if (value > old) {
          slots[slot] = index << VALUE_BITS | value;
        }
        return old;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The held tokens sorted by register index (the canonical order of the serialized form). */
  int[] sortedTokens() {
    int[] tokens = tokens();
    Arrays.sort(tokens);
    return tokens;
  }

  /** The held tokens in table order, for folds where the order does not matter. */
  int[] tokens() {
    int[] tokens = new int[size];
    int count = 0;
    for (int token : slots) {
      if (token != 0) {
        tokens[count++] = token;
      }
    }
    return tokens;
  }

  private void grow() {
    int[] old = slots;
    slots = new int[old.length * 2];
    int mask = slots.length - 1;
    for (int token : old) {
      if (token != 0) {
        int slot = slotOf(token >>> VALUE_BITS, mask);
        while (slots[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = token;
      }
    }
  }

  private static int slotOf(int index, int mask) {
    // Fibonacci hashing: indexes from crafted hashes may be clustered; spread them.
    return (index * 0x9E3779B9 >>> 16) & mask;
  }
}
