package io.sketches.sampling;

/**
 * The order of the entries of a weighted sampler's merge: positions sorted ascending by log-key,
 * ties by position descending, a strict total order (so any correct sort gives one answer). A
 * top-down merge sort on primitive arrays: no boxed positions, no comparator, and a run that is
 * already in order (a sampler's entries after a merge are ascending) is checked, not merged, so it
 * costs one comparison per entry: a fold of merges sorts the merged sampler's heap, not the
 * accumulator.
 */
final class KeyOrder {
  private static final int INSERTION_SORT_BELOW = 16;

  private KeyOrder() {}

  /** The positions of {@code keys} in ascending order of (key, −position). */
  static int[] sorted(double[] keys) {
    int n = keys.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    sort(keys, order, new int[n], 0, n);
    return order;
  }

  /**
   * Whether position a comes before position b: smaller key, or equal keys and a later position.
   */
  private static boolean before(double[] keys, int a, int b) {
    return keys[a] < keys[b] || (keys[a] == keys[b] && a > b);
  }

  private static void sort(double[] keys, int[] order, int[] buffer, int from, int to) {
    if (to - from < INSERTION_SORT_BELOW) {
      for (int i = from + 1; i < to; i++) {
        int position = order[i];
        int j = i;
        while (j > from && before(keys, position, order[j - 1])) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = position;
      }
      return;
    }
    int middle = (from + to) >>> 1;
    sort(keys, order, buffer, from, middle);
    sort(keys, order, buffer, middle, to);
    if (!before(keys, order[middle], order[middle - 1])) {
      return; // the two halves are already in order
    }
    System.arraycopy(order, from, buffer, from, middle - from);
    int left = from;
    int right = middle;
    int out = from;
    while (left < middle && right < to) {
      order[out++] = before(keys, order[right], buffer[left]) ? order[right++] : buffer[left++];
    }
    System.arraycopy(buffer, left, order, out, middle - left);
  }
}
