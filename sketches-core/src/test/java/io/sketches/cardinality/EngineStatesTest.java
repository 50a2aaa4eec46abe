package io.sketches.cardinality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.hash.ItemHash;
import io.sketches.internal.hll.HllLayout;
import io.sketches.internal.hll.HllSketches;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An engine that keeps the parts with the documented rules assembles the core sketch, and the
 * factories refuse parts that no sketch has.
 */
class EngineStatesTest {

  /**
   * The rules of {@link HllLayout}, kept in plain Java collections, assembled by {@link
   * HllSketches}.
   */
  private static HyperLogLog viaParts(int p, long[] hashes) {
    TreeMap<Integer, Integer> sparse = new TreeMap<>(); // fine index -> entry
    byte[] registers = null;
    for (long hash : hashes) {
      if (registers != null) {
        int i = HllLayout.registerIndex(p, hash);
        registers[i] = (byte) Math.max(registers[i], HllLayout.registerValue(p, hash));
        continue;
      }
      int entry = HllLayout.entry(p, hash);
      int key = entry >>> HllLayout.VALUE_BITS;
      if (!sparse.containsKey(key) && sparse.size() == HllLayout.sparseLimit(p)) {
        registers = new byte[1 << p];
        sparse.put(key, entry);
        for (int e : sparse.values()) {
          int i = HllLayout.entryRegisterIndex(p, e);
          registers[i] = (byte) Math.max(registers[i], HllLayout.entryRegisterValue(p, e));
        }
      } else {
        sparse.merge(key, entry, Math::max);
      }
    }
    if (registers != null) {
      return HllSketches.ofRegisters(p, registers);
    }
    int[] entries = sparse.descendingMap().values().stream().mapToInt(Integer::intValue).toArray();
    return HllSketches.ofSparseEntries(p, entries, entries.length);
  }

  @Test
  void partsAssembleTheCoreSketchSparseAndDense() {
    Random random = new Random(8);
    for (int p : new int[] {4, 5, 9, 12, 18}) {
      for (int n : new int[] {0, 1, (1 << p) / 8, (1 << p) / 8 + 1, 3 << p}) {
        long[] hashes = new long[2 * n];
        HyperLogLog core = HyperLogLog.create(p);
        for (int i = 0; i < hashes.length; i++) {
          hashes[i] = ItemHash.hash((long) random.nextInt(Math.max(n, 1)) + 1000L * p);
          core.updateHash(hashes[i]);
        }
        HyperLogLog parts = viaParts(p, hashes);
        core.discardMartingale();
        assertArrayEquals(core.toByteArray(), parts.toByteArray(), "p=" + p + ", n=" + n);
        assertEquals(core.estimate(), parts.estimate(), "p=" + p + ", n=" + n);
      }
    }
  }

  @Test
  void factoriesRefuseWhatNoSketchHas() {
    assertMessage("precision must be in [4, 18]: 3", () -> HllSketches.ofRegisters(3, new byte[8]));
    assertMessage(
        "a sketch of precision 4 has 16 registers: 15",
        () -> HllSketches.ofRegisters(4, new byte[15]));
    byte[] high = new byte[16];
    high[3] = 62;
    assertMessage("register 3 must be in [0, 61]: 62", () -> HllSketches.ofRegisters(4, high));
    assertMessage(
        "a dense sketch has a non-zero register", () -> HllSketches.ofRegisters(4, new byte[16]));
    assertMessage(
        "count must be in [0, 2]: 3", () -> HllSketches.ofSparseEntries(4, new int[8], 3));
    // fine index 1 at p = 4: its low bits determine the register value, so the fine value is 0
    assertMessage(
        "fine value of sparse entry 69 must be 0: 5",
        () -> HllSketches.ofSparseEntries(4, new int[] {1 << 6 | 5}, 1));
    assertMessage(
        "fine value of sparse entry 0 must be in [1, 41]: 0",
        () -> HllSketches.ofSparseEntries(4, new int[] {0}, 1));
    assertMessage(
        "fine index 0 appears twice", () -> HllSketches.ofSparseEntries(4, new int[] {3, 4}, 2));
    assertMessage(
        "a sparse entry has a 24-bit fine index: " + (1 << 30),
        () -> HllSketches.ofSparseEntries(4, new int[] {1 << 30}, 1));
  }

  private static void assertMessage(String message, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().equals(message), e.getMessage());
  }
}
