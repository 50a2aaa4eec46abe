package io.sketches.spark;

import io.sketches.SketchFormatException;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.cardinality.HyperLogLogParts;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The fixed-width aggregation buffer of {@code sk_hll} and {@code sk_distinct} ({@link
 * HllAggregate}): a HyperLogLog of precision p kept in 1 + m/8 BIGINT fields of Spark's
 * aggregation buffer row, so that Spark aggregates it in its hash map of fixed-width rows
 * ({@code HashAggregateExec}), as it does {@code approx_count_distinct}. Same parts, same rules as
 * {@link HyperLogLog} ({@link HyperLogLogParts}), so the sketch assembled from the buffer is the
 * core sketch of the same items, byte for byte.
 *
 * <pre>
 * field 0       header: bits 63..24 tag 0x534B484C01 ("SKHL", layout version 1),
 *                       bits 22..17 precision p, bit 16 dense, bits 15..0 sparse entry count
 * fields 1..m/8 body, while sparse: an open-addressing hash table of m/4 int slots (slot s in
 *                       field 1 + s/2, low half if s is even), each 0 (free) or a sparse entry
 *                       fineIndex &lt;&lt; 6 | fineValue (never 0), at most m/8 entries: half full
 *               body, once dense: the m one-byte registers, register i in byte i mod 8
 *                       (little-endian) of field 1 + i/8
 * </pre>
 *
 * Both bodies fill the same m bytes, so turning dense happens in place. A row whose header does
 * not carry the tag and this precision was not written by this function (a checkpoint of another
 * query, or of another layout version): {@link #check} refuses it with a {@link
 * SketchFormatException}. Spark's own state-schema check refuses a checkpoint whose buffer has
 * another number or type of fields before that.
 */
final class HllBuffer {
  static final long TAG = 0x534B484C01L;
  private static final int TAG_SHIFT = 24;
  private static final int PRECISION_SHIFT = 17;
  private static final long DENSE = 1L << 16;
  private static final long COUNT_MASK = DENSE - 1;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final String function;
  private final int precision;
  /** Body fields: m/8. */
  private final int words;
  private final int slotMask;
  private final int sparseLimit;
  private final long emptyHeader;
  /** Scratch for turning dense: the sparse entries. */
  private final int[] entries;

  HllBuffer(String function, int precision) {
    this.function = function;
    this.precision = precision;
    this.words = (1 << precision) / 8;
    this.slotMask = 2 * words - 1;
    this.sparseLimit = HyperLogLogParts.sparseLimit(precision);
    this.emptyHeader = TAG << TAG_SHIFT | (long) precision << PRECISION_SHIFT;
    this.entries = new int[sparseLimit];
  }

  /** The number of BIGINT fields: the header and m/8 body fields. */
  static int fields(int precision) {
    return 1 + (1 << precision) / 8;
  }

  /** Sets the buffer at {@code at} to the empty sketch. */
  void initialize(InternalRow row, int at) {
    row.setLong(at, emptyHeader);
    for (int i = 1; i <= words; i++) {
      row.setLong(at + i, 0L);
    }
  }

  /** Counts one item by its {@link io.sketches.hash.ItemHash}. */
  void update(InternalRow row, int at, long hash) {
    long header = row.getLong(at);
    if ((header & DENSE) != 0) {
      raiseRegister(row, at, HyperLogLogParts.registerIndex(precision, hash),
          HyperLogLogParts.registerValue(precision, hash));
    } else {
      addEntry(row, at, header, HyperLogLogParts.sparseEntry(precision, hash));
    }
  }

  /** Folds the buffer at {@code from} of {@code input} into the buffer at {@code at}. */
  void merge(InternalRow row, int at, InternalRow input, int from) {
    long theirs = check(input, from);
    if ((theirs & DENSE) != 0) {
      long header = check(row, at);
      if ((header & DENSE) == 0) {
        densify(row, at, header);
      }
      // Eight registers at a time (SWAR): values are < 128, so (a | 0x80) − b never borrows
      // across bytes and its high bit says a ≥ b.
      for (int i = 1; i <= words; i++) {
        long a = row.getLong(at + i);
        long b = input.getLong(from + i);
        long keepMine = ((((a | HIGH_BITS) - b) & HIGH_BITS) >>> 7) * 0xFF;
        long max = (a & keepMine) | (b & ~keepMine);
        if (max != a) {
          row.setLong(at + i, max);
        }
      }
    } else if ((theirs & COUNT_MASK) != 0) {
      for (int i = 1; i <= words; i++) {
        long pair = input.getLong(from + i);
        if ((int) pair != 0) {
          addEntry(row, at, row.getLong(at), (int) pair);
        }
        if ((int) (pair >>> 32) != 0) {
          addEntry(row, at, row.getLong(at), (int) (pair >>> 32));
        }
      }
    }
  }

  /** The core sketch of the buffer at {@code at}. */
  HyperLogLog toSketch(InternalRow row, int at) {
    long header = check(row, at);
    try {
      if ((header & DENSE) != 0) {
        byte[] registers = new byte[1 << precision];
        for (int i = 0; i < words; i++) {
          long word = row.getLong(at + 1 + i);
          for (int b = 0; b < Long.BYTES; b++) {
            registers[i * Long.BYTES + b] = (byte) (word >>> (b * Byte.SIZE));
          }
        }
        return HyperLogLogParts.ofRegisters(precision, registers);
      }
      int count = collectEntries(row, at);
      if (count != (int) (header & COUNT_MASK)) {
        throw new IllegalArgumentException("the header counts " + (header & COUNT_MASK)
            + " sparse entries, the table holds " + count);
      }
      return HyperLogLogParts.ofSparseEntries(precision, entries, count);
    } catch (IllegalArgumentException e) {
      throw foreign(e.getMessage());
    }
  }

  /**
   * The header of the buffer at {@code at}, after checking that this function wrote it.
   *
   * @throws SketchFormatException if it did not
   */
  long check(InternalRow row, int at) {
    if (row.isNullAt(at)) {
      throw foreign("the header field is NULL");
    }
    long header = row.getLong(at);
    if (header >>> TAG_SHIFT != TAG) {
      throw foreign(String.format("header 0x%016x lacks the tag 0x%x", header, TAG));
    }
    int p = (int) (header >>> PRECISION_SHIFT) & 0x3F;
    if (p != precision || (header & (1L << 23)) != 0) {
      throw foreign(String.format("header 0x%016x is of precision %d, not %d", header, p,
          precision));
    }
    long count = header & COUNT_MASK;
    if (count > sparseLimit || (header & DENSE) != 0 && count != 0) {
      throw foreign(String.format("header 0x%016x counts %d sparse entries (at most %d)", header,
          count, sparseLimit));
    }
    return header;
  }

  private SketchFormatException foreign(String detail) {
    return new SketchFormatException("the aggregation state of " + function + " is not a buffer"
        + " this function wrote (a checkpoint from another query, or of another layout?): "
        + detail);
  }

  /** Adds or raises a sparse entry; turns the buffer dense instead of adding entry m/8 + 1. */
  private void addEntry(InternalRow row, int at, long header, int entry) {
    if ((header & DENSE) != 0) {
      raiseRegister(row, at, HyperLogLogParts.entryRegisterIndex(precision, entry),
          HyperLogLogParts.entryRegisterValue(precision, entry));
      return;
    }
    int fineIndex = entry >>> HyperLogLogParts.ENTRY_VALUE_BITS;
    // Fibonacci hashing, as the core's table: crafted hashes may cluster fine indexes.
    int slot = (fineIndex * 0x9E3779B9 >>> 16) & slotMask;
    while (true) {
      int field = at + 1 + (slot >>> 1);
      int shift = (slot & 1) << 5;
      long pair = row.getLong(field);
      int token = (int) (pair >>> shift);
      if (token == 0) {
        if ((header & COUNT_MASK) == sparseLimit) {
          densify(row, at, header);
          raiseRegister(row, at, HyperLogLogParts.entryRegisterIndex(precision, entry),
              HyperLogLogParts.entryRegisterValue(precision, entry));
        } else {
          row.setLong(field, pair | (entry & 0xFFFFFFFFL) << shift);
          row.setLong(at, header + 1);
        }
        return;
      }
      if (token >>> HyperLogLogParts.ENTRY_VALUE_BITS == fineIndex) {
        if (entry > token) { // same fine index: the larger value
          row.setLong(field, pair & ~(0xFFFFFFFFL << shift) | (entry & 0xFFFFFFFFL) << shift);
        }
        return;
      }
      slot = (slot + 1) & slotMask;
    }
  }

  private void raiseRegister(InternalRow row, int at, int index, int value) {
    int field = at + 1 + (index >>> 3);
    int shift = (index & 7) << 3;
    long word = row.getLong(field);
    int old = (int) (word >>> shift) & 0xFF;
    if (value > old) {
      row.setLong(field, word + ((long) (value - old) << shift));
    }
  }

  /** Copies the table's entries into {@link #entries}; returns how many there are. */
  private int collectEntries(InternalRow row, int at) {
    int count = 0;
    for (int i = 1; i <= words; i++) {
      long pair = row.getLong(at + i);
      for (int half = 0; half < 2; half++) {
        int token = (int) (pair >>> (half << 5));
        if (token != 0) {
          if (count == sparseLimit) {
            throw new IllegalArgumentException("the sparse table holds more than "
                + sparseLimit + " entries");
          }
          entries[count++] = token;
        }
      }
    }
    return count;
  }

  /** Replaces the sparse table by the registers its entries stand for. */
  private void densify(InternalRow row, int at, long header) {
    int count = collectEntries(row, at);
    for (int i = 1; i <= words; i++) {
      row.setLong(at + i, 0L);
    }
    row.setLong(at, header & ~COUNT_MASK | DENSE);
    for (int i = 0; i < count; i++) {
      raiseRegister(row, at, HyperLogLogParts.entryRegisterIndex(precision, entries[i]),
          HyperLogLogParts.entryRegisterValue(precision, entries[i]));
    }
  }
}
