package io.sketches.quantiles;

import io.sketches.internal.Mix64;
import java.util.Arrays;

/**
 * The compactors of a KLL sketch, laid out as DataSketches does: all retained keys in one {@code
 * long[]}, level h in {@code items[offsets[h] .. offsets[h+1])}, level 0 lowest in the array with
 * the free space below it, so an update is one store at {@code --offsets[0]}. Every level above 0
 * is sorted; an item of level h stands for 2^h stream items, so the count is Σ size(h)·2^h exactly
 * (a compaction turns 2m items of weight w into m of weight 2w).
 *
 * <p><b>Compaction</b> (Karnin, Lang and Liberty 2016, §3, with lazy compaction as in DataSketches'
 * KLL): when the levels together hold their {@link Capacities#total total}, the lowest level at or
 * over its own capacity is compacted: sorted (level 0), one item left behind if its size is odd,
 * and of the rest the items at even or at odd positions, chosen by one coin, promoted to level h +
 * 1 by a merge of sorted runs.
 *
 * <p><b>Coins</b> with reduced randomness (Ivkin, Liberty, Lang, Karnin and Braverman, "Streaming
 * quantiles algorithms with small space and update time", 2019, §3): a level's compactions come in
 * pairs, the first flips a fresh coin, the second takes the opposite one, so the two errors of a
 * pair cancel for every query that both touch. The pending coin of each level is state ({@code
 * pendingMask}, {@code pendingBits}) and is serialized. A fresh coin is a bit of a mix of the seed,
 * the count, the level and the level's smallest and largest keys and size: deterministic, and
 * different across sketches that share a seed but see other data (Spark partitions).
 *
 * <p><b>Chained coins in a merge.</b> A merge compacts its levels bottom-up, mostly each once.
 * There a level that needs a fresh coin right after the level below it compacted takes the opposite
 * of that coin: the two compactions' errors, w and 2w for the queries both touch, then have
 * opposite signs, so their sum is at most 2w where independent coins reach 3w. On sorted parts,
 * where the error of a merged sketch is a sum of one such term per level, this lowers the worst
 * error by about a tenth, and by as much on random parts; the chain is an argument of the merge,
 * not state, so bytes read back merge as the sketch that wrote them would.
 */
final class Levels {
  /** Level h holds weight 2^h; with count < 2^63 a level above 62 can never hold an item. */
  static final int MAX_LEVELS = 62;

  final int k;
  final long seed;
  long[] items;
  int[] offsets;
  int numLevels;
  long pendingMask;
  long pendingBits;
  int capacity;

  /** Capacity of each level for the current number of levels, kept so a compaction divides not. */
  private int[] levelCapacities;

  /** The sorted view of the levels above 0 (immutable), until the next compaction changes them. */
  private SortedView upperView;

  /** No coin to chain to: a compaction outside a merge, or the first of a merge's chain. */
  private static final int NO_CHAIN = -1;

  /** The longest level above a compacted one that {@link #mergeUp} copies aside. */
  private static final int SIDE_MAX = 128;

  /**
   * Room for a copy of the level above a compacted one (see mergeUp), at most SIDE_MAX; not state.
   */
  private long[] scratch = new long[0];

  Levels(int k, long seed) {
    this(k, seed, new long[0], new int[] {0, 0}, 1, 0, 0);
  }

  Levels(
      int k,
      long seed,
      long[] items,
      int[] offsets,
      int numLevels,
      long pendingMask,
      long pendingBits) {
    this.k = k;
    this.seed = seed;
    this.items = items;
    this.offsets = offsets;
    this.numLevels = numLevels;
    this.pendingMask = pendingMask;
    this.pendingBits = pendingBits;
    setCapacities();
  }

  private void setCapacities() {
    levelCapacities = new int[numLevels];
    capacity = 0;
    for (int h = 0; h < numLevels; h++) {
      levelCapacities[h] = Capacities.level(k, numLevels, h);
      capacity += levelCapacities[h];
    }
  }

  /** A copy sharing what never changes in place: the capacities and the kept view. */
  private Levels(Levels other) {
    this.k = other.k;
    this.seed = other.seed;
    this.items = other.items.clone();
    this.offsets = other.offsets.clone();
    this.numLevels = other.numLevels;
    this.pendingMask = other.pendingMask;
    this.pendingBits = other.pendingBits;
    this.levelCapacities = other.levelCapacities; // replaced, never written, by setCapacities
    this.capacity = other.capacity;
    this.upperView = other.upperView;
  }

  Levels copy() {
    return new Levels(this);
  }

  /** The kept sorted view of the levels above 0, or null if a compaction has changed them since. */
  SortedView upperView() {
    return upperView;
  }

  void keepUpperView(SortedView view) {
    upperView = view;
  }

  int retained() {
    return items.length - offsets[0];
  }

  int size(int level) {
    return offsets[level + 1] - offsets[level];
  }

  /**
   * Appends one key to level 0, compacting first if the levels are full; {@code count}, the items
   * seen before it, keys the coins.
   */
  void append(long key, long count) {
    if (offsets[0] == 0 || items.length - offsets[0] >= capacity) {
      makeRoom(count);
    }
    items[--offsets[0]] = key;
  }

  private void makeRoom(long count) {
    if (retained() >= capacity) {
      compactOnce(count);
    }
    if (offsets[0] == 0) {
      grow(Math.min(capacity, Math.max(2 * items.length, Capacities.MIN_WIDTH)));
    }
  }

  /** Moves the keys to the top of a longer array: memory grows with the stream up to capacity. */
  private void grow(int length) {
    int delta = length - items.length;
    long[] larger = new long[length];
    System.arraycopy(items, 0, larger, delta, items.length);
    items = larger;
    for (int h = 0; h <= numLevels; h++) {
      offsets[h] += delta;
    }
  }

  /**
   * Compacts until the levels fit their total capacity, after a merge: a level that needs a fresh
   * coin right after the level below it compacted takes the opposite of that coin (the chain).
   */
  private void compactToCapacity(long count) {
    int lastLevel = -2;
    int lastCoin = 0;
    while (retained() > capacity) {
      int level = lowestFullLevel();
      lastCoin = compact(level, count, level == lastLevel + 1 ? 1 - lastCoin : NO_CHAIN);
      lastLevel = level;
    }
  }

  /** Compacts the lowest level at or over its capacity (an update's compaction: no chain). */
  private void compactOnce(long count) {
    compact(lowestFullLevel(), count, NO_CHAIN);
  }

  /** The lowest level at or over its capacity, after adding a level above it if it is the top. */
  private int lowestFullLevel() {
    int level = 0;
    while (size(level) < levelCapacities[level]) {
      level++; // some level is at capacity: the total is
    }
    if (level == numLevels - 1) {
      addTopLevel();
    }
    return level;
  }

  private void addTopLevel() {
    if (numLevels >= MAX_LEVELS) {
      throw new IllegalStateException("a level above " + MAX_LEVELS + " cannot hold an item");
    }
    if (offsets.length < numLevels + 2) {
      offsets = Arrays.copyOf(offsets, numLevels + 2);
    }
    offsets[numLevels + 1] = offsets[numLevels];
    numLevels++;
    setCapacities();
  }

  /**
   * Halves level {@code level} into the level above (KLL's compaction): the kept half is the
   * coin-chosen every other item of the sorted level, merged with the sorted level above; levels
   * below move up into the freed space.
   */
  private int compact(int level, long count, int chained) {
    upperView = null;
    long[] buf = items;
    int[] offs = offsets;
    int rawBegin = offs[level];
    int rawEnd = offs[level + 1];
    int sizeAbove = offs[level + 2] - rawEnd;
    if (level == 0) {
      sortLevelZero(buf, rawBegin, rawEnd);
    }
    int odd = (rawEnd - rawBegin) & 1;
    int begin = rawBegin + odd; // the odd one out (the smallest) stays
    int half = (rawEnd - begin) >>> 1;
    int offset = coin(level, count, buf[begin], buf[rawEnd - 1], 2 * half, chained);
    if (sizeAbove == 0) {
      for (int i = rawEnd - 1, j = rawEnd - 2 + offset; i >= begin + half; i--, j -= 2) {
        buf[i] = buf[j];
      }
    } else {
      for (int i = 0; i < half; i++) {
        buf[begin + i] = buf[begin + 2 * i + offset];
      }
      mergeUp(buf, begin, half, rawEnd, sizeAbove);
    }
    int levelEnd = rawEnd - half;
    offs[level + 1] = levelEnd;
    offs[level] = levelEnd - odd;
    if (odd != 0) {
      buf[levelEnd - 1] = buf[rawBegin];
    }
    if (level > 0) {
      int bottom = offs[0];
      System.arraycopy(buf, bottom, buf, bottom + half, rawBegin - bottom);
      for (int h = 0; h < level; h++) {
        offs[h] += half;
      }
    }
    return offset;
  }

  /**
   * Level 0 up to this size is sorted by {@link #sortLevelZero}'s network, larger by Arrays.sort.
   */
  private static final int NETWORK_SORT_MAX = 32;

  /**
   * Sorts level 0 (a few dozen keys in a full sketch, ~15 at k = 200). Up to {@value
   * #NETWORK_SORT_MAX} keys by straight insertion done as a network (Knuth, TAOCP vol. 3, §5.3.4,
   * the insertion network): each key is carried down the sorted prefix, every step leaving the
   * larger of carry and prefix key in place and carrying the smaller on, so no branch depends on
   * the keys. Twice the comparisons of a plain insertion sort, but Arrays.sort's insertion loop
   * exits after a data-dependent number of steps, a mispredicted branch for about every key of a
   * random level 0; this took the update of 2^20 doubles at k = 200 from 32 to 27 ms.
   */
  static void sortLevelZero(long[] buf, int begin, int end) {
    if (end - begin > NETWORK_SORT_MAX) {
      Arrays.sort(buf, begin, end);
      return;
    }
    for (int i = begin + 1; i < end; i++) {
      long carry = buf[i];
      for (int j = i; j > begin; j--) {
        long y = buf[j - 1];
        buf[j] = y > carry ? y : carry;
        carry = y > carry ? carry : y;
      }
      buf[begin] = carry;
    }
  }

  /**
   * The coin of the next compaction of {@code level}, 0 or 1 (the odd or the even ranks kept): the
   * opposite of the level's pending coin if it has one (the second of a pair), else a fresh one,
   * from the level's {@code lowest} and {@code highest} compacted keys and its even {@code size},
   * that becomes pending: {@code chained} if it is a coin (in a merge, the opposite of the coin
   * just taken at the level below), not {@link #NO_CHAIN}.
   */
  private int coin(int level, long count, long lowest, long highest, int size, int chained) {
    long bit = 1L << level;
    int coin;
    if ((pendingMask & bit) != 0) {
      coin = (int) (~pendingBits >>> level) & 1;
      pendingMask &= ~bit;
      pendingBits &= ~bit;
    } else {
      coin = chained != NO_CHAIN ? chained : freshCoin(seed, level, count, lowest, highest, size);
      pendingMask |= bit;
      pendingBits |= (long) coin << level;
    }
    return coin;
  }

  /**
   * A fresh coin, 0 or 1: a bit of a mix of the seed, the count, the level and the compacted run's
   * smallest and largest keys and size.
   */
  private static int freshCoin(long seed, int level, long count, long first, long last, int size) {
    long mixed =
        Mix64.mix(
            seed
                + Mix64.mix(count)
                + Mix64.GOLDEN_GAMMA * (level + 1)
                + Mix64.mix(first ^ Mix64.mix(last + size)));
    return (int) (mixed >>> 63);
  }

  /**
   * Merges the sorted run {@code buf[a .. a+aLength)} with the sorted run {@code buf[b ..
   * b+bLength)} above it into {@code buf[b-aLength .. b+bLength)}, which lies above a + aLength.
   * Run b, up to {@value #SIDE_MAX} keys, is first copied aside, so that the two runs, which the
   * output then overlaps not, merge from both ends at once: about a tenth less time per update than
   * in place front to back (merges into a level of at most 64 keys only gave none of it: the levels
   * higher up count). Longer runs, the top levels of a large k, merge in place.
   */
  private void mergeUp(long[] buf, int a, int aLength, int b, int bLength) {
    if (bLength > SIDE_MAX) {
      mergeRuns(buf, a, aLength, b, bLength, b - aLength);
      return;
    }
    long[] side = scratch;
    if (side.length < bLength) {
      side = scratch = new long[Math.min(SIDE_MAX, Math.max(bLength, side.length * 3 / 2))];
    }
    System.arraycopy(buf, b, side, 0, bLength);
    mergeRuns(buf, a, aLength, side, 0, bLength, buf, b - aLength);
  }

  /**
   * Merges the sorted runs {@code buf[a .. a+aLength)} and {@code buf[b .. b+bLength)} into {@code
   * buf[target ..)}, front to back; in place when target + i + j never passes b + j, as in {@link
   * #mergeUp}.
   */
  static void mergeRuns(long[] buf, int a, int aLength, int b, int bLength, int target) {
    int aEnd = a + aLength;
    int bEnd = b + bLength;
    while (a < aEnd && b < bEnd) {
      long x = buf[a];
      long y = buf[b];
      int takeB = y < x ? 1 : 0; // branch-free, as below
      a += 1 - takeB;
      buf[target++] = takeB == 1 ? y : x;
      b += takeB;
    }
    System.arraycopy(buf, a, buf, target, aEnd - a);
    target += aEnd - a;
    System.arraycopy(buf, b, buf, target, bEnd - b);
  }

  /**
   * Merges the sorted runs {@code aBuf[a .. a+aLength)} and {@code bBuf[b .. b+bLength)} into
   * {@code out[target ..)}, which overlaps neither. Branch-free: on random keys the comparison is a
   * coin toss the predictor cannot learn. From both ends at once, the smallest of the rest to the
   * front and the largest to the back: two independent chains of loads and comparisons that the
   * processor overlaps, about a quarter less time for a merge of two sketches. Equal keys are equal
   * longs, so which run gives one does not change the result.
   */
  static void mergeRuns(
      long[] aBuf, int a, int aLength, long[] bBuf, int b, int bLength, long[] out, int target) {
    int aLast = a + aLength - 1;
    int bLast = b + bLength - 1;
    int front = target;
    int back = target + aLength + bLength - 1;
    while (a <= aLast && b <= bLast) {
      long x = aBuf[a];
      long y = bBuf[b];
      int takeB = y < x ? 1 : 0;
      out[front++] = takeB == 1 ? y : x;
      b += takeB;
      a += 1 - takeB;
      if (a > aLast || b > bLast) {
        break;
      }
      long xLast = aBuf[aLast];
      long yLast = bBuf[bLast];
      int takeA = xLast > yLast ? 1 : 0;
      out[back--] = takeA == 1 ? xLast : yLast;
      aLast -= takeA;
      bLast -= 1 - takeA;
    }
    // one run is used up: the other's rest fills out[front .. back]
    System.arraycopy(aBuf, a, out, front, aLast - a + 1);
    System.arraycopy(bBuf, b, out, front, bLast - b + 1);
  }

  /**
   * The levels of two sketches together, compacted to the capacity of the smaller k: each level the
   * merge of the two sorted levels (level 0 concatenated, it is sorted when compacted). Pending
   * coins combine symmetrically: one pending stays pending; two opposite ones already form a pair,
   * so none is left; two equal ones leave that coin pending, so the next compaction takes the
   * opposite.
   */
  static Levels merge(Levels a, Levels b, long count) {
    int numLevels = Math.max(a.numLevels, b.numLevels);
    long[] items = new long[a.retained() + b.retained()];
    int[] offsets = new int[numLevels + 1];
    int position = 0;
    for (int h = 0; h < numLevels; h++) {
      offsets[h] = position;
      int aSize = h < a.numLevels ? a.size(h) : 0;
      int bSize = h < b.numLevels ? b.size(h) : 0;
      int aBegin = h < a.numLevels ? a.offsets[h] : 0;
      int bBegin = h < b.numLevels ? b.offsets[h] : 0;
      if (h == 0) {
        System.arraycopy(a.items, aBegin, items, position, aSize);
        System.arraycopy(b.items, bBegin, items, position + aSize, bSize);
      } else {
        mergeRuns(a.items, aBegin, aSize, b.items, bBegin, bSize, items, position);
      }
      position += aSize + bSize;
    }
    offsets[numLevels] = position;
    long both = a.pendingMask & b.pendingMask;
    long sameCoin = both & ~(a.pendingBits ^ b.pendingBits);
    long pendingMask = (a.pendingMask ^ b.pendingMask) | sameCoin;
    long pendingBits = (a.pendingBits | b.pendingBits) & pendingMask;
    Levels merged =
        new Levels(Math.min(a.k, b.k), a.seed, items, offsets, numLevels, pendingMask, pendingBits);
    merged.compactToCapacity(count);
    return merged;
  }
}
