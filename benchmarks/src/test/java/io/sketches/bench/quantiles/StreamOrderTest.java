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
      double[] expected = IntStream.range(0, n).asDoubleStream().toArray();
      for (StreamOrder order : StreamOrder.values()) {
        double[] items = order.items(n, 3);
        Arrays.sort(items);
        assertArrayEquals(expected, items, order + " n=" + n);
      }
    }
  }

  @Test
  void zoomInAlternatesFromBothEndsTowardTheMiddle() {
    assertArrayEquals(new double[] {0, 6, 1, 5, 2, 4, 3}, StreamOrder.ZOOM_IN.items(7, 0));
    assertArrayEquals(new double[] {3, 2, 1, 0}, StreamOrder.REVERSED.items(4, 0));
  }

  @Test
  void randomOrderIsFixedBySeed() {
    assertArrayEquals(StreamOrder.RANDOM.items(100, 5), StreamOrder.RANDOM.items(100, 5));
    assertFalse(Arrays.equals(StreamOrder.RANDOM.items(100, 5), StreamOrder.RANDOM.items(100, 6)));
    assertFalse(Arrays.equals(StreamOrder.SORTED.items(100, 5), StreamOrder.RANDOM.items(100, 5)));
  }
}
