package io.sketches.frequency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The laws for conservative update. Merge adds counters, so it is associative and commutative bit
 * for bit; but a merge of conservative sketches is not the conservative sketch of the concatenated
 * stream (it is at most the plain one, see {@code CountMinSketchTest}), so for that law only the
 * weights must agree.
 */
class CountMinConservativeLawsTest extends CountMinSketchLawsTest {
  @Override
  protected CountMinSketch emptySketch() {
    return CountMinSketch.create(4, 64, 42).withConservativeUpdate();
  }

  @Override
  protected void assertEquivalent(CountMinSketch expected, CountMinSketch actual, String law) {
    if (law.contains("a ++ b")) {
      assertEquals(expected.totalWeight(), actual.totalWeight(), law + ": total weight");
      assertEquals(expected.isEmpty(), actual.isEmpty(), law + ": emptiness");
    } else {
      assertArrayEquals(expected.toByteArray(), actual.toByteArray(), law);
    }
  }
}
