package io.sketches.spark.aggregate;

import io.sketches.SketchFormatException;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.cardinality.HyperLogLogParts;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The fixed-width aggregation buffer of {@code sk_hll} and {@code sk_distinct} ({@link
 * HllAggregate}): a HyperLogLog of precision p kept in 1 + s + m/8 BIGINT fields of Spark's
 * aggregation buffer row (s = 8 staged-raise fields from precision 11, else 0), so that Spark
 * aggregates it in its hash map of fixed-width rows ({@code HashAggregateExec}), as it does {@code
 * approx_count_distinct}. Same parts, same rules as {@link HyperLogLog} ({@link
 * HyperLogLogParts}), so the sketch assembled from the buffer is the core sketch of the same
 * items, byte for byte.
 *
 * <pre>
 * field 0           header: bits 63..24 tag 0x534B484C02 ("SKHL", layout version 2),
 *                           bits 22..17 precision p, bit 16 dense, bits 15..0 the sparse entry
 *                           count while sparse, the number of staged raises (≤ s) once dense
 * fields 1..s       staged raises, once dense: the first (count) fields each hold one pending
 *                           register raise, registerIndex &lt;&lt; 6 | value; the rest are ignored
 * fields s+1..s+m/8 body, while sparse: an open-addressing hash table of m/4 int slots (slot t in
 *                           field s + 1 + t/2, low half if t is even), each 0 (free) or a sparse
 *                           entry fineIndex &lt;&lt; 6 | fineValue (never 0), at most m/8 entries
 *                   body, once dense: the m one-byte registers, register i in byte i mod 8
 *                           (little-endian) of field s + 1 + i/8
 * </pre>
 *
 * <p><b>Why staged raises.</b> With many groups per task the registers of all groups do not stay
 * in a core's cache from 2 KiB a group (p = 11), and a raise per row waits for one cache miss
 * after another. A dense update there appends its raise next to the header (a line the hash map
 * lookup has just touched) and applies eight at a time: independent loads the processor overlaps.
 * A staged raise is a pending maximum, so applying it later gives the same registers. Below
 * p = 11 the registers stay cached and a raise per row is cheaper.
 *
 * <p>Both bodies fill the same m bytes, so turning dense happens in place. A row whose header does
 * not carry the tag and this precision was not written by this function (a checkpoint of another
 * query, or of another layout version): {@link #check} refuses it with a {@link
 * SketchFormatException}. Spark's own state-schema check refuses a checkpoint whose buffer has
 * another number or type of fields before that.
 */
final class HllBuffer {
  static final long TAG = 0x534B484C02L;
  /** Fields of staged raises between the header and the body, from {@link #STAGING_PRECISION}. */
  static final int STAGED = 8;
  /**
   * The smallest precision that stages raises: from 2 KiB of registers a group, 1,000 groups
   * leave a core's cache; below, the registers stay cached and a raise per row is cheaper.
   */
  static final int STAGING_PRECISION = 11;
  private static final int TAG_SHIFT = 24;
  private static final int PRECISION_SHIFT = 17;
  private static final long DENSE = 1L << 16;
  private static final long COUNT_MASK = DENSE - 1;
  private static final long HIGH_BITS = 0x8080808080808080L;
  /** A staged raise is registerIndex << VALUE_BITS | value. */
  private static final int VALUE_BITS = 6;
  private static final int VALUE_MASK = (1 << VALUE_BITS) - 1;

  private final String function;
  private final int precision;
  /** Body fields: m/8. */
  private final int words;
  private final int slotMask;
  private final int sparseLimit;
  private final long emptyHeader;
  /** Staged raise fields: {@link #STAGED} from {@link #STAGING_PRECISION}, else none. */
  private final int staged;
  /** Offset of the body from the header: 1 + staged. */
  private final int body;
  /** Scratch for turning dense: the sparse entries. */
  private final int[] entries;

  HllBuffer(String function, int precision) {
    this.function = function;
    this.precision = precision;
    this.words = (1 << precision) / 8;
    this.slotMask = 2 * words - 1;
    this.sparseLimit = HyperLogLogParts.sparseLimit(precision);
    this.emptyHeader = TAG << TAG_SHIFT | (long) precision << PRECISION_SHIFT;
    this.staged = stagedFields(precision);
    this.body = 1 + staged;
    this.entries = new int[sparseLimit];
  }

  private static int stagedFields(int precision) {
    return precision >= STAGING_PRECISION ? STAGED : 0;
  }

  /** The number of BIGINT fields: the header, the staged raises and m/8 body fields. */
  static int fields(int precision) {
    return 1 + stagedFields(precision) + (1 << precision) / 8;
  }

  /** Sets the buffer at {@code at} to the empty sketch. */
  void initialize(InternalRow row, int at) {
    row.setLong(at, emptyHeader);
    for (int i = 1; i < body + words; i++) {
      row.setLong(at + i, 0L);
    }
  }

  /** Counts one item by its {@link io.sketches.hash.ItemHash}. */
  void update(InternalRow row, int at, long hash) {
    long header = row.getLong(at);
    if ((header & DENSE) == 0) {
      addEntry(row, at, header, HyperLogLogParts.sparseEntry(precision, hash));
    } else if (staged == 0) {
      raiseRegister(row, at, HyperLogLogParts.registerIndex(precision, hash),
          HyperLogLogParts.registerValue(precision, hash));
    } else {
      stage(row, at, header, HyperLogLogParts.registerIndex(precision, hash) << VALUE_BITS
          | HyperLogLogParts.registerValue(precision, hash));
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
      for (int i = body; i < body + words; i++) {
        long a = row.getLong(at + i);
        long b = input.getLong(from + i);
        long keepMine = ((((a | HIGH_BITS) - b) & HIGH_BITS) >>> 7) * 0xFF;
        long max = (a & keepMine) | (b & ~keepMine);
        if (max != a) {
          row.setLong(at + i, max);
        }
      }
      for (int i = 1; i <= (int) (theirs & COUNT_MASK); i++) {
        applyRaise(row, at, (int) input.getLong(from + i));
      }
    } else if ((theirs & COUNT_MASK) != 0) {
      for (int i = body; i < body + words; i++) {
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
          long word = row.getLong(at + body + i);
          for (int b = 0; b < Long.BYTES; b++) {
            registers[i * Long.BYTES + b] = (byte) (word >>> (b * Byte.SIZE));
          }
        }
        for (int i = 1; i <= (int) (header & COUNT_MASK); i++) {
          int raise = (int) row.getLong(at + i);
          int index = raise >>> VALUE_BITS;
          registers[index] = (byte) Math.max(registers[index], raise & VALUE_MASK);
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
   * The header of the buffer at {@code at}, after checking that this function wrote it, and, once
   * dense, that its staged raises name registers of this precision with possible values.
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
    boolean dense = (header & DENSE) != 0;
    if (count > (dense ? staged : sparseLimit)) {
      throw foreign(String.format("header 0x%016x counts %d %s (at most %d)", header, count,
          dense ? "staged raises" : "sparse entries", dense ? staged : sparseLimit));
    }
    for (int i = 1; dense && i <= count; i++) {
      long raise = row.getLong(at + i);
      long value = raise & VALUE_MASK;
      if (raise >>> VALUE_BITS >= 1L << precision || value == 0 || value > 65 - precision) {
        throw foreign(String.format("staged raise 0x%x is no register value of precision %d",
            raise, precision));
      }
    }
    return header;
  }

  private SketchFormatException foreign(String detail) {
    return new SketchFormatException("the aggregation state of " + function + " is not a buffer"
        + " this function wrote (a checkpoint from another query, or of another layout?): "
        + detail);
  }

  /**
   * Appends a raise (registerIndex &lt;&lt; 6 | value) to the staged ones of a dense buffer; when
   * all {@link #STAGED} fields are taken, applies them and this one to the registers.
   */
  private void stage(InternalRow row, int at, long header, int raise) {
    int count = (int) (header & COUNT_MASK);
    if (count < staged) {
      row.setLong(at + 1 + count, raise);
      row.setLong(at, header + 1);
      return;
    }
    // independent loads: the processor overlaps their cache misses
    for (int i = 1; i <= staged; i++) {
      applyRaise(row, at, (int) row.getLong(at + i));
    }
    applyRaise(row, at, raise);
    row.setLong(at, header & ~COUNT_MASK);
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
      int field = at + body + (slot >>> 1);
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

  /** Applies a staged raise, registerIndex &lt;&lt; 6 | value. */
  private void applyRaise(InternalRow row, int at, int raise) {
    raiseRegister(row, at, raise >>> VALUE_BITS, raise & VALUE_MASK);
  }

  private void raiseRegister(InternalRow row, int at, int index, int value) {
    int field = at + body + (index >>> 3);
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
    for (int i = body; i < body + words; i++) {
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

  /** Replaces the sparse table by the registers its entries stand for; no raise is staged. */
  private void densify(InternalRow row, int at, long header) {
    int count = collectEntries(row, at);
    for (int i = body; i < body + words; i++) {
      row.setLong(at + i, 0L);
    }
    row.setLong(at, header & ~COUNT_MASK | DENSE);
    for (int i = 0; i < count; i++) {
      raiseRegister(row, at, HyperLogLogParts.entryRegisterIndex(precision, entries[i]),
          HyperLogLogParts.entryRegisterValue(precision, entries[i]));
    }
  }
}
