package io.sketches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sketches.clustering.StreamingKMeans;
import io.sketches.frequency.CountMinSketch;
import io.sketches.frequency.HeavyHitters;
import io.sketches.hash.ItemHash;
import io.sketches.quantiles.QuantileSketch;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.SgdLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.sampling.WeightedReservoirSampler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every public create, update, merge and query method of the core sketches (HyperLogLog aside, in
 * its own tests) refuses a null argument with an {@link IllegalArgumentException} that says what
 * was null, and leaves the sketch as it was (same bytes); {@code fromByteArray(null)} gives the
 * {@link SketchFormatException} of any bytes that are not a sketch. The sweep is checked for
 * completeness by reflection: a new public method with an object parameter fails {@link
 * #everyPublicMethodWithAnObjectParameterIsSwept} until it is added here.
 */
class NullArgumentsTest {
  private static final double[] ROW = {1, 2};
  private static final double[][] BATCH = {{1, 2}, {3, 4}, {5, 7}};

  /** A sketch with some state, and the calls that pass it a null, by method signature. */
  private record Case(Supplier<Sketch<?>> sketch, Map<String, List<Call>> calls) {}

  @FunctionalInterface
  private interface Call {
    void on(Sketch<?> sketch) throws Throwable;
  }

  /** Null bytes are not a valid sketch: {@link SketchFormatException}, as any other such bytes. */
  private record NullBytes(Call body) implements Call {
    @Override
    public void on(Sketch<?> sketch) throws Throwable {
      body.on(sketch);
    }
  }

  @SuppressWarnings("unchecked")
  private static <S> Call with(Class<S> type, ThrowingConsumer<S> call) {
    return sketch -> call.accept((S) sketch);
  }

  @FunctionalInterface
  private interface ThrowingConsumer<S> {
    void accept(S sketch) throws Throwable;
  }

  private static Map<Class<?>, Case> cases() {
    Map<Class<?>, Case> cases = new LinkedHashMap<>();
    Class<CountMinSketch> cms = CountMinSketch.class;
    cases.put(
        cms,
        new Case(
            () -> CountMinSketch.create(3, 64, 1).update(5L, 2).update("a", 1),
            Map.ofEntries(
                Map.entry(
                    "update(CharSequence,long)",
                    List.of(with(cms, s -> s.update((String) null, 1)))),
                Map.entry(
                    "update(byte[],long)", List.of(with(cms, s -> s.update((byte[]) null, 1)))),
                Map.entry("merge(CountMinSketch)", List.of(with(cms, s -> s.merge(null)))),
                Map.entry(
                    "innerProduct(CountMinSketch)", List.of(with(cms, s -> s.innerProduct(null)))),
                Map.entry(
                    "innerProductError(CountMinSketch)",
                    List.of(with(cms, s -> s.innerProductError(null)))),
                Map.entry(
                    "estimate(CharSequence)", List.of(with(cms, s -> s.estimate((String) null)))),
                Map.entry("estimate(byte[])", List.of(with(cms, s -> s.estimate((byte[]) null)))),
                Map.entry(
                    "upperBound(CharSequence)",
                    List.of(with(cms, s -> s.upperBound((String) null)))),
                Map.entry(
                    "upperBound(byte[])", List.of(with(cms, s -> s.upperBound((byte[]) null)))),
                Map.entry(
                    "lowerBound(CharSequence)",
                    List.of(with(cms, s -> s.lowerBound((String) null)))),
                Map.entry(
                    "lowerBound(byte[])", List.of(with(cms, s -> s.lowerBound((byte[]) null)))),
                Map.entry(
                    "fromByteArray(byte[])",
                    List.of(new NullBytes(s -> CountMinSketch.fromByteArray(null)))))));
    @SuppressWarnings("rawtypes")
    Class<HeavyHitters> hh = HeavyHitters.class;
    cases.put(
        hh,
        new Case(
            () -> HeavyHitters.create(4, ItemSerde.longs()).update(1L, 3),
            Map.of(
                "create(ItemSerde)", List.of(s -> HeavyHitters.create(null)),
                "create(int,ItemSerde)", List.of(s -> HeavyHitters.create(4, null)),
                "create(int,int,ItemSerde)", List.of(s -> HeavyHitters.create(4, 8, null)),
                "withMaxItemsTracked(int,ItemSerde)",
                    List.of(s -> HeavyHitters.withMaxItemsTracked(8, null)),
                "update(Object)", List.of(with(hh, s -> s.update(null))),
                "update(Object,long)", List.of(with(hh, s -> s.update(null, 1))),
                "topK(int,ErrorType)", List.of(with(hh, s -> s.topK(1, null))),
                "entry(Object)", List.of(with(hh, s -> s.entry(null))),
                "merge(HeavyHitters)", List.of(with(hh, s -> s.merge(null))),
                "fromByteArray(byte[],ItemSerde)",
                    List.of(
                        new NullBytes(s -> HeavyHitters.fromByteArray(null, ItemSerde.longs())),
                        s -> HeavyHitters.fromByteArray(s.toByteArray(), null)))));
    @SuppressWarnings("rawtypes")
    Class<ReservoirSampler> rs = ReservoirSampler.class;
    cases.put(
        rs,
        new Case(
            () -> ReservoirSampler.create(3, 1).updateAll(new long[] {1, 2, 3, 4, 5}),
            Map.of(
                "create(int,long,ItemSerde)", List.of(s -> ReservoirSampler.create(3, 1, null)),
                "update(Object)", List.of(with(rs, s -> s.update(null))),
                "updateAll(Iterable)", List.of(with(rs, s -> s.updateAll((Iterable<Object>) null))),
                "updateAll(Object[],int,int)",
                    List.of(with(rs, s -> s.updateAll((Object[]) null, 0, 0))),
                "updateAll(long[])", List.of(with(rs, s -> s.updateAll((long[]) null))),
                "updateAll(long[],int,int)",
                    List.of(with(rs, s -> s.updateAll((long[]) null, 0, 0))),
                "updateAll(double[])", List.of(with(rs, s -> s.updateAll((double[]) null))),
                "merge(ReservoirSampler)", List.of(with(rs, s -> s.merge(null))),
                "fromByteArray(byte[])",
                    List.of(new NullBytes(s -> ReservoirSampler.fromByteArray(null))),
                "fromByteArray(byte[],ItemSerde)",
                    List.of(
                        new NullBytes(s -> ReservoirSampler.fromByteArray(null, ItemSerde.longs())),
                        s -> ReservoirSampler.fromByteArray(s.toByteArray(), null)))));
    @SuppressWarnings("rawtypes")
    Class<WeightedReservoirSampler> ws = WeightedReservoirSampler.class;
    cases.put(
        ws,
        new Case(
            () -> WeightedReservoirSampler.create(3, 1).update(1L, 2).update(2L, 1),
            Map.of(
                "create(int,long,ItemSerde)",
                    List.of(s -> WeightedReservoirSampler.create(3, 1, null)),
                "update(Object,double)", List.of(with(ws, s -> s.update(null, 1))),
                "merge(WeightedReservoirSampler)", List.of(with(ws, s -> s.merge(null))),
                "fromByteArray(byte[])",
                    List.of(new NullBytes(s -> WeightedReservoirSampler.fromByteArray(null))),
                "fromByteArray(byte[],ItemSerde)",
                    List.of(
                        new NullBytes(
                            s -> WeightedReservoirSampler.fromByteArray(null, ItemSerde.longs())),
                        s -> WeightedReservoirSampler.fromByteArray(s.toByteArray(), null)))));
    Class<StreamingKMeans> km = StreamingKMeans.class;
    cases.put(
        km,
        new Case(
            () -> StreamingKMeans.builder().k(2).dimension(2).seed(3).build().update(BATCH),
            Map.of(
                "update(double[])", List.of(with(km, s -> s.update((double[]) null))),
                "update(double[][])",
                    List.of(
                        with(km, s -> s.update((double[][]) null)),
                        with(km, s -> s.update(new double[][] {ROW, null}))),
                "update(double[],double)", List.of(with(km, s -> s.update(null, 1.0))),
                "merge(StreamingKMeans)", List.of(with(km, s -> s.merge(null))),
                "predict(double[])", List.of(with(km, s -> s.predict(null))),
                "cost(double[][])",
                    List.of(
                        with(km, s -> s.cost(null)), with(km, s -> s.cost(new double[][] {null}))),
                "fromByteArray(byte[])",
                    List.of(new NullBytes(s -> StreamingKMeans.fromByteArray(null))))));
    Class<StreamingLinearRegression> lr = StreamingLinearRegression.class;
    cases.put(
        lr,
        new Case(
            () ->
                StreamingLinearRegression.builder()
                    .dimension(2)
                    .build()
                    .update(ROW, 1)
                    .update(BATCH[1], 2),
            Map.of(
                "update(double[],double)", List.of(with(lr, s -> s.update(null, 1))),
                "update(double[],double,double)", List.of(with(lr, s -> s.update(null, 1, 1))),
                "merge(StreamingLinearRegression)", List.of(with(lr, s -> s.merge(null))),
                "predict(double[])", List.of(with(lr, s -> s.predict(null))),
                "fromByteArray(byte[])",
                    List.of(new NullBytes(s -> StreamingLinearRegression.fromByteArray(null))))));
    Class<BayesianLinearRegression> blr = BayesianLinearRegression.class;
    cases.put(
        blr,
        new Case(
            () -> BayesianLinearRegression.builder().dimension(2).build().update(ROW, 1),
            Map.of(
                "update(double[],double)", List.of(with(blr, s -> s.update(null, 1))),
                "update(double[],double,double)", List.of(with(blr, s -> s.update(null, 1, 1))),
                "merge(BayesianLinearRegression)", List.of(with(blr, s -> s.merge(null))),
                "predictiveMean(double[])", List.of(with(blr, s -> s.predictiveMean(null))),
                "predictiveVariance(double[])", List.of(with(blr, s -> s.predictiveVariance(null))),
                "fromByteArray(byte[])",
                    List.of(new NullBytes(s -> BayesianLinearRegression.fromByteArray(null))))));
    Class<SgdLinearRegression> sgd = SgdLinearRegression.class;
    cases.put(
        sgd,
        new Case(
            () ->
                SgdLinearRegression.builder()
                    .dimension(2)
                    .build()
                    .update(BATCH, new double[] {1, 2, 3}),
            Map.of(
                "update(double[][],double[])",
                    List.of(
                        with(sgd, s -> s.update(null, new double[] {1})),
                        with(sgd, s -> s.update(new double[][] {ROW}, null)),
                        with(sgd, s -> s.update(new double[][] {null}, new double[] {1}))),
                "update(int[][],double[][],double[])",
                    List.of(
                        with(sgd, s -> s.update(null, new double[][] {ROW}, new double[] {1})),
                        with(sgd, s -> s.update(new int[][] {{0, 1}}, null, new double[] {1})),
                        with(sgd, s -> s.update(new int[][] {{0, 1}}, new double[][] {ROW}, null)),
                        with(
                            sgd,
                            s ->
                                s.update(
                                    new int[][] {null}, new double[][] {ROW}, new double[] {1})),
                        with(
                            sgd,
                            s ->
                                s.update(
                                    new int[][] {{0, 1}},
                                    new double[][] {null},
                                    new double[] {1}))),
                "merge(SgdLinearRegression)", List.of(with(sgd, s -> s.merge(null))),
                "predict(double[])", List.of(with(sgd, s -> s.predict(null))),
                "fromByteArray(byte[])",
                    List.of(new NullBytes(s -> SgdLinearRegression.fromByteArray(null))))));
    Class<QuantileSketch> quantiles = QuantileSketch.class;
    cases.put(
        quantiles,
        new Case(
            () -> QuantileSketch.create(8).update(1.0).update(2.5),
            Map.of(
                "quantiles(double[])", List.of(with(quantiles, s -> s.quantiles((double[]) null))),
                "quantilesLong(double[])",
                    List.of(with(quantiles, s -> s.quantilesLong((double[]) null))),
                "cdf(double[])", List.of(with(quantiles, s -> s.cdf((double[]) null))),
                "cdf(long[])", List.of(with(quantiles, s -> s.cdf((long[]) null))),
                "pmf(double[])", List.of(with(quantiles, s -> s.pmf((double[]) null))),
                "pmf(long[])", List.of(with(quantiles, s -> s.pmf((long[]) null))),
                "merge(QuantileSketch)", List.of(with(quantiles, s -> s.merge(null))),
                "fromByteArray(byte[])",
                    List.of(new NullBytes(s -> QuantileSketch.fromByteArray(null))))));
    return cases;
  }

  @Test
  void nullArgumentsAreRefusedWithIllegalArgumentExceptionAndChangeNothing() {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<Class<?>, Case> entry : cases().entrySet()) {
      for (Map.Entry<String, List<Call>> method : entry.getValue().calls().entrySet()) {
        for (Call call : method.getValue()) {
          Sketch<?> sketch = entry.getValue().sketch().get();
          byte[] before = sketch.toByteArray();
          String where = entry.getKey().getSimpleName() + "." + method.getKey();
          try {
            call.on(sketch);
            failures.add(where + ": no exception");
          } catch (SketchFormatException e) {
            if (!(call instanceof NullBytes)) {
              failures.add(where + ": " + e);
            }
          } catch (IllegalArgumentException e) {
            if (call instanceof NullBytes) {
              failures.add(where + ": null bytes are not a sketch, but gave " + e);
            } else if (e.getMessage() == null || !e.getMessage().contains("null")) {
              failures.add(where + ": the message does not say what was null: " + e.getMessage());
            }
          } catch (Throwable e) {
            failures.add(where + ": " + e);
          }
          if (!Arrays.equals(before, sketch.toByteArray())) {
            failures.add(where + ": changed the sketch");
          }
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void builderArraysAndItemEncodersRefuseNulls() {
    assertThrows(
        IllegalArgumentException.class,
        () -> BayesianLinearRegression.builder().priorMean((double[]) null));
    assertThrows(
        IllegalArgumentException.class,
        () -> BayesianLinearRegression.builder().priorPrecision((double[][]) null));
    assertThrows(
        IllegalArgumentException.class, () -> StreamingKMeans.builder().decayFactor(0.5, null));
    assertThrows(IllegalArgumentException.class, () -> StreamingKMeans.builder().halfLife(2, null));
    assertThrows(IllegalArgumentException.class, () -> ItemHash.hash("a", null));
    assertThrows(
        IllegalArgumentException.class,
        () -> ItemHash.hash(null, (String item, io.sketches.hash.ItemSink sink) -> {}));
  }

  @Test
  void everyPublicMethodWithAnObjectParameterIsSwept() {
    for (Map.Entry<Class<?>, Case> entry : cases().entrySet()) {
      TreeSet<String> found = new TreeSet<>();
      for (Method method : entry.getKey().getMethods()) {
        if (method.getDeclaringClass() == entry.getKey()
            && Modifier.isPublic(method.getModifiers())
            && !method.isSynthetic()
            && !method.getName().equals("equals")
            && Arrays.stream(method.getParameterTypes()).anyMatch(t -> !t.isPrimitive())) {
          found.add(
              method.getName()
                  + Arrays.stream(method.getParameterTypes())
                      .map(Class::getSimpleName)
                      .collect(Collectors.joining(",", "(", ")")));
        }
      }
      assertEquals(
          found, new TreeSet<>(entry.getValue().calls().keySet()), entry.getKey().getSimpleName());
    }
  }
}
