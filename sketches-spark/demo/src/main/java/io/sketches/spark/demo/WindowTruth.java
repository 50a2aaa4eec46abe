package io.sketches.spark.demo;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exact answer for one event-time window, kept by the generator beside the stream so that the
 * demo can print the truth next to each sketch's estimate. Thread-safe: the generator adds while
 * the query's batch reports read.
 */
public final class WindowTruth {
  private final long windowStartMillis;
  private final Set<Long> users = new HashSet<>();
  private final Map<String, Long> pageViews = new HashMap<>();
  private long events;

  WindowTruth(long windowStartMillis) {
    this.windowStartMillis = windowStartMillis;
  }

  synchronized void add(ClickEvent event) {
    users.add(event.userId());
    pageViews.merge(event.page(), 1L, Long::sum);
    events++;
  }

  public long windowStartMillis() {
    return windowStartMillis;
  }

  public synchronized long events() {
    return events;
  }

  public synchronized long distinctUsers() {
    return users.size();
  }

  public synchronized long pageViews(String page) {
    return pageViews.getOrDefault(page, 0L);
  }

  /** The {@code k} most viewed pages, most viewed first (ties by name). */
  public synchronized List<Map.Entry<String, Long>> topPages(int k) {
    return pageViews.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
        .limit(k)
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }
}
