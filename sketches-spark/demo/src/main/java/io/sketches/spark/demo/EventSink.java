package io.sketches.spark.demo;

import java.io.IOException;
import java.util.List;

/** Where the generator's events go: JSON files in a watched directory, or a Kafka topic. */
public interface EventSink extends AutoCloseable {

  /** Delivers one batch of events, all visible to the reader once this returns. */
  void write(List<ClickEvent> events) throws IOException;

  /** Where the events go, for the demo's printout. */
  String describe();

  @Override
  void close() throws IOException;
}
