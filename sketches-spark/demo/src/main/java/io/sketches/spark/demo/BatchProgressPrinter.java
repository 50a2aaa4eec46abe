package io.sketches.spark.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Prints one progress line per micro-batch: rows in the batch, rows/s, running total, watermark.
 */
final class BatchProgressPrinter extends StreamingQueryListener {
  private final PrintStream out;
  private final AtomicLong totalRows = new AtomicLong();

  BatchProgressPrinter(PrintStream out) {
    this.out = out;
  }

  long totalRows() {
    return totalRows.get();
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    long total = totalRows.addAndGet(progress.numInputRows());
    String watermark = progress.eventTime().getOrDefault("watermark", "-").replace(".000Z", "Z");
    out.printf(
        Locale.ROOT,
        "batch %4d │ %,9d rows │ %,9.0f rows/s │ total %,11d rows │ watermark %s%n",
        progress.batchId(),
        progress.numInputRows(),
        progress.processedRowsPerSecond(),
        total,
        watermark);
    out.flush();
  }

  @Override
  public void onQueryIdle(QueryIdleEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}
}
