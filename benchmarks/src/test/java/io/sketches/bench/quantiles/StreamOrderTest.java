package io.sketches.bench.quantiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StreamOrderTest {

  @Test
  void everyOrderIsAPermutationOfTheItems() {
    for (int n : new int[] {1, 2, 7, 1000}) {
      int[] expected = IntStream.range(0, n).toArray();
      for (StreamOrder order : StreamOrder.values()) {
        int[] items = order.positions(n, 3);
        Arrays.sort(items);
        assertArrayEquals(expected, items, order + " n=" + n);
      }
    }
  }

  @Test
  void zoomInAlternatesFromBothEndsTowardTheMiddle() {
    assertArrayEquals(new int[] {0, 6, 1, 5, 2, 4, 3}, StreamOrder.ZOOM_IN.positions(7, 0));
    assertArrayEquals(new int[] {3, 2, 1, 0}, StreamOrder.REVERSED.positions(4, 0));
  }

  @Test
  void randomOrderIsFixedBySeed() {
    assertArrayEquals(StreamOrder.RANDOM.positions(100, 5), StreamOrder.RANDOM.positions(100, 5));
    assertFalse(
        Arrays.equals(StreamOrder.RANDOM.positions(100, 5), StreamOrder.RANDOM.positions(100, 6)));
    assertFalse(
        Arrays.equals(StreamOrder.SORTED.positions(100, 5), StreamOrder.RANDOM.positions(100, 5)));
  }
}
