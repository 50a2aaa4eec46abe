package io.sketches.sampling;

import static com.google.common.base.Preconditions.checkArgument;

import io.sketches.ItemSerde;
import io.sketches.Sketch;
import io.sketches.SketchType;
import io.sketches.format.SketchFormat;
import io.sketches.format.SketchReader;
import io.sketches.format.SketchWriter;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * A uniform random sample of k items from a stream of unknown length, kept by Algorithm L (Kim-Hung
 * Li, "Reservoir-sampling algorithms of time complexity O(n(1 + log(N/n)))", ACM TOMS 20(4), 1994),
 * mergeable, seeded, and serializable with its generator state.
 *
 * <p><b>Guarantee.</b> After n items, the sample is a uniformly random subset of size min(k, n) of
 * the stream: every item is included with probability k/n, and every set of k items equally likely
 * (so pairs are included with probability k(k−1)/(n(n−1)), and so on for every order). This holds
 * for a single stream, after {@link #merge merges} in any tree, and across {@link #toByteArray} /
 * {@link #fromByteArray} round trips.
 *
 * <p><b>Algorithm L.</b> The first k items fill the reservoir. Then, with W the largest of k
 * uniform keys (W = U<sup>1/k</sup>, Li eq. (3)), the number of items skipped before the next
 * admitted one is geometric: S = ⌊log U / log(1 − W)⌋; the admitted item replaces a uniformly
 * chosen slot and W ← W · U<sup>1/k</sup>. Skipped items cost one counter step and never touch the
 * generator; the {@code updateAll} paths jump over them without reading them. Expected admissions
 * after n items: k(1 + H<sub>n</sub> − H<sub>k</sub>) ≈ k(1 + ln(n/k)), each using three 64-bit
 * draws (Algorithm R draws once per item).
 *
 * <p><b>Merge.</b> Of two samplers that saw n₁ and n₂ items, the merged sample takes m items from
 * the first and k' − m from the second, k' = min(k₁, k₂, n₁ + n₂), where m is drawn slot by slot
 * with probability proportional to the remaining counts (a hypergeometric draw, the law of |S ∩
 * stream₁| for a uniform k'-subset S of the union), and each part is a uniform sub-sample of that
 * reservoir. The result is exactly a uniform k'-subset of the union: first- and higher-order
 * inclusion probabilities are those of a single stream. Samplers of different k merge to the
 * smaller k. The randomness comes from the receiving sampler's generator after keying it with the
 * other's state and items; the Algorithm L state is rebuilt by drawing W as the k-th smallest of n
 * uniform keys, W ~ Beta(k, n − k + 1), so later updates continue correctly.
 *
 * <p><b>Determinism.</b> All randomness comes from the seed: the same seed and the same items in
 * the same order give the same sample and the same bytes, and a deserialized sampler continues
 * exactly as the original. When the reservoir first fills, the generator is keyed with a hash of
 * the first k items, so samplers that share a seed (one per Spark partition) make independent
 * choices as soon as their data differ. Logarithms and exponentials are computed in plain Java
 * arithmetic ({@link PortableMath}), so every JVM and CPU draws the same samples.
 *
 * <p><b>Size.</b> Above the few screens a class should fit, on purpose: the update paths (one item,
 * iterables, arrays, unboxed longs), the merge and the bytes all read and write one state (the
 * reservoir, Li's W, the next admission and the generator), and splitting them apart would hand
 * that state to other classes. What is shared with {@link WeightedReservoirSampler} is in {@code
 * SamplerItems}; the batch of admissions is {@code AdmissionBatch}.
 *
 * @param <T> the item type, any class: sampling needs no serde, {@link #toByteArray} writes the
 *     items through an {@link ItemSerde} (given at creation, or built in for the class)
 */
public final class ReservoirSampler<T> implements Sketch<ReservoirSampler<T>> {
  /** The largest sample size. */
  public static final int MAX_K = 1 << 24;

  static final int SERIAL_VERSION = 1;
  private static final int INITIAL_CAPACITY = 16;

  /** The largest k for which {@code updateAll(long[])} may hold k unboxed longs while it runs. */
  private static final int MAX_DEFERRED_BOXING_K = 1 << 16;

  private final long seed;
  private int k;
  private ItemSerde<T> serde;
  private long count;
  private Object[] reservoir;
  private final SplitMix64 random;

  /** Li's W: the largest key among the kept items; valid once count ≥ k. */
  private double threshold;

  /** The 1-based stream position of the next admitted item; valid once count ≥ k. */
  private long nextAdmission;

  private ReservoirSampler(int k, long seed, ItemSerde<T> serde, SplitMix64 random) {
    this.k = k;
    this.seed = seed;
    this.serde = serde;
    this.random = random;
    this.reservoir = new Object[Math.min(k, INITIAL_CAPACITY)];
  }

  /**
   * A sampler of {@code k} items of any class. Items of class {@code Long}, {@code Double}, {@code
   * String}, {@code byte[]} or {@code Integer} serialize through the built-in serde picked from the
   * class of the first item; a sampler of any other class samples the same way but {@link
   * #toByteArray} refuses it (use {@link #create(int, long, ItemSerde)} to serialize), and its
   * generator is keyed with the items' {@code hashCode()} (see {@link #serde()}).
   *
   * @throws IllegalArgumentException if k is not in [1, {@link #MAX_K}]
   */
  public static <T> ReservoirSampler<T> create(int k, long seed) {
    SamplerItems.checkK(k, MAX_K);
    return new ReservoirSampler<>(k, seed, null, SplitMix64.seeded(seed));
  }

  /**
   * A sampler of {@code k} items written through {@code serde}.
   *
   * @throws IllegalArgumentException if k is not in [1, {@link #MAX_K}] or serde is null
   */
  public static <T> ReservoirSampler<T> create(int k, long seed, ItemSerde<T> serde) {
    SamplerItems.checkK(k, MAX_K);
    return new ReservoirSampler<>(k, seed, SamplerItems.checkSerde(serde), SplitMix64.seeded(seed));
  }

  /**
   * Offers one item.
   *
   * @throws IllegalArgumentException if the item is null; the sampler is then unchanged
   * @throws ArithmeticException if the count would pass 2^63 − 2 (only a forged count gets there);
   *     the sampler is then unchanged
   */
  public ReservoirSampler<T> update(T item) {
    checkItem(item);
    if (count < k) {
      fill(item);
    } else if (++count == nextAdmission) {
      admit(item);
    }
    return this;
  }

  /**
   * Offers every item, jumping over the skipped ones: a {@link RandomAccess} list is read only at
   * the admitted positions (after a check that it holds no null), any other iterable is walked once
   * without touching the generator. For a non-random-access iterable that holds a null, the items
   * before the null have been offered when the exception is thrown.
   */
  public ReservoirSampler<T> updateAll(Iterable<T> items) {
    checkArgument(items != null, "items must not be null");
    if (items instanceof List && items instanceof RandomAccess) {
      List<T> list = (List<T>) items;
      for (int i = 0; i < list.size(); i++) {
        checkNotNull(list.get(i));
      }
      if (!list.isEmpty()) {
        checkItem(list.get(0));
      }
      return updateRange(0, list.size(), list::get);
    }
    Iterator<T> iterator = items.iterator();
    while (iterator.hasNext()) {
      T item = iterator.next();
      if (count < k) {
        update(item);
      } else {
        checkItem(item);
        if (++count == nextAdmission) {
          admit(item);
        }
      }
    }
    return this;
  }

  /** Offers {@code items[from..to)}, reading only the admitted ones after a check for nulls. */
  public ReservoirSampler<T> updateAll(T[] items, int from, int to) {
    checkArgument(items != null, "items must not be null");
    Objects.checkFromToIndex(from, to, items.length);
    for (int i = from; i < to; i++) {
      checkNotNull(items[i]);
    }
    if (from < to) {
      checkItem(items[from]);
    }
    return updateRange(from, to, i -> items[i]);
  }

  /**
   * Offers every long of the array, boxing only the admitted ones: the fast path, about k(1 +
   * ln(n/k)) steps for n items. For samplers of {@code Long} items with the built-in serde.
   *
   * @throws IllegalStateException if this sampler's serde is not {@link ItemSerde#longs()}
   */
  public ReservoirSampler<T> updateAll(long[] items) {
    checkArgument(items != null, "items must not be null");
    return updateAll(items, 0, items.length);
  }

  /** As {@link #updateAll(long[])}, over {@code items[from..to)}. */
  @SuppressWarnings("unchecked")
  public ReservoirSampler<T> updateAll(long[] items, int from, int to) {
    checkArgument(items != null, "items must not be null");
    Objects.checkFromToIndex(from, to, items.length);
    requireBuiltIn(ItemSerde.longs());
    int next = from;
    if (count < k && to - from >= k - count && reservoir.length < k) {
      reservoir = Arrays.copyOf(reservoir, k); // the reservoir will fill: size it once
    }
    while (next < to && count < k) {
      fill((T) Long.valueOf(items[next++]));
    }
    if (next < to && to - next >= count && k <= MAX_DEFERRED_BOXING_K) {
      return admitUnboxed(items, next, to);
    }
    // As updateRange, with the admitted longs gathered before they are boxed, so that no
    // allocation stands between the loads and their cache misses overlap.
    long[] values = new long[AdmissionBatch.SIZE];
    AdmissionBatch plan = new AdmissionBatch();
    while (next < to) {
      long before = count;
      int batch = planAdmissions(to - next, plan);
      for (int i = 0; i < batch; i++) {
        values[i] = items[next + plan.offsets[i]];
      }
      for (int i = 0; i < batch; i++) {
        reservoir[plan.slots[i]] = Long.valueOf(values[i]);
      }
      next += (int) (count - before);
    }
    return this;
  }

  /**
   * The long[] path for a range at least as long as the stream so far, where k·ln 2 or more
   * admissions are expected: the latest long admitted into each slot is kept unboxed and only the
   * final value of each slot touched is boxed, at the end (at most k boxes instead of one per
   * admission). The result is the same as boxing each admission.
   */
  private ReservoirSampler<T> admitUnboxed(long[] items, int from, int to) {
    long[] latest = new long[k];
    int[] touched = new int[k];
    boolean[] isTouched = new boolean[k];
    int touchedCount = 0;
    AdmissionBatch plan = new AdmissionBatch();
    int next = from;
    while (next < to) {
      long before = count;
      int batch = planAdmissions(to - next, plan);
      for (int i = 0; i < batch; i++) {
        int slot = plan.slots[i];
        latest[slot] = items[next + plan.offsets[i]];
        if (!isTouched[slot]) {
          isTouched[slot] = true;
          touched[touchedCount++] = slot;
        }
      }
      next += (int) (count - before);
    }
    for (int i = 0; i < touchedCount; i++) {
      reservoir[touched[i]] = Long.valueOf(latest[touched[i]]);
    }
    return this;
  }

  /**
   * As {@link #updateAll(long[])}, for samplers of {@code Double} items with the built-in serde.
   */
  @SuppressWarnings("unchecked")
  public ReservoirSampler<T> updateAll(double[] items) {
    checkArgument(items != null, "items must not be null");
    requireBuiltIn(ItemSerde.doubles());
    return updateRange(0, items.length, i -> (T) Double.valueOf(items[i]));
  }

  /** The sample: min(k, count) items, unmodifiable; a snapshot, not a view. */
  @SuppressWarnings("unchecked")
  public List<T> sample() {
    return Collections.unmodifiableList(Arrays.asList((T[]) Arrays.copyOf(reservoir, size())));
  }

  /** Items offered so far, merged samplers included. */
  public long count() {
    return count;
  }

  /** The sample size this sampler keeps (the smaller one after merging samplers of different k). */
  public int k() {
    return k;
  }

  public long seed() {
    return seed;
  }

  /**
   * The item serde: the one given at creation, else the built-in one for the class of the first
   * item; null while a sampler created without one has seen no item, or when its items' class has
   * no built-in serde (the generator is then keyed with the items' {@code hashCode()}, an enum's by
   * its name, so the sample is repeatable from run to run when that hash is).
   */
  public ItemSerde<T> serde() {
    return serde;
  }

  private int size() {
    return (int) Math.min(count, k);
  }

  private static void checkNotNull(Object item) {
    if (item == null) {
      throw new IllegalArgumentException("items must not be null: null");
    }
  }

  /** Refuses null; picks the built-in serde from the first item (before any change of state). */
  private void checkItem(T item) {
    checkNotNull(item);
    if (serde == null && count == 0) {
      serde = SamplerItems.builtInOrNull(item);
    }
  }

  private void requireBuiltIn(ItemSerde<?> builtIn) {
    if (serde == null && count == 0) {
      @SuppressWarnings("unchecked")
      ItemSerde<T> cast = (ItemSerde<T>) builtIn;
      serde = cast;
    } else if (serde != builtIn) {
      throw new IllegalStateException(
          "this primitive updateAll needs item serde id "
              + builtIn.id()
              + " but the sampler has id "
              + SamplerItems.idOf(serde));
    }
  }

  /** Items [from, to) given by {@code itemAt}, already checked: reads only the admitted ones. */
  private ReservoirSampler<T> updateRange(int from, int to, IntFunction<T> itemAt) {
    int next = from;
    while (next < to && count < k) {
      fill(itemAt.apply(next++));
    }
    // The random draws of an admission do not depend on the item, so a batch of admissions is
    // drawn first and the items are read afterwards: their cache misses then overlap.
    AdmissionBatch plan = new AdmissionBatch();
    while (next < to) {
      long before = count;
      int batch = planAdmissions(to - next, plan);
      for (int i = 0; i < batch; i++) {
        reservoir[plan.slots[i]] = itemAt.apply(next + plan.offsets[i]);
      }
      next += (int) (count - before);
    }
    return this;
  }

  /**
   * Draws the next admissions among the following {@code available} items of a full reservoir (see
   * {@link AdmissionBatch#plan}), advances the count past the last one (or past all {@code
   * available} items when the batch is not full) and returns their number.
   */
  private int planAdmissions(long available, AdmissionBatch plan) {
    if (available > SamplerItems.MAX_COUNT - count) {
      throw SamplerItems.countOverflow(count, available);
    }
    if (nextAdmission > count + available) {
      count += available;
      return 0;
    }
    int batch = plan.plan(random, k, count, threshold, nextAdmission, available);
    count = plan.countAfter;
    threshold = plan.thresholdAfter;
    nextAdmission = plan.nextAdmissionAfter;
    return batch;
  }

  private void fill(T item) {
    int size = size();
    if (size == reservoir.length) {
      reservoir = Arrays.copyOf(reservoir, Math.min(k, Math.max(INITIAL_CAPACITY, 2 * size)));
    }
    reservoir[size] = item;
    if (++count == k) {
      random.rekey(SamplerItems.hashOf(reservoir, k, serde));
      rebuildSkipState();
    }
  }

  private void admit(T item) {
    reservoir[drawAdmission()] = item;
  }

  /**
   * The random part of one admission: the slot it replaces, then Li's W and the next skip, from
   * three draws and three transcendental calls (see {@link AdmissionBatch}, which computes the same
   * numbers for a batch of admissions).
   */
  private int drawAdmission() {
    if (count > SamplerItems.MAX_COUNT) { // only at nextAdmission = Long.MAX_VALUE: never really
      count--;
      throw SamplerItems.countOverflow(count, 1);
    }
    long draw = random.nextLong();
    int slot = random.nextInt(k, draw);
    double split = AdmissionBatch.splitOf(draw);
    double gamma2 = -PortableMath.fastLog(random.nextOpenUnit() * random.nextOpenUnit());
    // Li 1994, Algorithm L: W ← W · exp(log(U) / k), the new largest of k uniform keys below W.
    threshold =
        AdmissionBatch.shrunk(
            threshold, PortableMath.fastExp(AdmissionBatch.shrinkExponent(gamma2, split, 1.0 / k)));
    nextAdmission = AdmissionBatch.admissionAfter(count, threshold, gamma2 * (1 - split));
    return slot;
  }

  /**
   * Draws Li's W for a full reservoir of a stream of {@code count} items: the k-th smallest of
   * count uniform keys, Beta(k, count − k + 1); for count = k the largest of k, U<sup>1/k</sup>.
   * The order statistics are independent of which items hold them, so this is the exact Algorithm L
   * state for the current sample, whatever merges produced it.
   */
  private void rebuildSkipState() {
    double w;
    if (count == k) {
      w = PortableMath.fastExp(PortableMath.fastLog(random.nextOpenUnit()) / k);
    } else {
      w = new BetaDistribution(random.asCommonsMath(), k, (double) (count - k + 1)).sample();
    }
    threshold = Math.min(Math.max(w, Double.MIN_NORMAL), Math.nextDown(1.0));
    nextAdmission =
        AdmissionBatch.admissionAfter(
            count, threshold, -PortableMath.fastLog(random.nextOpenUnit()));
  }

  /**
   * Folds {@code other} in: the result is a uniform sample of min(k, other.k) items of both streams
   * (see the class comment). {@code other} is unchanged.
   *
   * @throws io.sketches.IncompatibleSketchException if the item serdes differ
   * @throws ArithmeticException if the merged count would pass 2^63 − 2
   */
  @Override
  public ReservoirSampler<T> merge(ReservoirSampler<T> other) {
    SamplerItems.checkOther(other);
    ItemSerde<T> mergedSerde = SamplerItems.mergedSerde(serde, other.serde);
    if (other == this) {
      other = other.copy();
    }
    int mergedK = Math.min(k, other.k);
    serde = mergedSerde;
    if (other.count == 0) {
      shrinkTo(mergedK);
      return this;
    }
    if (count == 0 && mergedK == other.k) {
      adopt(other);
      return this;
    }
    long total = SamplerItems.mergedCount(count, other.count);
    if (total <= mergedK) {
      k = mergedK;
      for (int i = 0; i < other.count; i++) {
        @SuppressWarnings("unchecked")
        T item = (T) other.reservoir[i];
        fill(item);
      }
      return this;
    }
    random.rekey(
        other.random.state()
            ^ other.count
            ^ SamplerItems.hashOf(other.reservoir, other.size(), serde));
    // Hypergeometric draw: slot by slot, from side one with probability mine / (mine + theirs).
    long mineLeft = count;
    long theirsLeft = other.count;
    int fromMine = 0;
    for (int slot = 0; slot < mergedK; slot++) {
      if (random.nextOpenUnit() * (mineLeft + theirsLeft) < mineLeft) {
        fromMine++;
        mineLeft--;
      } else {
        theirsLeft--;
      }
    }
    // Partial Fisher–Yates on our own reservoir in place: its first picks land at [0, fromMine),
    // the draws and the picks those of a shuffled copy, without copying the accumulator per merge.
    int mine = size();
    for (int i = 0; i < fromMine; i++) {
      int j = i + random.nextInt(mine - i);
      Object picked = reservoir[j];
      reservoir[j] = reservoir[i];
      reservoir[i] = picked;
    }
    if (reservoir.length != mergedK) { // the reservoir was filling, or k shrinks: resize once
      reservoir = Arrays.copyOf(reservoir, mergedK);
    }
    pickUniform(other.reservoir, other.size(), reservoir, fromMine, mergedK - fromMine);
    count = total;
    k = mergedK;
    rebuildSkipState();
    return this;
  }

  /** Puts a uniform {@code picks}-subset of {@code source[0..size)} at {@code target[at..)}. */
  private void pickUniform(Object[] source, int size, Object[] target, int at, int picks) {
    Object[] pool = Arrays.copyOf(source, size);
    for (int i = 0; i < picks; i++) { // partial Fisher–Yates
      int j = i + random.nextInt(size - i);
      Object picked = pool[j];
      pool[j] = pool[i];
      target[at + i] = picked;
    }
  }

  private void shrinkTo(int mergedK) {
    if (mergedK == k) {
      return;
    }
    int size = size();
    k = mergedK;
    if (count < mergedK) {
      return;
    }
    Object[] kept = new Object[mergedK];
    pickUniform(reservoir, size, kept, 0, mergedK);
    reservoir = kept;
    rebuildSkipState();
  }

  private void adopt(ReservoirSampler<T> other) {
    k = other.k;
    count = other.count;
    reservoir = Arrays.copyOf(other.reservoir, Math.max(other.size(), 1));
    threshold = other.threshold;
    nextAdmission = other.nextAdmission;
    random.setState(other.random.state());
  }

  @Override
  public ReservoirSampler<T> copy() {
    ReservoirSampler<T> copy = new ReservoirSampler<>(k, seed, serde, random.copy());
    copy.count = count;
    copy.reservoir = reservoir.clone();
    copy.threshold = threshold;
    copy.nextAdmission = nextAdmission;
    return copy;
  }

  /**
   * The sampler in the library's byte format (type {@link SketchType#RESERVOIR}, serial version 1):
   * k, serde id, seed, count, generator state, Li's W and the next admission once full, then the
   * min(k, count) items; see {@code docs/sampling.md}.
   *
   * @throws IllegalStateException if the sampler holds items of a class without a built-in serde
   *     and was created without one (never for built-in item types)
   */
  @Override
  public byte[] toByteArray() {
    SamplerItems.checkWritable(serde, reservoir, size());
    SketchWriter out =
        SketchFormat.writer(SketchType.RESERVOIR, SERIAL_VERSION, 0, 32 + 9 * size());
    new SamplerItems.Header<>(k, serde, seed, count).write(out);
    out.putLong(random.state());
    if (count >= k) {
      out.putDouble(threshold).putVarLong(nextAdmission);
    }
    SamplerItems.writeItems(out, serde, reservoir, 0, size());
    return out.toByteArray();
  }

  /**
   * Reads a sampler written by {@link #toByteArray}, with the serde it was written with.
   *
   * @throws io.sketches.SketchFormatException if the bytes are not a valid reservoir sampler of
   *     this serde
   */
  public static <T> ReservoirSampler<T> fromByteArray(byte[] bytes, ItemSerde<T> serde) {
    return read(bytes, SamplerItems.checkSerde(serde));
  }

  /**
   * Reads a sampler of built-in items ({@code Long}, {@code Double}, {@code String}, {@code
   * byte[]}, {@code Integer}), resolving the serde from the id in the bytes.
   */
  public static ReservoirSampler<?> fromByteArray(byte[] bytes) {
    return read(bytes, null);
  }

  private static <T> ReservoirSampler<T> read(byte[] bytes, ItemSerde<T> serdeOrNull) {
    SketchReader in = SketchFormat.reader(bytes, SketchType.RESERVOIR, SERIAL_VERSION);
    SamplerItems.Header<T> header = SamplerItems.Header.read(in, MAX_K, serdeOrNull);
    long count = header.count();
    long k = header.k();
    ReservoirSampler<T> sampler =
        new ReservoirSampler<>(
            header.k(), header.seed(), header.serde(), SplitMix64.atState(in.getLong()));
    sampler.count = count;
    if (count >= k) {
      sampler.threshold = in.getDouble();
      in.check(
          sampler.threshold > 0 && sampler.threshold < 1,
          "W must be in (0, 1), found %s",
          sampler.threshold);
      sampler.nextAdmission = in.getVarLong();
      in.check(
          sampler.nextAdmission > count,
          "the next admission must follow the count %d, found %d",
          count,
          sampler.nextAdmission);
    }
    Object[] items = SamplerItems.readItems(in, header.serde(), sampler.size());
    sampler.reservoir = items.length == 0 ? sampler.reservoir : items;
    in.expectEnd();
    return sampler;
  }

  @Override
  public String toString() {
    return "ReservoirSampler[k=" + k + ", count=" + count + ", seed=" + seed + "]";
  }
}
