package io.sketches.spark.demo;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The generator thread: every tick it writes {@code rate × tick} events to the sink, with event
 * times on a simulated clock that runs {@code speedup} times faster than the wall clock (so a short
 * demo closes several one-minute windows) and starts at the wall clock's current minute.
 */
public final class EventFeed implements AutoCloseable {
  /**
   * How far behind the simulated clock an event may arrive (event time), well under the watermark
   * delay.
   */
  public static final long MAX_LATENESS_MILLIS = 5_000;

  private static final long TICK_MILLIS = 1_000;

  private final ClickstreamGenerator generator;
  private final EventSink sink;
  private final int eventsPerSecond;
  private final double speedup;
  private final long startEventMillis;
  private final AtomicLong produced = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile IOException failure;

  private EventFeed(
      ClickstreamGenerator generator, EventSink sink, int eventsPerSecond, double speedup) {
    this.generator = generator;
    this.sink = sink;
    this.eventsPerSecond = eventsPerSecond;
    this.speedup = speedup;
    this.startEventMillis = ClickstreamGenerator.windowStart(System.currentTimeMillis());
    this.thread = new Thread(this::run, "clickstream-generator");
    thread.setDaemon(true);
  }

  /** Starts feeding {@code sink} at {@code eventsPerSecond} (wall clock). */
  public static EventFeed start(
      ClickstreamGenerator generator, EventSink sink, int eventsPerSecond, double speedup) {
    EventFeed feed = new EventFeed(generator, sink, eventsPerSecond, speedup);
    feed.thread.start();
    return feed;
  }

  private void run() {
    long startNanos = System.nanoTime();
    long previousEventMillis = startEventMillis;
    for (long tick = 1; running; tick++) {
      long due = startNanos + TimeUnit.MILLISECONDS.toNanos(tick * TICK_MILLIS);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
      long nowEventMillis = startEventMillis + (long) (tick * TICK_MILLIS * speedup);
      int count = (int) (eventsPerSecond * TICK_MILLIS / 1000);
      try {
        sink.write(
            generator.events(count, previousEventMillis, nowEventMillis, MAX_LATENESS_MILLIS));
      } catch (IOException e) {
        failure = e;
        return;
      }
      produced.addAndGet(count);
      previousEventMillis = nowEventMillis;
    }
  }

  public long produced() {
    return produced.get();
  }

  public long startEventMillis() {
    return startEventMillis;
  }

  /** Stops generating (the current batch completes), then closes the sink. */
  @Override
  public void close() throws IOException {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sink.close();
    if (failure != null) {
      throw failure;
    }
  }
}
