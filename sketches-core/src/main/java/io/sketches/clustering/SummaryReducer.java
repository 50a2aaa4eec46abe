package io.sketches.clustering;

import java.util.Arrays;

/**
 * The reduce step of merge-and-reduce (Har-Peled and Mazumdar 2004): replaces a list of cluster
 * features by at most {@code target} features, each the exact union (weight, mean, squared
 * deviation) of a group of the input features.
 *
 * <p>Groups come from greedy top-down variance splitting, the way a k-d tree or Wu's optimal color
 * quantizer (Wu 1991) cuts space: start with one group holding everything; repeatedly take the
 * group with the largest between-feature squared deviation, cut it at its weighted mean along the
 * axis of largest deviation, until there are {@code target} groups or no group can be cut. The
 * quantity that decides every cut, the deviation a group would lose by being split, is exactly the
 * k-means cost that merging the group adds, so the reduce spends its budget where the cost is.
 *
 * <p><b>Reusing the last tree.</b> The cuts of the previous reduce are kept ({@link SplitTree}).
 * When the same summary is full again, its first features are exactly the leaves of that tree and
 * the rest are points (or merged features) appended since: those are routed down the old cuts (one
 * comparison per level), all items are grouped by leaf with a counting sort, and the statistics of
 * every old node follow from one pass over the items plus a bottom-up combination of children
 * (Chan, Golub and LeVeque 1979). The greedy splitting then runs as above, except that cutting an
 * old internal node reuses its old cut and costs O(d) instead of a partition and half a pass; only
 * old leaves are partitioned. Priorities always come from the current items, so the budget still
 * follows the cost; only the positions of old cuts are inherited. A summary this reducer did not
 * produce (deserialized, copied for a query, or cleared by decay) is reduced from scratch.
 *
 * <p>Deterministic (no randomness: the same features in the same order, and the same previous tree,
 * give the same result). From scratch O(n·d·depth) for n features, depth ≈ log₂(target); reusing
 * the tree O(n·(d + depth)) plus the partitions inside old leaves.
 *
 * <p><b>Size.</b> Above the few screens a class should fit, on purpose: it is one algorithm, and
 * its two starts (from scratch and from the previous tree) share the greedy splitting loop and the
 * preallocated scratch arrays that make a reduce allocation-free; {@link SplitTree} holds the cuts.
 */
final class SummaryReducer {
  private final int dimension;
  private int[] order = new int[0];
  private int[] cellStart = new int[0];
  private int[] cellEnd = new int[0];
  private double[] cellWeight = new double[0];
  private double[] cellMean = new double[0];

  /** Per cell and axis: Σ w (μ_a − mean_a)² over the cell's features. */
  private double[] cellSpread = new double[0];

  private double[] cellPriority = new double[0];

  /** The node of {@link #previous} a cell still equals, or −1 once the cell is cut afresh. */
  private int[] cellSource = new int[0];

  /** The node of {@link #current} a cell is. */
  private int[] cellNode = new int[0];

  private int[] heap = new int[0];
  private int heapSize;
  private double[] outWeight = new double[0];
  private double[] outSsd = new double[0];
  private double[] outMean = new double[0];
  private final double[] leftSum;
  private final double[] leftSquares;
  private final double[] rightSum;
  private final double[] rightSquares;
  private final double[] parentMean;

  /** The cuts of the last reduce, and the features they produced. */
  private SplitTree previous = new SplitTree();

  private SplitTree current = new SplitTree();
  private ClusterFeatures owner;
  // Scratch of the reuse of the previous tree, indexed by its node, leaf rank or item.
  private double[] nodeWeight = new double[0];
  private double[] nodeMean = new double[0];
  private double[] nodeSpread = new double[0];

  /** Per old node: Σ ssd of its items (their own deviations, not the spread between them). */
  private double[] nodeSsd = new double[0];

  private int[] rank = new int[0];
  private int[] firstRank = new int[0];
  private int[] endRank = new int[0];
  private int[] stack = new int[0];

  /** Items of the leaf of rank r: {@code order[leafStart[r], leafStart[r + 1])}. */
  private int[] leafStart = new int[0];

  private int[] cursor = new int[0];
  private int[] itemRank = new int[0];

  SummaryReducer(int dimension) {
    this.dimension = dimension;
    leftSum = new double[dimension];
    leftSquares = new double[dimension];
    rightSum = new double[dimension];
    rightSquares = new double[dimension];
    parentMean = new double[dimension];
  }

  /** A reducer for {@code features}, a copy of the features this reducer last produced. */
  SummaryReducer copyFor(ClusterFeatures features) {
    SummaryReducer copy = new SummaryReducer(dimension);
    if (owner != null) {
      copy.previous.copyFrom(previous);
      copy.owner = features;
    }
    return copy;
  }

  private void ensureScratch(int n, int target) {
    if (order.length < n) {
      order = new int[n];
      itemRank = new int[n];
    }
    if (cellStart.length < target) {
      cellStart = new int[target];
      cellEnd = new int[target];
      cellWeight = new double[target];
      cellMean = new double[target * dimension];
      cellSpread = new double[target * dimension];
      cellPriority = new double[target];
      cellSource = new int[target];
      cellNode = new int[target];
      heap = new int[target];
      outWeight = new double[target];
      outSsd = new double[target];
      outMean = new double[target * dimension];
    }
  }

  /** Reduces {@code features} in place to at most {@code target} features; drops zero weights. */
  void reduce(ClusterFeatures features, int target) {
    int n = features.size;
    ensureScratch(n, target);
    boolean reuse =
        owner == features
            && features.reducedPrefix > 0
            && features.reducedPrefix == previous.leaves
            && features.reducedPrefix <= n;
    int live = reuse ? groupByOldLeaf(features) : collectLive(features);
    if (live == 0) {
      features.clear();
      owner = null;
      return;
    }
    current.reset(2 * target, target);
    int cells = 1;
    cellNode[0] = 0;
    if (reuse) {
      loadCell(0, 0);
    } else {
      cellStart[0] = 0;
      cellEnd[0] = live;
      cellSource[0] = -1;
      rootStatistics(features, live);
    }
    heapSize = 0;
    pushIfSplittable(0);
    while (cells < target && heapSize > 0) {
      int cell = pop();
      int source = cellSource[cell];
      if (source >= 0 && !previous.isLeaf(source)) {
        int lower = previous.lower[source];
        boolean lowerEmpty = isEmpty(lower);
        if (lowerEmpty || isEmpty(lower + 1)) {
          // Everything went one way: the old cut separates nothing now, skip it.
          loadCell(cell, lowerEmpty ? lower + 1 : lower);
          pushIfSplittable(cell);
          continue;
        }
        int child =
            current.split(cellNode[cell], previous.axis[source], previous.threshold[source]);
        loadCell(cell, lower);
        loadCell(cells, lower + 1);
        cellNode[cell] = child;
        cellNode[cells] = child + 1;
      } else if (!split(features, cell, cells)) {
        continue;
      }
      pushIfSplittable(cell);
      pushIfSplittable(cells);
      cells++;
    }
    for (int cell = 0; cell < cells; cell++) {
      summarize(features, cell);
      current.leafOfFeature[cell] = cellNode[cell];
    }
    current.leaves = cells;
    SplitTree swap = previous;
    previous = current;
    current = swap;
    owner = features;
    System.arraycopy(outWeight, 0, features.weight, 0, cells);
    System.arraycopy(outSsd, 0, features.ssd, 0, cells);
    System.arraycopy(outMean, 0, features.mean, 0, cells * dimension);
    features.size = cells;
    features.reducedPrefix = cells;
  }

  private int collectLive(ClusterFeatures features) {
    int live = 0;
    for (int i = 0; i < features.size; i++) {
      if (features.weight[i] > 0) {
        order[live++] = i;
      }
    }
    return live;
  }

  /**
   * Puts the live items in {@code order} grouped by their leaf of {@link #previous} (leaves in
   * depth-first order, so every old subtree is one range), and computes every old node's weight,
   * mean and per-axis spread. Returns the number of live items.
   */
  private int groupByOldLeaf(ClusterFeatures features) {
    SplitTree tree = previous;
    int nodes = tree.nodes;
    int leaves = tree.leaves;
    int d = dimension;
    if (rank.length < nodes) {
      rank = new int[nodes];
      firstRank = new int[nodes];
      endRank = new int[nodes];
      stack = new int[nodes];
      nodeWeight = new double[nodes];
      nodeMean = new double[nodes * d];
      nodeSpread = new double[nodes * d];
      nodeSsd = new double[nodes];
    }
    if (leafStart.length < leaves + 1) {
      leafStart = new int[leaves + 1];
      cursor = new int[leaves + 1];
    }
    tree.rankLeaves(rank, firstRank, endRank, stack);
    Arrays.fill(leafStart, 0, leaves + 1, 0);
    int n = features.size;
    double[] weight = features.weight;
    double[] mean = features.mean;
    System.arraycopy(tree.leafOfFeature, 0, itemRank, 0, leaves);
    tree.routeAll(features.mean, d, leaves, n, itemRank);
    for (int i = 0; i < n; i++) {
      int r = -1;
      if (weight[i] > 0) {
        r = rank[itemRank[i]];
        leafStart[r + 1]++;
      }
      itemRank[i] = r;
    }
    for (int r = 0; r < leaves; r++) {
      leafStart[r + 1] += leafStart[r];
    }
    System.arraycopy(leafStart, 0, cursor, 0, leaves);
    for (int i = 0; i < n; i++) {
      int r = itemRank[i];
      if (r >= 0) {
        order[cursor[r]++] = i;
      }
    }
    // Children have larger indices than their parent: a reverse sweep sees children first.
    for (int node = nodes - 1; node >= 0; node--) {
      if (tree.isLeaf(node)) {
        leafStatistics(features, node);
      } else {
        combineChildren(node, tree.lower[node]);
      }
    }
    return leafStart[leaves];
  }

  private void leafStatistics(ClusterFeatures features, int node) {
    int d = dimension;
    int base = node * d;
    int from = leafStart[firstRank[node]];
    int to = leafStart[endRank[node]];
    double ssd = 0;
    for (int p = from; p < to; p++) {
      ssd += features.ssd[order[p]];
    }
    nodeSsd[node] = ssd;
    if (from == to) {
      nodeWeight[node] = 0;
      Arrays.fill(nodeMean, base, base + d, 0);
      Arrays.fill(nodeSpread, base, base + d, 0);
      return;
    }
    // Moments shifted by the first item's mean: no cancellation at any offset.
    System.arraycopy(features.mean, order[from] * d, nodeMean, base, d);
    double weight = moments(features, from, to, nodeMean, base, leftSum, leftSquares);
    nodeWeight[node] = weight;
    for (int a = 0; a < d; a++) {
      double shift = leftSum[a] / weight;
      nodeMean[base + a] += shift;
      nodeSpread[base + a] = Math.max(0, leftSquares[a] - leftSum[a] * shift);
    }
  }

  /** Chan et al.'s pairwise union: S = S₁ + S₂ + (w₁w₂ / w)(μ₂ − μ₁)² per axis. */
  private void combineChildren(int node, int lower) {
    int upper = lower + 1;
    double w1 = nodeWeight[lower];
    double w2 = nodeWeight[upper];
    int d = dimension;
    if (w1 == 0 || w2 == 0) {
      int only = w1 == 0 ? upper : lower;
      nodeWeight[node] = nodeWeight[only];
      nodeSsd[node] = nodeSsd[only];
      System.arraycopy(nodeMean, only * d, nodeMean, node * d, d);
      System.arraycopy(nodeSpread, only * d, nodeSpread, node * d, d);
      return;
    }
    double weight = w1 + w2;
    double upperShare = w2 / weight;
    double between = w1 * upperShare;
    for (int a = 0; a < d; a++) {
      double delta = nodeMean[upper * d + a] - nodeMean[lower * d + a];
      nodeMean[node * d + a] = nodeMean[lower * d + a] + delta * upperShare;
      nodeSpread[node * d + a] =
          nodeSpread[lower * d + a] + nodeSpread[upper * d + a] + between * delta * delta;
    }
    nodeWeight[node] = weight;
    nodeSsd[node] = nodeSsd[lower] + nodeSsd[upper];
  }

  private boolean isEmpty(int node) {
    return leafStart[firstRank[node]] == leafStart[endRank[node]];
  }

  /** Makes {@code cell} the old node {@code node}: its items and statistics. */
  private void loadCell(int cell, int node) {
    int d = dimension;
    cellSource[cell] = node;
    cellStart[cell] = leafStart[firstRank[node]];
    cellEnd[cell] = leafStart[endRank[node]];
    cellWeight[cell] = nodeWeight[node];
    System.arraycopy(nodeMean, node * d, cellMean, cell * d, d);
    System.arraycopy(nodeSpread, node * d, cellSpread, cell * d, d);
    double priority = 0;
    for (int a = 0; a < d; a++) {
      priority += nodeSpread[node * d + a];
    }
    cellPriority[cell] = priority;
  }

  /** One pass, with sums shifted by the first feature's mean (no cancellation at any offset). */
  private void rootStatistics(ClusterFeatures features, int live) {
    System.arraycopy(features.mean, order[0] * dimension, cellMean, 0, dimension);
    double total = moments(features, 0, live, cellMean, 0, leftSum, leftSquares);
    writeChild(0, 0, total, leftSum, leftSquares);
  }

  /**
   * Cuts {@code cell} at its mean along its axis of largest spread: the lower part stays in {@code
   * cell}, the upper part becomes {@code newCell}. Returns false if the cut separates nothing (all
   * features on one side after rounding).
   */
  private boolean split(ClusterFeatures features, int cell, int newCell) {
    int d = dimension;
    int base = cell * d;
    int axis = 0;
    for (int a = 1; a < d; a++) {
      if (cellSpread[base + a] > cellSpread[base + axis]) {
        axis = a;
      }
    }
    double threshold = cellMean[base + axis];
    int start = cellStart[cell];
    int end = cellEnd[cell];
    // Branch-free Lomuto partition: the side of each feature is a coin flip to the branch
    // predictor, so a conditional move beats a branch. Invariant: [start, lo) at or below the
    // threshold, [lo, p) above it.
    int lo = start;
    double[] mean = features.mean;
    int[] order = this.order;
    for (int p = start; p < end; p++) {
      int feature = order[p];
      int below = mean[feature * d + axis] <= threshold ? 1 : 0;
      order[p] = order[lo];
      order[lo] = feature;
      lo += below;
    }
    if (lo == start || lo == end) {
      return false;
    }
    // Moments around the parent mean (shifted sums: no cancellation) of the smaller half only;
    // the larger half's follow by subtraction from the parent's, so each level costs at most half
    // a pass. The split heuristic needs no more precision than that: the final features are
    // recomputed exactly in summarize(). (Estimating large cells from a sample instead was tried
    // and cost 4% of k-means cost on overlapping mixtures.)
    boolean leftSmaller = lo - start <= end - lo;
    double smallWeight =
        leftSmaller
            ? moments(features, start, lo, cellMean, base, leftSum, leftSquares)
            : moments(features, lo, end, cellMean, base, leftSum, leftSquares);
    double largeWeight = cellWeight[cell] - smallWeight;
    if (!(largeWeight > 0)) {
      largeWeight =
          leftSmaller
              ? moments(features, lo, end, cellMean, base, rightSum, rightSquares)
              : moments(features, start, lo, cellMean, base, rightSum, rightSquares);
    } else {
      for (int a = 0; a < d; a++) {
        rightSum[a] = -leftSum[a];
        rightSquares[a] = Math.max(0, cellSpread[base + a] - leftSquares[a]);
      }
    }
    cellStart[newCell] = lo;
    cellEnd[newCell] = end;
    cellEnd[cell] = lo;
    int child = current.split(cellNode[cell], axis, threshold);
    cellNode[cell] = child;
    cellNode[newCell] = child + 1;
    cellSource[cell] = -1;
    cellSource[newCell] = -1;
    if (leftSmaller) {
      writeChild(newCell, base, largeWeight, rightSum, rightSquares);
      writeChild(cell, base, smallWeight, leftSum, leftSquares);
    } else {
      writeChild(newCell, base, smallWeight, leftSum, leftSquares);
      writeChild(cell, base, largeWeight, rightSum, rightSquares);
    }
    return true;
  }

  /**
   * Weight of the features at {@code order[from, to)} and, per axis a, their moments around the
   * point at {@code centers[centerBase, centerBase + d)}: {@code sum[a] = Σ w (μ_a − m_a)} and
   * {@code squares[a] = Σ w (μ_a − m_a)²}. Four features per step: each axis then loads and stores
   * its two accumulators once per four features instead of once per feature (store throughput
   * bounds this loop), and the four terms add as a balanced tree.
   */
  private double moments(
      ClusterFeatures features,
      int from,
      int to,
      double[] centers,
      int centerBase,
      double[] sum,
      double[] squares) {
    int d = dimension;
    Arrays.fill(sum, 0);
    Arrays.fill(squares, 0);
    double[] mean = features.mean;
    double[] weight = features.weight;
    double[] center = parentMean;
    System.arraycopy(centers, centerBase, center, 0, d);
    int[] order = this.order;
    double total = 0;
    int p = from;
    for (; p + 4 <= to; p += 4) {
      int i0 = order[p];
      int i1 = order[p + 1];
      int i2 = order[p + 2];
      int i3 = order[p + 3];
      double w0 = weight[i0];
      double w1 = weight[i1];
      double w2 = weight[i2];
      double w3 = weight[i3];
      total += (w0 + w1) + (w2 + w3);
      int o0 = i0 * d;
      int o1 = i1 * d;
      int o2 = i2 * d;
      int o3 = i3 * d;
      for (int a = 0; a < d; a++) {
        double c = center[a];
        double d0 = mean[o0 + a] - c;
        double d1 = mean[o1 + a] - c;
        double d2 = mean[o2 + a] - c;
        double d3 = mean[o3 + a] - c;
        double t0 = w0 * d0;
        double t1 = w1 * d1;
        double t2 = w2 * d2;
        double t3 = w3 * d3;
        sum[a] += (t0 + t1) + (t2 + t3);
        squares[a] += (t0 * d0 + t1 * d1) + (t2 * d2 + t3 * d3);
      }
    }
    for (; p < to; p++) {
      int i = order[p];
      double w = weight[i];
      int offset = i * d;
      total += w;
      for (int a = 0; a < d; a++) {
        double diff = mean[offset + a] - center[a];
        double weighted = w * diff;
        sum[a] += weighted;
        squares[a] += weighted * diff;
      }
    }
    return total;
  }

  /** Child statistics from moments around the parent mean (read before being overwritten). */
  private void writeChild(
      int child, int parentBase, double weight, double[] sum, double[] squares) {
    int d = dimension;
    int base = child * d;
    double priority = 0;
    double inverseWeight = 1 / weight;
    // below 2^-1024 (a long-decayed cell) the inverse overflows: divide instead
    boolean tiny = inverseWeight == Double.POSITIVE_INFINITY;
    for (int a = 0; a < d; a++) {
      double shift = tiny ? sum[a] / weight : sum[a] * inverseWeight;
      double spread = Math.max(0, squares[a] - sum[a] * shift);
      cellMean[base + a] = cellMean[parentBase + a] + shift;
      cellSpread[base + a] = spread;
      priority += spread;
    }
    cellWeight[child] = weight;
    cellPriority[child] = priority;
  }

  /** The exact union of the cell's features (Chan et al. 1979, two-pass form). */
  private void summarize(ClusterFeatures features, int cell) {
    int d = dimension;
    int start = cellStart[cell];
    int end = cellEnd[cell];
    int out = cell * d;
    int source = cellSource[cell];
    if (source >= 0) {
      // An old node, unchanged: its union is already known from the grouping pass.
      outWeight[cell] = cellWeight[cell];
      outSsd[cell] = nodeSsd[source] + cellPriority[cell];
      System.arraycopy(cellMean, out, outMean, out, d);
      return;
    }
    if (end - start == 1) {
      int i = order[start];
      outWeight[cell] = features.weight[i];
      outSsd[cell] = features.ssd[i];
      System.arraycopy(features.mean, i * d, outMean, out, d);
      return;
    }
    // One pass around the approximate mean m: with the exact mean m̂ = m + δ,
    // Σ w‖μ − m̂‖² = Σ w‖μ − m‖² − W‖δ‖² (δ is rounding-small, so nothing cancels).
    double total = moments(features, start, end, cellMean, out, leftSum, leftSquares);
    double deviation = 0;
    for (int p = start; p < end; p++) {
      deviation += features.ssd[order[p]];
    }
    double spread = 0;
    double shiftSquared = 0;
    for (int a = 0; a < d; a++) {
      double shift = leftSum[a] / total;
      outMean[out + a] = cellMean[out + a] + shift;
      spread += leftSquares[a];
      shiftSquared += shift * shift;
    }
    deviation += Math.max(0, spread - total * shiftSquared);
    outWeight[cell] = total;
    outSsd[cell] = deviation;
  }

  private void pushIfSplittable(int cell) {
    if (cellEnd[cell] - cellStart[cell] < 2 || !(cellPriority[cell] > 0)) {
      return;
    }
    int at = heapSize++;
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (cellPriority[heap[parent]] >= cellPriority[cell]) {
        break;
      }
      heap[at] = heap[parent];
      at = parent;
    }
    heap[at] = cell;
  }

  private int pop() {
    int top = heap[0];
    int last = heap[--heapSize];
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && cellPriority[heap[child + 1]] > cellPriority[heap[child]]) {
        child++;
      }
      if (cellPriority[heap[child]] <= cellPriority[last]) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = last;
    return top;
  }
}
