package io.sketches.spark.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.spark.SharedSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The demo's event source: seeded, its truth exact, its JSON read back by the query's schema. */
class ClickstreamGeneratorTest {
  private static final long START = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

  @Test
  void sameSeedGivesTheSameEvents() {
    assertEquals(
        ClickstreamGenerator.create(3, 1000).events(500, START, START + 60_000, 5_000),
        ClickstreamGenerator.create(3, 1000).events(500, START, START + 60_000, 5_000));
  }

  @Test
  void truthCountsEveryEventInItsWindow() {
    ClickstreamGenerator generator = ClickstreamGenerator.create(5, 10_000);
    List<ClickEvent> events = generator.events(20_000, START, START + 120_000, 5_000);
    long counted = 0;
    for (Map.Entry<Long, WindowTruth> window : generator.truth().entrySet()) {
      Set<Long> users = new HashSet<>();
      long inWindow = 0;
      for (ClickEvent e : events) {
        if (ClickstreamGenerator.windowStart(e.timeMillis()) == window.getKey()) {
          users.add(e.userId());
          inWindow++;
        }
      }
      assertEquals(inWindow, window.getValue().events());
      assertEquals(users.size(), window.getValue().distinctUsers());
      counted += inWindow;
    }
    assertEquals(events.size(), counted);
    for (ClickEvent e : events) {
      assertTrue(e.timeMillis() >= START - 5_000 && e.timeMillis() < START + 120_000, e.toString());
    }
    // the Zipf head: the most viewed page is the home page
    assertEquals("/", generator.truth(START).topPages(1).get(0).getKey());
  }

  @Test
  void queriesSchemaReadsTheJsonLinesBack() {
    SparkSession spark = SharedSpark.session();
    List<ClickEvent> events =
        ClickstreamGenerator.create(9, 100).events(50, START, START + 60_000, 0);
    List<Row> rows =
        spark
            .read()
            .schema(ClickstreamQuery.EVENT_SCHEMA)
            .option("timestampFormat", ClickEvent.SPARK_TIMESTAMP_FORMAT)
            .option("mode", "FAILFAST")
            .json(
                spark.createDataset(
                    events.stream().map(ClickEvent::toJson).toList(), Encoders.STRING()))
            .collectAsList();
    assertEquals(events.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      ClickEvent event = events.get(i);
      Row row = rows.get(i);
      assertEquals(event.timeMillis(), row.<Timestamp>getAs("time").getTime());
      assertEquals(event.userId(), row.<Long>getAs("user_id"));
      assertEquals(event.page(), row.getAs("page"));
      assertEquals(event.latencyMs(), row.<Double>getAs("latency_ms"), 5e-4);
    }
  }

  @Test
  void optionsHaveDefaultsAndRefuseNonsense() throws Exception {
    DemoOptions defaults = DemoOptions.parse("--work", "/tmp/w");
    assertEquals(Path.of("/tmp/w/input"), defaults.input());
    assertEquals(1000, defaults.rate());
    assertEquals(60, defaults.durationSeconds());
    assertEquals("clickstream", defaults.topic());
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--rate", "-5"));
    assertTrue(
        negative.getMessage().startsWith("--rate must be positive: -5"), negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--nope", "1"));
    assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--duration"));
  }
}
