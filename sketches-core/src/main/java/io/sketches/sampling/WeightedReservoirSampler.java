package io.sketches.sampling;

import io.sketches.ItemSerde;
import io.sketches.Sketch;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.util.FastMath;

/**
 * A weighted random sample of k items without replacement, kept by Efraimidis and Spirakis's
 * algorithm A-ExpJ ("Weighted random sampling with a reservoir", Information Processing Letters
 * 97(5), 2006): mergeable, seeded, and serializable with its generator state.
 *
 * <p><b>Guarantee.</b> Each item gets the key u<sup>1/w</sup> (u uniform, w its weight) and the
 * sample is the k items of largest key, which is the same as drawing k items one after another,
 * each with probability proportional to its weight among those not yet drawn (Efraimidis and
 * Spirakis, Theorem 1). For k = 1 an item of weight w is drawn with probability w / Σw.
 *
 * <p><b>A-ExpJ.</b> Keys are kept as log u / w in a min-heap of size k. Once full, with T the
 * smallest kept key, the weight skipped before the next insertion is exponential: X = log(r) /
 * log(T); the item where the skipped weight reaches X is inserted with a key drawn uniformly above
 * T<sup>w</sup> (the paper's r₂ ∈ (T<sup>w</sup>, 1)), replacing the smallest. Skipped items cost a
 * subtraction and never touch the generator; about k·log(n/k) insertions for n items of similar
 * weights.
 *
 * <p><b>Merge</b> is exact in distribution: keys are independent across streams, so the k largest
 * keys of the union are the sample of the concatenated stream. Samplers of different k merge to the
 * smaller k. The jump state is redrawn from the merged smallest key (the exponential jump is
 * memoryless), with the receiver's generator keyed with the other's state.
 *
 * <p><b>Determinism.</b> As for {@link ReservoirSampler}: same seed, same items and weights in the
 * same order give the same sample and bytes; the generator is keyed with each item's hash while the
 * reservoir fills, so samplers sharing a seed diverge as soon as their items differ.
 *
 * @param <T> the item type, any class: only {@link #toByteArray} needs an {@link ItemSerde}
 */
public final class WeightedReservoirSampler<T> implements Sketch<WeightedReservoirSampler<T>> {
  /** The largest sample size. */
  public static final int MAX_K = 1 << 24;

  static final int SERIAL_VERSION = 1;

  private final long seed;
  private int k;
  private ItemSerde<T> serde;
  private long count;
  private double totalWeight;

  /** Min-heap on {@code logKeys}: log u / w of each kept item; {@code items} follow the keys. */
  private double[] logKeys;

  private Object[] items;
  private int size;
  private final SplitMix64 random;

  /** Weight still to be skipped before the next insertion (A-ExpJ's X_w); valid when full. */
  private double skipWeight;

  private WeightedReservoirSampler(int k, long seed, ItemSerde<T> serde, SplitMix64 random) {
    this.k = k;
    this.seed = seed;
    this.serde = serde;
    this.random = random;
    int capacity = Math.min(k, 16);
    this.logKeys = new double[capacity];
    this.items = new Object[capacity];
  }

  /**
   * A sampler of {@code k} items of any class; as for {@link ReservoirSampler#create(int, long)},
   * only {@link #toByteArray} needs a serde, built in for {@code Long}, {@code Double}, {@code
   * String}, {@code byte[]} and {@code Integer}.
   */
  public static <T> WeightedReservoirSampler<T> create(int k, long seed) {
    SamplerItems.checkK(k, MAX_K);
    return new WeightedReservoirSampler<>(k, seed, null, SplitMix64.seeded(seed));
  }

  /** A sampler of {@code k} items written through {@code serde}. */
  public static <T> WeightedReservoirSampler<T> create(int k, long seed, ItemSerde<T> serde) {
    SamplerItems.checkK(k, MAX_K);
    return new WeightedReservoirSampler<>(
        k, seed, SamplerItems.checkSerde(serde), SplitMix64.seeded(seed));
  }

  /**
   * Offers one item with its weight (size, price, importance).
   *
   * @throws IllegalArgumentException if the weight is not positive and finite or the item is null;
   *     the sampler is then unchanged
   * @throws ArithmeticException if the total weight would pass {@code Double.MAX_VALUE} or the
   *     count 2^63 − 2; the sampler is then unchanged
   */
  public WeightedReservoirSampler<T> update(T item, double weight) {
    if (!(weight > 0 && weight < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("weight must be positive and finite: " + weight);
    }
    if (item == null) {
      throw new IllegalArgumentException("items must not be null: null");
    }
    double newTotalWeight = checkedTotal(totalWeight, weight);
    if (count == SamplerItems.MAX_COUNT) {
      throw SamplerItems.countOverflow(count, 1);
    }
    if (serde == null && count == 0) {
      serde = SamplerItems.builtInOrNull(item);
    }
    count++;
    totalWeight = newTotalWeight;
    if (size < k) {
      random.rekey(SamplerItems.keyHash(serde, item));
      insert(PortableMath.log(random.nextOpenUnit()) / weight, item);
      if (size == k) {
        scheduleNextInsertion();
      }
    } else if ((skipWeight -= weight) <= 0) {
      // A-ExpJ: the key is drawn uniformly above T^w: log(T^w + (1 − T^w)·v) / w, written with
      // log1p and expm1 so that it stays exact when T^w is close to 1.
      double smallest = logKeys[0];
      double logKey =
          PortableMath.log1p(FastMath.expm1(weight * smallest) * random.nextOpenUnit()) / weight;
      replaceSmallest(Math.max(logKey, smallest), item);
      scheduleNextInsertion();
    }
    return this;
  }

  /** {@code total + weight}, which must stay finite, so that {@link #totalWeight()} is. */
  private static double checkedTotal(double total, double weight) {
    double sum = total + weight;
    if (sum == Double.POSITIVE_INFINITY) {
      throw new ArithmeticException(
          "the total weight would pass Double.MAX_VALUE: " + total + " + " + weight);
    }
    return sum;
  }

  /** The sampled items, in heap order; unmodifiable snapshot. */
  @SuppressWarnings("unchecked")
  public List<T> sample() {
    return Collections.unmodifiableList(Arrays.asList((T[]) Arrays.copyOf(items, size)));
  }

  /** Items offered so far, merged samplers included. */
  public long count() {
    return count;
  }

  /** Sum of the weights offered so far. */
  public double totalWeight() {
    return totalWeight;
  }

  public int k() {
    return k;
  }

  public long seed() {
    return seed;
  }

  private void scheduleNextInsertion() {
    // A-ExpJ: X_w = log(r) / log(T_w), the exponential amount of weight to skip.
    skipWeight = PortableMath.log(random.nextOpenUnit()) / logKeys[0];
  }

  private void insert(double logKey, Object item) {
    if (size == logKeys.length) {
      int capacity = Math.min(k, 2 * size);
      logKeys = Arrays.copyOf(logKeys, capacity);
      items = Arrays.copyOf(items, capacity);
    }
    int at = size++;
    while (at > 0 && logKeys[(at - 1) / 2] > logKey) { // sift up
      logKeys[at] = logKeys[(at - 1) / 2];
      items[at] = items[(at - 1) / 2];
      at = (at - 1) / 2;
    }
    logKeys[at] = logKey;
    items[at] = item;
  }

  private void replaceSmallest(double logKey, Object item) {
    int at = 0;
    while (true) { // sift down
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && logKeys[child + 1] < logKeys[child]) {
        child++;
      }
      if (logKeys[child] >= logKey) {
        break;
      }
      logKeys[at] = logKeys[child];
      items[at] = items[child];
      at = child;
    }
    logKeys[at] = logKey;
    items[at] = item;
  }

  /**
   * Folds {@code other} in: the min(k, other.k) largest keys of both (exact). {@code other} is
   * unchanged.
   *
   * @throws io.sketches.IncompatibleSketchException if the item serdes differ
   * @throws ArithmeticException if the total weight would pass {@code Double.MAX_VALUE} or the
   *     count 2^63 − 2; this sampler is then unchanged
   */
  @Override
  public WeightedReservoirSampler<T> merge(WeightedReservoirSampler<T> other) {
    SamplerItems.checkOther(other);
    ItemSerde<T> mergedSerde = SamplerItems.mergedSerde(serde, other.serde);
    double mergedTotalWeight = checkedTotal(totalWeight, other.totalWeight);
    long mergedCount = SamplerItems.mergedCount(count, other.count);
    if (other == this) {
      other = other.copy();
    }
    int mergedK = Math.min(k, other.k);
    serde = mergedSerde;
    if (count == 0 && mergedK == other.k) {
      adopt(other);
      return this;
    }
    if (other.count == 0 && mergedK == k) {
      return this;
    }
    // The union in one list, ours first; sorted ascending by key, ties by position descending,
    // its last entries are the largest keys with ties to this sampler's entries (A-ExpJ keeps the
    // k largest keys), and ascending keys form a valid min-heap.
    int union = size + other.size;
    double[] keys = new double[union];
    Object[] unionItems = new Object[union];
    System.arraycopy(logKeys, 0, keys, 0, size);
    System.arraycopy(other.logKeys, 0, keys, size, other.size);
    System.arraycopy(items, 0, unionItems, 0, size);
    System.arraycopy(other.items, 0, unionItems, size, other.size);
    int[] order = KeyOrder.sorted(keys);
    int kept = Math.min(mergedK, union);
    if (logKeys.length != Math.max(kept, 1)) {
      logKeys = new double[Math.max(kept, 1)];
      items = new Object[Math.max(kept, 1)];
    }
    for (int i = 0; i < kept; i++) { // our entries were copied out: the arrays take the result
      logKeys[i] = keys[order[union - kept + i]];
      items[i] = unionItems[order[union - kept + i]];
    }
    Arrays.fill(items, kept, items.length, null);
    size = kept;
    k = mergedK;
    count = mergedCount;
    totalWeight = mergedTotalWeight;
    if (size == k) {
      random.rekey(other.random.state() ^ other.count ^ Double.doubleToLongBits(other.totalWeight));
      scheduleNextInsertion();
    }
    return this;
  }

  private void adopt(WeightedReservoirSampler<T> other) {
    k = other.k;
    count = other.count;
    totalWeight = other.totalWeight;
    size = other.size;
    logKeys = other.logKeys.clone();
    items = other.items.clone();
    skipWeight = other.skipWeight;
    random.setState(other.random.state());
  }

  @Override
  public WeightedReservoirSampler<T> copy() {
    WeightedReservoirSampler<T> copy =
        new WeightedReservoirSampler<>(k, seed, serde, random.copy());
    copy.count = count;
    copy.totalWeight = totalWeight;
    copy.size = size;
    copy.logKeys = logKeys.clone();
    copy.items = items.clone();
    copy.skipWeight = skipWeight;
    return copy;
  }

  /**
   * The sampler in the library's byte format (type {@link SketchType#WEIGHTED_RESERVOIR}, serial
   * version 1): k, serde id, seed, count, total weight, generator state, the weight still to skip
   * once full, then min(k, count) entries of log-key and item in heap order; see {@code
   * docs/sampling.md}.
   *
   * @throws IllegalStateException if the sampler holds items of a class without a built-in serde
   *     and was created without one
   */
  @Override
  public byte[] toByteArray() {
    SamplerItems.checkWritable(serde, items, size);
    SketchWriter out =
        SketchFormat.writer(SketchType.WEIGHTED_RESERVOIR, SERIAL_VERSION, 0, 48 + 17 * size);
    new SamplerItems.Header<>(k, serde, seed, count).write(out);
    out.putDouble(totalWeight).putLong(random.state());
    if (size == k) {
      out.putDouble(skipWeight);
    }
    for (int i = 0; i < size; i++) {
      out.putDouble(logKeys[i]);
      SamplerItems.writeItems(out, serde, items, i, i + 1);
    }
    return out.toByteArray();
  }

  /**
   * Reads a sampler written by {@link #toByteArray} with the serde it was written with.
   *
   * @throws io.sketches.SketchFormatException if the bytes are not a valid weighted sampler
   */
  public static <T> WeightedReservoirSampler<T> fromByteArray(byte[] bytes, ItemSerde<T> serde) {
    return read(bytes, SamplerItems.checkSerde(serde));
  }

  /** Reads a sampler of built-in items, resolving the serde from the id in the bytes. */
  public static WeightedReservoirSampler<?> fromByteArray(byte[] bytes) {
    return read(bytes, null);
  }

  private static <T> WeightedReservoirSampler<T> read(byte[] bytes, ItemSerde<T> serdeOrNull) {
    SketchReader in = SketchFormat.reader(bytes, SketchType.WEIGHTED_RESERVOIR, SERIAL_VERSION);
    SamplerItems.Header<T> header = SamplerItems.Header.read(in, MAX_K, serdeOrNull);
    long count = header.count();
    long k = header.k();
    ItemSerde<T> serde = header.serde();
    double totalWeight = in.getDouble();
    in.check(
        count == 0
            ? Double.doubleToRawLongBits(totalWeight) == 0
            : totalWeight > 0 && totalWeight <= Double.MAX_VALUE,
        "total weight %s does not fit count %d (positive and finite once an item is seen)",
        totalWeight,
        count);
    WeightedReservoirSampler<T> sampler =
        new WeightedReservoirSampler<>(
            header.k(), header.seed(), serde, SplitMix64.atState(in.getLong()));
    sampler.count = count;
    sampler.totalWeight = totalWeight;
    int size = (int) Math.min(count, k);
    if (size == k) {
      sampler.skipWeight = in.getDouble();
      // ≥ +0.0: log(r) < 0 over a log-key ≤ −0.0 (+∞ when that key is −0.0)
      in.check(
          sampler.skipWeight >= 0 && Double.compare(sampler.skipWeight, 0.0) >= 0,
          "the weight to skip must be ≥ +0.0, found %s",
          sampler.skipWeight);
    }
    in.check(
        size <= in.remaining() / 9,
        "%d entries cannot fit in the %d remaining bytes",
        size,
        in.remaining());
    sampler.logKeys = new double[Math.max(size, 1)];
    sampler.items = new Object[Math.max(size, 1)];
    for (int i = 0; i < size; i++) {
      double logKey = in.getDouble();
      // log u / w for u in (0, 1) is < 0, or −0.0 when it underflows; never +0.0 or NaN
      in.check(Double.compare(logKey, -0.0) <= 0, "log-keys must be ≤ −0.0, found %s", logKey);
      in.check(
          i == 0 || sampler.logKeys[(i - 1) / 2] <= logKey,
          "entry %d breaks the heap order of log-keys",
          i);
      sampler.logKeys[i] = logKey;
      sampler.items[i] = SamplerItems.readItem(in, serde);
    }
    sampler.size = size;
    in.expectEnd();
    return sampler;
  }

  @Override
  public String toString() {
    return "WeightedReservoirSampler[k="
        + k
        + ", count="
        + count
        + ", totalWeight="
        + totalWeight
        + "]";
  }
}
