package io.sketches.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.ItemSerde;
import io.sketches.Sketch;
import io.sketches.SketchFormatException;
import io.sketches.SketchType;
import io.sketches.cardinality.HyperLogLog;
import io.sketches.clustering.StreamingKMeans;
import io.sketches.frequency.CountMinSketch;
import io.sketches.frequency.HeavyHitters;
import io.sketches.quantiles.QuantileSketch;
import io.sketches.regression.BayesianLinearRegression;
import io.sketches.regression.SgdLinearRegression;
import io.sketches.regression.StreamingLinearRegression;
import io.sketches.sampling.ReservoirSampler;
import io.sketches.sampling.WeightedReservoirSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SketchesTest {

  /** One sketch of every type, each having seen a few items. */
  private static List<Sketch<?>> oneOfEach() {
    HyperLogLog hll = HyperLogLog.create(10);
    CountMinSketch cms = CountMinSketch.create(3, 64, 7);
    HeavyHitters<String> hh = HeavyHitters.create(4, ItemSerde.strings());
    ReservoirSampler<Long> sample = ReservoirSampler.create(5, 3, ItemSerde.longs());
    WeightedReservoirSampler<String> weighted =
        WeightedReservoirSampler.create(5, 3, ItemSerde.strings());
    StreamingKMeans kmeans = StreamingKMeans.builder().k(2).dimension(2).seed(1).build();
    StreamingLinearRegression ols =
        StreamingLinearRegression.builder().dimension(2).intercept(true).build();
    BayesianLinearRegression bayes =
        BayesianLinearRegression.builder()
            .dimension(2)
            .intercept(true)
            .priorPrecision(1)
            .noisePrecision(1)
            .build();
    SgdLinearRegression sgd = SgdLinearRegression.builder().dimension(2).build();
    QuantileSketch quantiles = QuantileSketch.create(8);
    double[][] x = {{1, 2}, {2, 1}, {3, 5}, {4, 4}};
    double[] y = {1, 2, 4, 3};
    for (int i = 0; i < x.length; i++) {
      hll.update(i);
      cms.update(i, 2);
      hh.update("item-" + i % 2, 1);
      sample.update((long) i);
      weighted.update("w-" + i, 1 + i);
      kmeans.update(x[i]);
      ols.update(x[i], y[i]);
      bayes.update(x[i], y[i]);
      quantiles.update(y[i]);
    }
    sgd.update(x, y);
    return List.of(hll, cms, hh, sample, weighted, kmeans, ols, bayes, sgd, quantiles);
  }

  @Test
  void everyTypeRoundTripsThroughTheRegistry() {
    Set<SketchType> seen = EnumSet.noneOf(SketchType.class);
    for (Sketch<?> sketch : oneOfEach()) {
      byte[] bytes = sketch.toByteArray();
      Sketch<?> read = Sketches.fromByteArray(bytes);
      assertEquals(sketch.getClass(), read.getClass());
      assertArrayEquals(bytes, read.toByteArray(), sketch.getClass().getSimpleName());
      SketchType type = Sketches.typeOf(bytes);
      assertTrue(Sketches.hasTypeHint(bytes, type));
      seen.add(type);
    }
    assertEquals(EnumSet.allOf(SketchType.class), seen, "a sketch of every type");
  }

  /** Every golden file reads through the registry as its own class reads it. */
  @Test
  void goldenFilesReadThroughTheRegistry() throws IOException {
    Set<SketchType> seen = EnumSet.noneOf(SketchType.class);
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/golden"))) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        byte[] bytes = Files.readAllBytes(file);
        Sketch<?> read = Sketches.fromByteArray(bytes);
        assertArrayEquals(bytes, read.toByteArray(), file.toString());
        seen.add(Sketches.typeOf(bytes));
      }
    }
    assertEquals(EnumSet.allOf(SketchType.class), seen, "golden files of every type");
  }

  @Test
  void unknownTypeIdIsRefusedNamingTheId() {
    byte[] bytes = SketchFormat.writer(200, 1, 0, 0).putLong(1).toByteArray();
    SketchFormatException e =
        assertThrows(SketchFormatException.class, () -> Sketches.fromByteArray(bytes));
    assertTrue(e.getMessage().contains("200"), e.getMessage());
  }

  @Test
  void garbageIsRefusedWithSketchFormatException() {
    assertThrows(SketchFormatException.class, () -> Sketches.fromByteArray(new byte[3]));
    assertThrows(SketchFormatException.class, () -> Sketches.fromByteArray(null));
    byte[] hll = HyperLogLog.create(8).toByteArray();
    hll[hll.length - 1] ^= 1;
    assertThrows(SketchFormatException.class, () -> Sketches.fromByteArray(hll));
  }
}
