package io.sketches.spark.upgrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.sampling.ReservoirSampler;
import io.sketches.spark.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Structured Streaming checkpoint written by a released version, with windows still open in its
 * state store, restarts with new input: every window it then emits equals the batch aggregate of
 * all input, old and new (the same HyperLogLog and Count-Min bytes, the same count; a sample of the
 * window's users of the right size that has seen every row). See {@link WindowedQuery} for the
 * timeline.
 */
class CheckpointUpgradeTest {

  static Stream<Path> versions() {
    return UpgradeResources.versionFolders().stream();
  }

  @ParameterizedTest(name = "written by {0}")
  @MethodSource("versions")
  void queryRestartsFromTheCheckpointWithNewInput(Path version) throws Exception {
    SparkSession spark = SharedSpark.session();
    String run = "restart-" + version.getFileName();
    Path work = UpgradeResources.emptyWorkFolder(run);
    Path input = restoreInput(version, work.resolve("in"));
    Path checkpoint = restoreCheckpoint(version, work.resolve("cp"), input);
    WindowedQuery.writeNewInput(input);
    Map<Instant, Row> expected;
    try {
      WindowedQuery.start(spark, run, input, checkpoint).awaitTermination();
      expected = batch(spark, input);
    } catch (Exception e) {
      throw UpgradeResources.broken(version, "the query no longer restarts from its checkpoint", e);
    }
    try {
      assertEmittedEqualBatch(expected, WindowedQuery.EMITTED.get(run));
    } catch (AssertionError e) {
      throw UpgradeResources.broken(
          version, "the restarted query's windows differ from a run over all input", e);
    }
  }

  /** The generator's input files, with the modification times its file source logged. */
  private static Path restoreInput(Path version, Path input) throws Exception {
    Files.createDirectories(input);
    for (String name : WindowedQuery.OLD_FILES.keySet()) {
      Files.copy(
          version.resolve(UpgradeResources.CHECKPOINT_INPUT).resolve(name), input.resolve(name));
    }
    WindowedQuery.setModified(input, WindowedQuery.OLD_FILES);
    return input;
  }

  /** A copy of the checkpoint whose source log names {@code input}, where the files now are. */
  private static Path restoreCheckpoint(Path version, Path checkpoint, Path input)
      throws Exception {
    UpgradeResources.copyTree(version.resolve(UpgradeResources.CHECKPOINT), checkpoint);
    String inputUri = input.toUri().toString().replaceAll("/$", "");
    try (Stream<Path> files = Files.walk(checkpoint.resolve("sources"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String log = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, log.replace(UpgradeResources.INPUT_PLACEHOLDER, inputUri));
      }
    }
    return checkpoint;
  }

  /** The windowed aggregate of every input file as one batch, with each window's users. */
  private static Map<Instant, Row> batch(SparkSession spark, Path input) {
    spark
        .read()
        .schema(WindowedQuery.SCHEMA)
        .json(input.toString())
        .createOrReplaceTempView("upgrade_batch");
    Map<Instant, Row> byWindow = new TreeMap<>();
    String sql = String.format(WindowedQuery.AGGREGATE, ", collect_set(user)", "upgrade_batch");
    for (Row row : spark.sql(sql).collectAsList()) {
      byWindow.put(row.getTimestamp(0).toInstant(), row);
    }
    return byWindow;
  }

  private static void assertEmittedEqualBatch(Map<Instant, Row> expected, List<Row> emitted) {
    List<Instant> windows = new ArrayList<>();
    for (Row row : emitted) {
      windows.add(row.getTimestamp(0).toInstant());
    }
    windows.sort(null);
    assertEquals(WindowedQuery.RESTART_EMITS, windows, "the windows emitted, each once");
    for (Row got : emitted) {
      Instant window = got.getTimestamp(0).toInstant();
      Row want = expected.get(window);
      long n = want.getLong(4);
      assertEquals(n, got.getLong(4), "count of window " + window);
      assertArrayEquals((byte[]) want.get(1), (byte[]) got.get(1), "sk_hll of window " + window);
      assertArrayEquals((byte[]) want.get(2), (byte[]) got.get(2), "sk_cms of window " + window);
      ReservoirSampler<?> sample = ReservoirSampler.fromByteArray((byte[]) got.get(3));
      assertEquals(n, sample.count(), "rows seen by sk_sample of window " + window);
      assertEquals(
          Math.min(n, WindowedQuery.SAMPLE_K),
          sample.sample().size(),
          "sample size of window " + window);
      List<Object> users = want.getList(5);
      assertTrue(
          users.containsAll(sample.sample()),
          "sample of window " + window + " holds users not in it: " + sample.sample());
    }
  }
}
