package io.sketches.frequency;

import static io.sketches.frequency.CountMinFormat.FLAG_CONSERVATIVE;
import static io.sketches.frequency.CountMinFormat.FLAG_EMPTY;
import static io.sketches.frequency.CountMinFormat.FLAG_SPARSE;
import static io.sketches.frequency.CountMinFormat.FLAG_TURNSTILE;
import static io.sketches.frequency.CountMinFormat.zigzag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchWriter;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the Count-Min failures of issue 15, on bytes forged with a valid header
 * length and CRC32C: a 29-byte empty sketch whose shape overflowed the heap at its first update, a
 * 60-byte sparse sketch refused only after allocating its shape, a sparse sketch whose parse and
 * queries looped over every cell of its shape, and counters no stream could produce.
 */
class CountMinHostileBytesTest {
  private static final int CEILING = CountMinSketch.DEFAULT_CELL_CEILING;

  /** Header, then depth, width and seed: the start of every Count-Min body. */
  private static SketchWriter body(int flags, int depth, int width) {
    return SketchFormat.writer(SketchType.COUNT_MIN, CountMinFormat.SERIAL_VERSION, flags, 64)
        .putByte(depth)
        .putInt(width)
        .putLong(2026);
  }

  /** A sparse body: the weights, then (cell, counter) pairs in increasing cell order. */
  private static byte[] sparse(
      int flags, int depth, int width, long total, long absolute, long... cellsAndCounters) {
    SketchWriter out = body(flags | FLAG_SPARSE, depth, width).putLong(total).putVarLong(absolute);
    out.putVarLong(cellsAndCounters.length / 2);
    long previous = -1;
    for (int i = 0; i < cellsAndCounters.length; i += 2) {
      out.putVarLong(cellsAndCounters[i] - previous - 1)
          .putVarLong(zigzag(cellsAndCounters[i + 1]));
      previous = cellsAndCounters[i];
    }
    return out.toByteArray();
  }

  private static CountMinSketch parse(byte[] bytes) {
    return ReaderBounds.parseWithinBound(bytes, CountMinSketch::fromByteArray);
  }

  private static void assertRefused(byte[] bytes, String reason) {
    SketchFormatException e =
        assertThrows(SketchFormatException.class, () -> CountMinSketch.fromByteArray(bytes));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertNull(parse(bytes), "refused within the allocation bound");
  }

  @Test
  void anErrorTargetTheShapeCannotKeepIsRefused() {
    int target = CountMinFormat.FLAG_ERROR_TARGET | FLAG_EMPTY;
    // 3 × 4642 keeps (0.001, 0.01); a forged pair promising more would shrink every bound
    byte[] honest = body(target, 3, 4642).putDouble(0.001).putDouble(0.01).toByteArray();
    assertEquals(0.01, CountMinSketch.fromByteArray(honest).delta());
    assertRefused(
        body(target, 3, 4642).putDouble(0.0005).putDouble(0.01).toByteArray(),
        "cannot keep epsilon 5.0E-4");
    assertRefused(
        body(target, 3, 4642).putDouble(0.001).putDouble(0.001).toByteArray(),
        "cannot keep epsilon");
    assertRefused(
        body(target, 3, 4642).putDouble(0.001).putDouble(1.5).toByteArray(), "must be in (0, 1)");
    assertRefused(
        body(target, 3, 4642).putDouble(Double.NaN).putDouble(0.01).toByteArray(), "epsilon");
  }

  @Test
  void emptyBytesAnnouncingMoreCountersThanTheCeilingAreRefused() {
    byte[] twoGiB = body(FLAG_EMPTY, 16, 1 << 24).toByteArray(); // was accepted, then OOM
    assertEquals(29, twoGiB.length);
    assertRefused(twoGiB, "ceiling");
    assertRefused(body(FLAG_EMPTY, 1, CEILING + 1).toByteArray(), "ceiling");
    assertRefused(body(FLAG_EMPTY, 64, Integer.MAX_VALUE).toByteArray(), "ceiling");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CountMinSketch.create(2, CEILING, 1));
    assertTrue(e.getMessage().contains(CountMinSketch.CELL_CEILING_PROPERTY), e.getMessage());
  }

  @Test
  void emptyBytesAtTheCeilingAnswerFromTheEmptyStateWithoutAllocatingTheShape() {
    byte[] bytes = body(FLAG_EMPTY, 4, CEILING / 4).toByteArray();
    CountMinSketch sketch = parse(bytes);
    assertTrue(sketch.isEmpty());
    assertEquals(0, sketch.estimate("anything"));
    assertEquals(0, sketch.upperBound(42));
    assertEquals(0, sketch.lowerBound(42));
    assertEquals(0, sketch.errorBound());
    assertEquals(0, sketch.innerProduct(sketch));
    long copying =
        ReaderBounds.allocatedBytes(
            () -> assertArrayEquals(bytes, sketch.copy().merge(sketch).toByteArray()));
    assertTrue(copying < 64 << 10, "copy, merge and bytes of an empty sketch: " + copying);
  }

  @Test
  void sparseBytesWithARowSumWrongAreRefusedBeforeAllocatingTheShape() {
    // 4 × 2^22 cells, one non-zero: refused by row 1, after allocating 128 MiB before the fix
    byte[] bytes = sparse(0, 4, CEILING / 4, 1, 1, 0, 1);
    assertTrue(bytes.length < 64, "a small input: " + bytes.length);
    assertRefused(bytes, "row 1 sums to 0");
  }

  @Test
  void sparseBytesOfALargeShapeAreReadAndQueriedInTimeAndMemoryOfTheirLength() {
    // a valid sketch: 2 × 2^23 cells, one update of weight 5 per row; parse and every query
    // looped over all 2^24 cells (and allocated them) before the fix
    byte[] bytes = sparse(0, 2, CEILING / 2, 5, 5, 17, 5, CEILING / 2 + 3, 5);
    CountMinSketch sketch = parse(bytes);
    assertNotNull(sketch);
    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      CountMinSketch read = CountMinSketch.fromByteArray(bytes);
      long estimate = read.estimate(i);
      assertTrue(estimate == 0 || estimate == 5, "estimate " + estimate);
      assertTrue(read.upperBound(i) >= read.lowerBound(i));
      assertEquals(25, read.innerProduct(read));
      assertArrayEquals(bytes, read.copy().toByteArray(), "a fixpoint");
      assertArrayEquals(
          bytes, CountMinSketch.create(2, CEILING / 2, 2026).merge(read).toByteArray());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 1000, "200 parses and queries took " + millis + " ms");
  }

  @Test
  void aSketchReadSparseBehavesAsTheSketchItWasWrittenFrom() {
    CountMinSketch written = CountMinSketch.create(3, 500, 2026);
    for (int i = 0; i < 40; i++) {
      written.update(i % 13, 1 + i % 4).update("x" + i, -1);
    }
    byte[] bytes = written.toByteArray();
    CountMinSketch read = parse(bytes);
    for (int i = 0; i < 20; i++) {
      assertEquals(written.estimate(i), read.estimate(i), "item " + i);
      assertEquals(written.lowerBound("x" + i), read.lowerBound("x" + i), "x" + i);
    }
    assertEquals(written.innerProduct(written), read.innerProduct(written));
    assertEquals(written.innerProduct(written), written.innerProduct(read));
    CountMinSketch updatedWritten = written.copy().update(7, 3).merge(read);
    CountMinSketch updatedRead = read.copy().update(7, 3).merge(read);
    assertArrayEquals(updatedWritten.toByteArray(), updatedRead.toByteArray());
    assertArrayEquals(bytes, read.toByteArray(), "the read sketch is unchanged");
  }

  @Test
  void turnstileRowsWhoseMagnitudesPassTheAbsoluteWeightAreRefused() {
    // +2 and −2 in one row need Σ|count| ≥ 4, not 2
    byte[] bytes =
        body(FLAG_TURNSTILE, 1, 4)
            .putLong(0)
            .putVarLong(2)
            .putVarLong(zigzag(2))
            .putVarLong(zigzag(-2))
            .putVarLong(0)
            .putVarLong(0)
            .toByteArray();
    assertRefused(bytes, "pass the absolute weight");
  }

  @Test
  void overlongVarintsAreRefusedSoThatBytesReadBackAreTheBytesWritten() {
    byte[] bytes =
        body(0, 1, 1)
            .putLong(5)
            .putByte(0x85) // absolute weight 5 in two bytes: 0x85 0x00
            .putByte(0)
            .putVarLong(zigzag(5))
            .toByteArray();
    assertRefused(bytes, "shortest form");
    byte[] shortest = body(0, 1, 1).putLong(5).putVarLong(5).putVarLong(zigzag(5)).toByteArray();
    assertArrayEquals(shortest, parse(shortest).toByteArray());
  }

  @Test
  void conservativeRowsMustEachHoldWeightAndTogetherCoverTheTotal() {
    assertRefused(sparse(FLAG_CONSERVATIVE, 2, 8, 3, 3, 1, 3), "row 1 of a conservative");
    assertRefused(sparse(FLAG_CONSERVATIVE, 2, 8, 5, 5, 1, 2, 9, 2), "less than its total");
    assertRefused(sparse(FLAG_CONSERVATIVE, 2, 8, 3, 3, 1, 3, 9, 4), "row 1: counters");
    CountMinSketch honest = CountMinSketch.create(2, 8, 2026).withConservativeUpdate();
    for (int i = 0; i < 30; i++) {
      honest.update(i % 5, 1 + i % 3);
    }
    assertArrayEquals(honest.toByteArray(), parse(honest.toByteArray()).toByteArray());
  }

  @Test
  void theCeilingCanBeRaisedWithTheSystemProperty() {
    byte[] bytes = body(FLAG_EMPTY, 2, CEILING).toByteArray();
    assertRefused(bytes, "ceiling");
    System.setProperty(CountMinSketch.CELL_CEILING_PROPERTY, Integer.toString(2 * CEILING));
    try {
      assertEquals(2 * CEILING, CountMinSketch.cellCeiling());
      assertEquals(2 * CEILING, CountMinSketch.fromByteArray(bytes).width() * 2);
      assertEquals(2, CountMinSketch.create(2, CEILING, 1).depth());
    } finally {
      System.clearProperty(CountMinSketch.CELL_CEILING_PROPERTY);
    }
    System.setProperty(CountMinSketch.CELL_CEILING_PROPERTY, "999999999999");
    try {
      assertEquals(CEILING, CountMinSketch.cellCeiling(), "not an int: the default");
    } finally {
      System.clearProperty(CountMinSketch.CELL_CEILING_PROPERTY);
    }
    assertEquals(CEILING, CountMinSketch.cellCeiling());
  }

  @Test
  void honestSketchesParseWithinTheAllocationBound() {
    CountMinSketch sketch = CountMinSketch.withError(0.01, 0.01, 3);
    for (int i = 0; i < 5000; i++) {
      sketch.update(i % 700, 1 + i % 9);
      byte[] bytes = sketch.toByteArray();
      if (i % 500 == 0) {
        assertArrayEquals(bytes, parse(bytes).toByteArray());
      }
    }
  }
}
