package io.sketches.spark.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * A seeded web clickstream: users and pages follow Zipf laws (a few heavy users and pages, a long
 * tail), locations scatter around four European city centres, and latency is linear in the
 * request's features plus Gaussian noise, so every sketch of the demo has a known right answer. The
 * generator keeps that answer per one-minute window ({@link WindowTruth}).
 *
 * <p>Not thread-safe for {@link #events}; {@link #truth} may be read from any thread.
 */
public final class ClickstreamGenerator {
  /** The event-time window of the demo's query. */
  public static final long WINDOW_MILLIS = 60_000;

  /** A city centre and its share of the traffic. */
  public record City(String name, double lat, double lon, double share) {}

  public static final List<City> CITIES =
      List.of(
          new City("Berlin", 52.520, 13.405, 0.35),
          new City("Paris", 48.857, 2.352, 0.25),
          new City("London", 51.507, -0.128, 0.25),
          new City("Madrid", 40.417, -3.704, 0.15));

  /** Standard deviation of a user's position around its city centre, in degrees. */
  static final double CITY_SPREAD_DEGREES = 0.08;

  /** The latency model the regression should recover: intercept, then per feature. */
  public static final double[] LATENCY_COEFFICIENTS = {20.0, 2.5, 40.0, 8.0};

  /**
   * The regression's features, in the order of {@link #LATENCY_COEFFICIENTS} after the intercept.
   */
  public static final List<String> LATENCY_FEATURES = List.of("payload_kb", "mobile", "db_queries");

  static final double LATENCY_NOISE_MS = 5.0;

  private static final List<String> PAGES = pages();

  private final RandomGenerator random;
  private final ZipfDistribution userRanks;
  private final ZipfDistribution pageRanks;
  private final NavigableMap<Long, WindowTruth> truth = new ConcurrentSkipListMap<>();

  private ClickstreamGenerator(long seed, int users) {
    this.random = new Well19937c(seed);
    this.userRanks = new ZipfDistribution(random, users, 1.05);
    this.pageRanks = new ZipfDistribution(random, PAGES.size(), 1.2);
  }

  /** A generator over {@code users} users (≥ 1), all randomness from {@code seed}. */
  public static ClickstreamGenerator create(long seed, int users) {
    checkArgument(users >= 1, "users must be at least 1: %s", users);
    return new ClickstreamGenerator(seed, users);
  }

  /**
   * {@code count} events with event times spread uniformly over [{@code fromMillis}, {@code
   * toMillis}), each then made up to {@code maxLatenessMillis} late (out of order), and recorded in
   * the truth of its window.
   */
  public List<ClickEvent> events(
      int count, long fromMillis, long toMillis, long maxLatenessMillis) {
    checkArgument(count >= 0, "count must be non-negative: %s", count);
    checkArgument(
        toMillis > fromMillis, "time range must not be empty: [%s, %s)", fromMillis, toMillis);
    List<ClickEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long time =
          fromMillis
              + (long) ((toMillis - fromMillis) * (i + random.nextDouble()) / count)
              - (long) (maxLatenessMillis * random.nextDouble());
      ClickEvent event = next(time);
      truth.computeIfAbsent(windowStart(time), WindowTruth::new).add(event);
      events.add(event);
    }
    return events;
  }

  private ClickEvent next(long timeMillis) {
    // user ids: the Zipf rank, spread over a wide id space by a fixed odd multiplier
    long userId = 1_000_000L + (userRanks.sample() * 2_654_435_761L) % 1_000_000_007L;
    String page = PAGES.get(pageRanks.sample() - 1);
    City city = city(random.nextDouble());
    double lat = city.lat() + CITY_SPREAD_DEGREES * random.nextGaussian();
    double lon = city.lon() + CITY_SPREAD_DEGREES * random.nextGaussian();
    boolean mobile = random.nextDouble() < 0.55;
    double payloadKb = Math.round(50 + 1200 * random.nextDouble() * random.nextDouble()) / 10.0;
    int dbQueries = random.nextInt(12);
    double latency =
        LATENCY_COEFFICIENTS[0]
            + LATENCY_COEFFICIENTS[1] * payloadKb
            + LATENCY_COEFFICIENTS[2] * (mobile ? 1 : 0)
            + LATENCY_COEFFICIENTS[3] * dbQueries
            + LATENCY_NOISE_MS * random.nextGaussian();
    return new ClickEvent(
        timeMillis, userId, page, lat, lon, mobile, payloadKb, dbQueries, Math.max(0.1, latency));
  }

  private static City city(double u) {
    double cumulative = 0;
    for (City city : CITIES) {
      cumulative += city.share();
      if (u < cumulative) {
        return city;
      }
    }
    return CITIES.get(CITIES.size() - 1);
  }

  /** The exact answers, by window start (epoch millis), for every window generated so far. */
  public Map<Long, WindowTruth> truth() {
    return truth;
  }

  /** The exact answer for the window starting at {@code windowStartMillis}, if it has events. */
  public WindowTruth truth(long windowStartMillis) {
    return truth.get(windowStartMillis);
  }

  public static long windowStart(long timeMillis) {
    return Math.floorDiv(timeMillis, WINDOW_MILLIS) * WINDOW_MILLIS;
  }

  private static List<String> pages() {
    List<String> pages =
        new ArrayList<>(
            List.of(
                "/",
                "/search",
                "/cart",
                "/checkout",
                "/login",
                "/account",
                "/help",
                "/deals",
                "/orders",
                "/wishlist"));
    for (int i = 1; pages.size() < 60; i++) {
      pages.add("/product/" + i);
    }
    return List.copyOf(pages);
  }

  /**
   * Guava's {@code checkArgument} without Guava: the demo's jar needs nothing that a Spark 4.2
   * installation (commons-math3 among its jars) and the library's {@code -all} jar do not supply.
   */
  private static void checkArgument(boolean condition, String template, Object... values) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, template, values));
    }
  }
}
