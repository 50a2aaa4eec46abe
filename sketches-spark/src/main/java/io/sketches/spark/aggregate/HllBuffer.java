package io.sketches.spark.aggregate;

import io.sketches.SketchFormatException;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.internal.hll.ByteArrayRegisters;
import io.sketches.internal.hll.FineEntryTable;
import io.sketches.internal.hll.HllLayout;
import io.sketches.internal.hll.HllSketches;
import io.sketches.internal.hll.RegisterWords;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The fixed-width aggregation buffer of {@code sk_hll} and {@code sk_distinct} ({@link
 * HllAggregate}): a HyperLogLog of precision p kept in 1 + s + m/8 BIGINT fields of Spark's
 * aggregation buffer row (s = 8 staged-raise fields from precision 11, else 0), so that Spark
 * aggregates it in its hash map of fixed-width rows ({@code HashAggregateExec}), as it does {@code
 * approx_count_distinct}. An adapter over the core's register code: the sparse table probe, the
 * register raise, densify and the register-wise maximum are the core's ({@link FineEntryTable},
 * {@link RegisterWords}, layout {@link HllLayout}) over stores that are slices of the row ({@link
 * RowEntryTable}, {@link RowRegisters}), so the sketch assembled from the buffer ({@link
 * HllSketches}) is the core sketch of the same items, byte for byte. Only the staged raises are the
 * buffer's own.
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
 * <p><b>Why staged raises.</b> With many groups per task the registers of all groups do not stay in
 * a core's cache from 2 KiB a group (p = 11), and a raise per row waits for one cache miss after
 * another. A dense update there appends its raise next to the header (a line the hash map lookup
 * has just touched) and applies eight at a time: independent loads the processor overlaps. A staged
 * raise is a pending maximum, so applying it later gives the same registers. Below p = 11 the
 * registers stay cached and a raise per row is cheaper.
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
   * The smallest precision that stages raises: from 2 KiB of registers a group, 1,000 groups leave
   * a core's cache; below, the registers stay cached and a raise per row is cheaper.
   */
  static final int STAGING_PRECISION = 11;

  private static final int TAG_SHIFT = 24;
  private static final int PRECISION_SHIFT = 17;
  private static final long DENSE = 1L << 16;
  private static final long COUNT_MASK = DENSE - 1;

  /** A staged raise is registerIndex << VALUE_BITS | value. */
  private static final int VALUE_BITS = HllLayout.VALUE_BITS;

  private static final int VALUE_MASK = HllLayout.VALUE_MASK;

  private final String function;
  private final int precision;

  /** Body fields: m/8. */
  private final int words;

  private final int sparseLimit;
  private final long emptyHeader;

  /** Staged raise fields: {@link #STAGED} from {@link #STAGING_PRECISION}, else none. */
  private final int staged;

  /** Offset of the body from the header: 1 + staged. */
  private final int body;

  /** Scratch for turning dense: the sparse entries. */
  private final int[] entries;

  /** Views of the buffer being updated, pointed at its row before each use. */
  private final RowEntryTable table;

  private final RowRegisters registers;

  /** A view of the dense buffer being merged in. */
  private final RowRegisters theirRegisters;

  HllBuffer(String function, int precision) {
    this.function = function;
    this.precision = precision;
    this.words = (1 << precision) / 8;
    this.sparseLimit = HllLayout.sparseLimit(precision);
    this.emptyHeader = TAG << TAG_SHIFT | (long) precision << PRECISION_SHIFT;
    this.staged = stagedFields(precision);
    this.body = 1 + staged;
    this.entries = new int[sparseLimit];
    this.table = new RowEntryTable(body, words, sparseLimit);
    this.registers = new RowRegisters(words);
    this.theirRegisters = new RowRegisters(words);
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
      addEntry(row, at, HllLayout.entry(precision, hash));
    } else if (staged == 0) {
      registers(row, at)
          .raise(
              HllLayout.registerIndex(precision, hash), HllLayout.registerValue(precision, hash));
    } else {
      stage(
          row,
          at,
          header,
          HllLayout.registerIndex(precision, hash) << VALUE_BITS
              | HllLayout.registerValue(precision, hash));
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
      RegisterWords mine = registers(row, at);
      mine.maxWith(theirRegisters.point(input, from + body));
      for (int i = 1; i <= (int) (theirs & COUNT_MASK); i++) {
        applyRaise(mine, (int) input.getLong(from + i));
      }
    } else if ((theirs & COUNT_MASK) != 0) {
      for (int i = body; i < body + words; i++) { // their slots, two to a field
        long pair = input.getLong(from + i);
        if ((int) pair != 0) {
          addEntry(row, at, (int) pair);
        }
        if ((int) (pair >>> 32) != 0) {
          addEntry(row, at, (int) (pair >>> 32));
        }
      }
    }
  }

  /** The core sketch of the buffer at {@code at}. */
  HyperLogLog toSketch(InternalRow row, int at) {
    long header = check(row, at);
    try {
      if ((header & DENSE) != 0) {
        ByteArrayRegisters copy = new ByteArrayRegisters(new byte[1 << precision]);
        copy.maxWith(registers(row, at)); // the maximum with zeros: a copy, eight at a time
        for (int i = 1; i <= (int) (header & COUNT_MASK); i++) {
          applyRaise(copy, (int) row.getLong(at + i));
        }
        return HllSketches.ofRegisters(precision, copy.bytes());
      }
      int count = table.point(row, at).entries(entries);
      if (count != (int) (header & COUNT_MASK)) {
        throw new IllegalArgumentException(
            "the header counts "
                + (header & COUNT_MASK)
                + " sparse entries, the table holds "
                + count);
      }
      return HllSketches.ofSparseEntries(precision, entries, count);
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
      throw foreign(
          String.format("header 0x%016x is of precision %d, not %d", header, p, precision));
    }
    long count = header & COUNT_MASK;
    boolean dense = (header & DENSE) != 0;
    if (count > (dense ? staged : sparseLimit)) {
      throw foreign(
          String.format(
              "header 0x%016x counts %d %s (at most %d)",
              header,
              count,
              dense ? "staged raises" : "sparse entries",
              dense ? staged : sparseLimit));
    }
    for (int i = 1; dense && i <= count; i++) {
      long raise = row.getLong(at + i);
      long value = raise & VALUE_MASK;
      if (raise >>> VALUE_BITS >= 1L << precision || value == 0 || value > 65 - precision) {
        throw foreign(
            String.format(
                "staged raise 0x%x is no register value of precision %d", raise, precision));
      }
    }
    return header;
  }

  private SketchFormatException foreign(String detail) {
    return new SketchFormatException(
        "the aggregation state of "
            + function
            + " is not a buffer"
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
    RegisterWords mine = registers(row, at);
    // independent loads: the processor overlaps their cache misses
    for (int i = 1; i <= staged; i++) {
      applyRaise(mine, (int) row.getLong(at + i));
    }
    applyRaise(mine, raise);
    row.setLong(at, header & ~COUNT_MASK);
  }

  /** Adds or raises a sparse entry; turns the buffer dense instead of adding entry m/8 + 1. */
  private void addEntry(InternalRow row, int at, int entry) {
    long header = row.getLong(at);
    if ((header & DENSE) == 0) {
      if (table.point(row, at).raise(entry) != FineEntryTable.REFUSED) {
        return;
      }
      densify(row, at, header);
    }
    registers(row, at).raiseEntry(precision, entry);
  }

  /** Applies a staged raise, registerIndex &lt;&lt; 6 | value. */
  private static void applyRaise(RegisterWords registers, int raise) {
    registers.raise(raise >>> VALUE_BITS, raise & VALUE_MASK);
  }

  private RowRegisters registers(InternalRow row, int at) {
    return registers.point(row, at + body);
  }

  /** Replaces the sparse table by the registers its entries stand for; no raise is staged. */
  private void densify(InternalRow row, int at, long header) {
    int count = table.point(row, at).entries(entries);
    for (int i = body; i < body + words; i++) {
      row.setLong(at + i, 0L);
    }
    row.setLong(at, header & ~COUNT_MASK | DENSE);
    registers(row, at).raiseEntries(precision, entries, count);
  }

  /**
   * The sparse body as the core's table: m/4 int slots, slot t in the low (t even) or high half of
   * body field t/2; the entry count in the header, which refuses entry m/8 + 1.
   */
  private static final class RowEntryTable extends FineEntryTable {
    private final int body;
    private final int slots;
    private final int limit;
    private InternalRow row;
    private int at;

    RowEntryTable(int body, int words, int limit) {
      this.body = body;
      this.slots = 2 * words;
      this.limit = limit;
    }

    RowEntryTable point(InternalRow buffer, int header) {
      this.row = buffer;
      this.at = header;
      return this;
    }

    @Override
    protected int slotCount() {
      return slots;
    }

    @Override
    protected int slot(int t) {
      return (int) (row.getLong(at + body + (t >>> 1)) >>> ((t & 1) << 5));
    }

    @Override
    protected void store(int t, int entry) {
      int field = at + body + (t >>> 1);
      int shift = (t & 1) << 5;
      long pair = row.getLong(field);
      row.setLong(field, pair & ~(0xFFFFFFFFL << shift) | (entry & 0xFFFFFFFFL) << shift);
    }

    @Override
    protected boolean insert(int t, int entry) {
      long header = row.getLong(at);
      if ((header & COUNT_MASK) == limit) {
        return false;
      }
      store(t, entry);
      row.setLong(at, header + 1);
      return true;
    }
  }

  /** The dense body as the core's registers: register i in byte i mod 8 of body field i/8. */
  private static final class RowRegisters extends RegisterWords {
    private final int words;
    private InternalRow row;
    private int base;

    RowRegisters(int words) {
      this.words = words;
    }

    RowRegisters point(InternalRow buffer, int body) {
      this.row = buffer;
      this.base = body;
      return this;
    }

    @Override
    public int register(int index) {
      return (int) (row.getLong(base + (index >>> 3)) >>> ((index & 7) << 3)) & 0xFF;
    }

    @Override
    protected void raise(int index, int old, int value) {
      int field = base + (index >>> 3);
      row.setLong(field, row.getLong(field) + ((long) (value - old) << ((index & 7) << 3)));
    }

    @Override
    protected int wordCount() {
      return words;
    }

    @Override
    protected long word(int w) {
      return row.getLong(base + w);
    }

    @Override
    protected void replaceWord(int w, long old, long replacement) {
      if (replacement != old) { // generic rows box each stored long
        row.setLong(base + w, replacement);
      }
    }
  }
}
