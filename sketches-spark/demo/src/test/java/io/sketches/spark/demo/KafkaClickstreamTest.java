package io.sketches.spark.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.spark.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka → Structured Streaming, as users run it: a single-node KRaft broker on 127.0.0.1, the
 * generator's events produced to a topic, the demo's query reading them, and every closed window
 * checked against the generator's exact answer.
 */
class KafkaClickstreamTest {
  private static final String TOPIC = "clickstream";
  private static final long START = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
  private static final int FULL_WINDOWS = 3;

  @TempDir static Path brokerLog;

  private static EmbeddedKafka kafka;

  @TempDir Path temp;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = EmbeddedKafka.start(brokerLog);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void theDemoRunsFromKafkaWhenGivenABroker() throws Exception {
    kafka.createTopic("demo-clicks", 1);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    StreamingDemo.Summary summary =
        StreamingDemo.run(
            SharedSpark.session(),
            DemoOptions.parse(
                "--kafka",
                kafka.bootstrapServers(),
                "--topic",
                "demo-clicks",
                "--work",
                temp.toString(),
                "--duration",
                "12",
                "--speedup",
                "12",
                "--rate",
                "500"),
            new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);
    assertTrue(output.contains("Kafka topic demo-clicks at " + kafka.bootstrapServers()), output);
    assertTrue(summary.windows().size() >= 2, output);
    assertEquals(summary.windows().size(), summary.windowsWithinBound(), output);
    assertEquals(summary.windows().size(), summary.windowsWithTopPagesRight(), output);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void windowedResultsFromKafkaMatchTheGeneratorsTruth() throws Exception {
    kafka.createTopic(TOPIC, 2);
    ClickstreamGenerator generator = ClickstreamGenerator.create(7, 200_000);
    try (KafkaSink sink = KafkaSink.to(kafka.bootstrapServers(), TOPIC)) {
      for (int w = 0; w < FULL_WINDOWS; w++) {
        long from = START + w * ClickstreamGenerator.WINDOW_MILLIS;
        sink.write(
            generator.events(
                4_000,
                from,
                from + ClickstreamGenerator.WINDOW_MILLIS,
                EventFeed.MAX_LATENESS_MILLIS));
      }
      // half a minute more moves the watermark past the end of the last full window
      long last = START + FULL_WINDOWS * ClickstreamGenerator.WINDOW_MILLIS;
      sink.write(generator.events(500, last, last + 30_000, 0));
    }

    SparkSession spark = SharedSpark.session();
    WindowAggregates.register(spark);
    Map<Long, Row> closed = new ConcurrentHashMap<>();
    VoidFunction2<Dataset<Row>, Long> collect =
        (batch, id) ->
            batch
                .collectAsList()
                .forEach(row -> closed.put(row.<Timestamp>getAs("window_start").getTime(), row));
    StreamingQuery query =
        ClickstreamQuery.perWindow(
                ClickstreamQuery.fromKafka(spark, kafka.bootstrapServers(), TOPIC))
            .writeStream()
            .outputMode("append")
            .trigger(Trigger.ProcessingTime(500))
            .option("checkpointLocation", temp.resolve("checkpoint").toString())
            .foreachBatch(collect)
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!closed.containsKey(START + (FULL_WINDOWS - 1) * ClickstreamGenerator.WINDOW_MILLIS)
          && System.nanoTime() < deadline) {
        query.processAllAvailable();
        Thread.sleep(250);
      }
    } finally {
      query.stop();
    }

    // every window before the watermark: the three full ones and the one the late events opened
    assertEquals(
        List.copyOf(
            new TreeMap<>(generator.truth())
                .headMap(START + FULL_WINDOWS * ClickstreamGenerator.WINDOW_MILLIS)
                .keySet()),
        List.copyOf(new TreeMap<>(closed).keySet()),
        "closed windows");
    for (Row row : closed.values()) {
      WindowReport report =
          new WindowReport(row, generator.truth(row.<Timestamp>getAs("window_start").getTime()));
      String table = report.table();
      assertEquals(report.truth().events(), report.events(), table);
      assertTrue(report.distinctWithinBound(), table);
      if (report.events() > 1_000) {
        assertTrue(report.topPagesRight(), table);
        Set<String> cities = new HashSet<>();
        for (Row centre : row.<Row>getList(row.fieldIndex("centers"))) {
          cities.add(
              WindowReport.nearestCity(centre.getAs("lat"), centre.getAs("lon")).split(" ")[0]);
        }
        assertEquals(
            ClickstreamGenerator.CITIES.size(), cities.size(), "one centre per city: " + table);
        List<Double> coefficients = row.getList(row.fieldIndex("coefficients"));
        for (int i = 0; i < coefficients.size(); i++) {
          double expected = ClickstreamGenerator.LATENCY_COEFFICIENTS[i];
          // about 4,000 rows with noise σ = 5 ms: standard errors are well under 2% of each
          assertEquals(expected, coefficients.get(i), 0.05 * Math.abs(expected), table);
        }
      }
    }
  }
}
