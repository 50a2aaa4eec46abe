package io.sketches.bench.quantiles;

import java.util.SplittableRandom;

/**
 * The orders in which the study feeds n distinct items to a sketch, as the positions 0, ..., n − 1
 * of the items in sorted order: random (a fresh shuffle per trial), sorted, reversed, and zoom-in —
 * alternately from both ends toward the middle (0, n − 1, 1, n − 2, ...), the adversarial order of
 * the KLL literature (Karnin, Lang and Liberty 2016; Ivkin et al. 2019, §5), where every new item
 * lands between the retained ones.
 */
public enum StreamOrder {
  RANDOM("random"),
  SORTED("sorted"),
  REVERSED("reversed"),
  ZOOM_IN("zoom-in");

  private final String label;

  StreamOrder(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The positions 0..n−1 in this order; {@code seed} only matters for {@link #RANDOM}. */
  public int[] positions(int n, long seed) {
    int[] items = new int[n];
    switch (this) {
      case RANDOM -> {
        for (int i = 0; i < n; i++) {
          items[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) { // Fisher–Yates
          int j = random.nextInt(i + 1);
          int swap = items[i];
          items[i] = items[j];
          items[j] = swap;
        }
      }
      case SORTED -> {
        for (int i = 0; i < n; i++) {
          items[i] = i;
        }
      }
      case REVERSED -> {
        for (int i = 0; i < n; i++) {
          items[i] = n - 1 - i;
        }
      }
      case ZOOM_IN -> {
        for (int i = 0; i < n; i++) {
          items[i] = (i & 1) == 0 ? i / 2 : n - 1 - i / 2;
        }
      }
    }
    return items;
  }
}
