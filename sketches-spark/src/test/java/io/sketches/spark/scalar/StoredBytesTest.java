package io.sketches.spark.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.format.Sketches;
import io.sketches.spark.Forgeries;
import io.sketches.spark.aggregate.MergeSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every reader of stored bytes in the Spark module, called as Spark calls it: refused bytes fail
 * with a {@link SketchFormatException} naming the function and the core's reason, and a refused row
 * leaves {@code sk_merge}'s buffer as it was.
 */
class StoredBytesTest {
  /** Any second input: the bytes are refused before it is looked at. */
  private static final Object SECOND = 2;

  @Test
  void everyScalarRefusesForgeriesOfItsTypesNamingItselfAndTheReason() {
    for (StoredSketchFunction function : StoredSketchFunction.values()) {
      for (SketchType type : function.types()) {
        byte[] valid = Forgeries.valid(type, 1).get(0);
        for (Map.Entry<String, byte[]> forgery : Forgeries.of(valid).entrySet()) {
          byte[] forged = forgery.getValue();
          String what = function.functionName() + " over " + type + ", " + forgery.getKey();
          SketchFormatException e =
              assertThrows(
                  SketchFormatException.class,
                  () -> function.apply(new Object[] {forged, SECOND}),
                  what);
          assertTrue(
              e.getMessage()
                  .startsWith(function.functionName() + ": refused stored sketch bytes: "),
              what + ": " + e.getMessage());
          assertTrue(e.getMessage().endsWith(Forgeries.refusal(forged)), e.getMessage());
        }
      }
    }
  }

  @Test
  void bytesOfAnotherTypeAreRefusedBeforeTheyAreParsed() {
    // 2 GiB of counters if parsed: only sk_frequency reads Count-Min bytes
    byte[] enormous = Forgeries.enormousCountMin();
    for (StoredSketchFunction function : StoredSketchFunction.values()) {
      if (function.types().contains(SketchType.COUNT_MIN)) {
        continue;
      }
      SketchFormatException e =
          assertThrows(
              SketchFormatException.class, () -> function.apply(new Object[] {enormous, SECOND}));
      assertTrue(
          e.getMessage().startsWith(function.functionName() + ": expected a ")
              && e.getMessage().endsWith("but found a COUNT_MIN sketch (type id 2)"),
          e.getMessage());
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aRefusedRowLeavesTheMergeBufferAsItWas() {
    MergeSpec spec = new MergeSpec<>();
    for (SketchType type : SketchType.values()) {
      List<byte[]> valid = Forgeries.valid(type, 2);
      // the buffer holds one sketch when the refused row arrives (HyperLogLog: mergeBytes)
      Sketch<?> buffer = spec.update(null, valid.get(0), null);
      for (Map.Entry<String, byte[]> forgery : Forgeries.of(valid.get(1)).entrySet()) {
        String what = "sk_merge over " + type + ", " + forgery.getKey();
        SketchFormatException e =
            assertThrows(
                SketchFormatException.class,
                () -> spec.update(buffer, forgery.getValue(), null),
                what);
        assertTrue(
            e.getMessage().startsWith("sk_merge: refused stored sketch bytes: "),
            what + ": " + e.getMessage());
        assertTrue(e.getMessage().endsWith(e.getCause().getMessage()), e.getMessage());
        assertArrayEquals(valid.get(0), buffer.toByteArray(), what);
      }
      // and the next valid row merges as if the refused one had never come
      Sketch<?> merged = spec.update(buffer, valid.get(1), null);
      assertSame(buffer, merged);
      Sketch expected = Sketches.fromByteArray(valid.get(0));
      expected.merge(Sketches.fromByteArray(valid.get(1)));
      assertArrayEquals(expected.toByteArray(), merged.toByteArray(), type.toString());
    }
  }
}
