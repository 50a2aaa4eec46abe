package io.sketches.clustering;

import java.util.Arrays;

/**
 * The cuts made by one reduce of {@link SummaryReducer}: a binary tree whose internal nodes cut
 * along one axis at a threshold (a point goes to the lower child if its coordinate is at or below
 * the threshold) and whose leaves are the features the reduce produced, in order.
 *
 * <p>The next reduce routes the points appended since down these cuts instead of re-deriving the
 * top of the tree from scratch: it gets the statistics of every old node from one pass over its
 * items and only partitions inside old leaves (see {@link SummaryReducer}).
 *
 * <p>Node 0 is the root; children are allocated after their parent, as a pair ({@code lower},
 * {@code lower + 1}), so every child has a larger index than its parent.
 */
final class SplitTree {
  int nodes;
  int[] axis = new int[0];
  double[] threshold = new double[0];

  /** Index of the lower child; the upper child is {@code lower + 1}; −1 for a leaf. */
  int[] lower = new int[0];

  /**
   * The lower child, or the node itself for a leaf (whose threshold is +∞, so it routes to itself):
   * routing then needs no test for leaves and can run a fixed number of steps.
   */
  int[] step = new int[0];

  /** Levels below the root of the deepest leaf (set by {@link #rankLeaves}). */
  int depth;

  /** Leaf node of each feature of the reduced summary. */
  int[] leafOfFeature = new int[0];

  int leaves;

  /** Empties the tree and makes room for {@code maxNodes} nodes and {@code maxLeaves} leaves. */
  void reset(int maxNodes, int maxLeaves) {
    if (axis.length < maxNodes) {
      axis = new int[maxNodes];
      threshold = new double[maxNodes];
      lower = new int[maxNodes];
      step = new int[maxNodes];
    }
    if (leafOfFeature.length < maxLeaves) {
      leafOfFeature = new int[maxLeaves];
    }
    nodes = 1;
    makeLeaf(0);
    leaves = 0;
  }

  /** Cuts leaf {@code node}; returns its lower child (the upper one is the next index). */
  int split(int node, int cutAxis, double cutThreshold) {
    int child = nodes;
    nodes += 2;
    axis[node] = cutAxis;
    threshold[node] = cutThreshold;
    lower[node] = child;
    step[node] = child;
    makeLeaf(child);
    makeLeaf(child + 1);
    return child;
  }

  private void makeLeaf(int node) {
    lower[node] = -1;
    step[node] = node;
    axis[node] = 0;
    threshold[node] = Double.POSITIVE_INFINITY;
  }

  boolean isLeaf(int node) {
    return lower[node] < 0;
  }

  /**
   * Writes to {@code leaf[i]} the leaf whose cell holds point i, the point at {@code
   * coordinates[i·d, (i+1)·d)}, for i in [from, to). Four points descend together, {@link #depth}
   * steps each with no branch: the four chains of dependent loads overlap, and the side taken, a
   * coin flip to a branch predictor, is the sign bit of threshold − x (1 exactly when x is above
   * the threshold; x = +0 at threshold −0 goes up, which is harmless).
   */
  void routeAll(double[] coordinates, int d, int from, int to, int[] leaf) {
    int[] step = this.step;
    int[] axis = this.axis;
    double[] threshold = this.threshold;
    int i = from;
    for (; i + 4 <= to; i += 4) {
      int o0 = i * d;
      int o1 = o0 + d;
      int o2 = o1 + d;
      int o3 = o2 + d;
      int n0 = 0;
      int n1 = 0;
      int n2 = 0;
      int n3 = 0;
      for (int level = 0; level < depth; level++) {
        n0 = step[n0] + side(threshold[n0] - coordinates[o0 + axis[n0]]);
        n1 = step[n1] + side(threshold[n1] - coordinates[o1 + axis[n1]]);
        n2 = step[n2] + side(threshold[n2] - coordinates[o2 + axis[n2]]);
        n3 = step[n3] + side(threshold[n3] - coordinates[o3 + axis[n3]]);
      }
      leaf[i] = n0;
      leaf[i + 1] = n1;
      leaf[i + 2] = n2;
      leaf[i + 3] = n3;
    }
    for (; i < to; i++) {
      int offset = i * d;
      int node = 0;
      for (int level = 0; level < depth; level++) {
        node = step[node] + side(threshold[node] - coordinates[offset + axis[node]]);
      }
      leaf[i] = node;
    }
  }

  private static int side(double thresholdMinusX) {
    return (int) (Double.doubleToRawLongBits(thresholdMinusX) >>> 63);
  }

  /**
   * Numbers the leaves in depth-first order (lower child first) into {@code rank}, and gives every
   * node the half-open interval of leaf ranks below it: {@code [firstRank[node], endRank[node])}.
   * The leaves of a subtree then have consecutive ranks.
   */
  void rankLeaves(int[] rank, int[] firstRank, int[] endRank, int[] stack) {
    // Children have larger indices than parents: a forward sweep sees parents first (levels,
    // held in firstRank for now), a reverse sweep children first (rank intervals).
    depth = 0;
    firstRank[0] = 0;
    for (int node = 0; node < nodes; node++) {
      int child = lower[node];
      if (child >= 0) {
        firstRank[child] = firstRank[node] + 1;
        firstRank[child + 1] = firstRank[node] + 1;
      } else {
        depth = Math.max(depth, firstRank[node]);
      }
    }
    int next = 0;
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int node = stack[--top];
      if (lower[node] < 0) {
        rank[node] = next++;
      } else {
        stack[top++] = lower[node] + 1;
        stack[top++] = lower[node];
      }
    }
    for (int node = nodes - 1; node >= 0; node--) {
      int child = lower[node];
      if (child >= 0) {
        firstRank[node] = firstRank[child];
        endRank[node] = endRank[child + 1];
      } else {
        firstRank[node] = rank[node];
        endRank[node] = rank[node] + 1;
      }
    }
  }

  void copyFrom(SplitTree other) {
    nodes = other.nodes;
    leaves = other.leaves;
    axis = Arrays.copyOf(other.axis, other.axis.length);
    threshold = Arrays.copyOf(other.threshold, other.threshold.length);
    lower = Arrays.copyOf(other.lower, other.lower.length);
    step = Arrays.copyOf(other.step, other.step.length);
    leafOfFeature = Arrays.copyOf(other.leafOfFeature, other.leafOfFeature.length);
  }
}
