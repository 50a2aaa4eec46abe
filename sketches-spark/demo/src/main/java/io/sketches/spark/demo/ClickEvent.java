package io.sketches.spark.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One page view of the generated web clickstream.
 *
 * @param timeMillis event time, epoch milliseconds
 * @param userId the user, Zipf-distributed over the user base
 * @param page the page path, Zipf-distributed over the site
 * @param lat latitude of the user, scattered around one of the city centres
 * @param lon longitude of the user
 * @param mobile whether the view came from a mobile device
 * @param payloadKb size of the response in kilobytes
 * @param dbQueries database queries the page needed
 * @param latencyMs server latency, linear in (payloadKb, mobile, dbQueries) plus noise
 */
public record ClickEvent(
    long timeMillis,
    long userId,
    String page,
    double lat,
    double lon,
    boolean mobile,
    double payloadKb,
    int dbQueries,
    double latencyMs) {

  private static final DateTimeFormatter TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** The Spark timestamp format of {@link #toJson()}'s {@code time} field. */
  public static final String SPARK_TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

  /** One line of JSON, the wire form in files and Kafka messages. Pages hold no quotes. */
  public String toJson() {
    return String.format(
        Locale.ROOT,
        "{\"time\":\"%s\",\"user_id\":%d,\"page\":\"%s\",\"lat\":%.5f,\"lon\":%.5f,"
            + "\"device\":\"%s\",\"payload_kb\":%.2f,\"db_queries\":%d,\"latency_ms\":%.3f}",
        TIME_FORMAT.format(Instant.ofEpochMilli(timeMillis)),
        userId,
        page,
        lat,
        lon,
        mobile ? "mobile" : "desktop",
        payloadKb,
        dbQueries,
        latencyMs);
  }
}
