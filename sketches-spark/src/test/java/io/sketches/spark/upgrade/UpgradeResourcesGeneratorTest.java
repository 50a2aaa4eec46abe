package io.sketches.spark.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.SketchType;
import io.sketches.spark.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the upgrade resources of one version folder ({@code
 * -Dsketches.upgrade.regenerate=<version>}, or {@code =true} for {@link UpgradeResources#CURRENT}):
 * the checkpoint of {@link WindowedQuery} with open windows, its input, and the stored-sketch table
 * of {@link StoredSketchRows}. Skipped in every ordinary build; see the README beside the resources
 * for when to run it.
 */
@EnabledIfSystemProperty(named = UpgradeResources.REGENERATE, matches = ".+")
class UpgradeResourcesGeneratorTest {

  @Test
  void regenerate() throws Exception {
    String value = System.getProperty(UpgradeResources.REGENERATE);
    String version = value.equals("true") ? UpgradeResources.CURRENT : value;
    Path folder = Files.createDirectories(UpgradeResources.SOURCE_FOLDER.resolve(version));
    SparkSession spark = SharedSpark.session();
    Path work = UpgradeResources.emptyWorkFolder("generate");
    writeCheckpoint(spark, work, folder);
    writeStoredSketches(spark, work, folder);
    assertTrue(
        Files.isDirectory(folder.resolve(UpgradeResources.CHECKPOINT)), "checkpoint written");
    assertTrue(
        Files.exists(folder.resolve(UpgradeResources.STORED_SKETCHES)), "stored sketches written");
  }

  private static void writeCheckpoint(SparkSession spark, Path work, Path folder) throws Exception {
    Path input = Files.createDirectories(work.resolve("in"));
    Path checkpoint = work.resolve("cp");
    WindowedQuery.writeOldInput(input);
    WindowedQuery.start(spark, "generate", input, checkpoint).awaitTermination();
    List<Instant> emitted =
        WindowedQuery.EMITTED.get("generate").stream()
            .map(row -> row.getTimestamp(0).toInstant())
            .toList();
    assertEquals(
        List.of(Instant.parse("2026-01-01T12:00:00Z")), emitted, "only the first window closed");

    Path target = folder.resolve(UpgradeResources.CHECKPOINT);
    UpgradeResources.deleteTree(target);
    UpgradeResources.copyTree(checkpoint, target);
    // the file source logs each file's absolute URI: keep the folder's place, not the machine's
    String inputUri = input.toUri().toString().replaceAll("/$", "");
    try (Stream<Path> files = Files.walk(target.resolve("sources"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String log = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, log.replace(inputUri, UpgradeResources.INPUT_PLACEHOLDER));
      }
    }
    assertNoMachinePath(target, work);

    Path inputTarget = folder.resolve(UpgradeResources.CHECKPOINT_INPUT);
    UpgradeResources.deleteTree(inputTarget);
    Files.createDirectories(inputTarget);
    for (String name : WindowedQuery.OLD_FILES.keySet()) {
      Files.copy(input.resolve(name), inputTarget.resolve(name));
    }
  }

  /** No file of the committed checkpoint names the folder it was written in. */
  private static void assertNoMachinePath(Path checkpoint, Path work) throws IOException {
    byte[] path = work.toString().getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(checkpoint)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(
            text.contains(new String(path, StandardCharsets.ISO_8859_1)),
            file + " names the machine's folder " + work);
      }
    }
  }

  private static void writeStoredSketches(SparkSession spark, Path work, Path folder)
      throws IOException {
    Map<SketchType, byte[]> sketches =
        StoredSketchRows.sketches(spark, 0, StoredSketchRows.OLD_ROWS);
    assertEquals(SketchType.values().length, sketches.size(), "a sketch of every type");
    Path parquet = work.resolve("parquet");
    StoredSketchRows.table(spark, sketches).coalesce(1).write().parquet(parquet.toString());
    Path part;
    try (Stream<Path> files = Files.list(parquet)) {
      part =
          files
              .filter(f -> f.getFileName().toString().endsWith(".parquet"))
              .findFirst()
              .orElseThrow();
    }
    Path target = folder.resolve(UpgradeResources.STORED_SKETCHES);
    Files.copy(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    List<Row> back = spark.read().parquet(target.toString()).collectAsList();
    assertEquals(sketches.size(), back.size(), "the written table reads back");
  }
}
