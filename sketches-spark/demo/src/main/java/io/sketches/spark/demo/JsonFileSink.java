package io.sketches.spark.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes each batch as one JSON-lines file into the watched directory: first under a hidden name
 * (Spark's file source skips names starting with a dot), then renamed atomically, so the stream
 * never reads a half-written file.
 */
public final class JsonFileSink implements EventSink {
  private final Path directory;

  /** Names carry the sink's start time, so a second run into the same directory adds files. */
  private final long startMillis = System.currentTimeMillis();

  private int files;

  private JsonFileSink(Path directory) {
    this.directory = directory;
  }

  public static JsonFileSink into(Path directory) throws IOException {
    Files.createDirectories(directory);
    return new JsonFileSink(directory);
  }

  @Override
  public void write(List<ClickEvent> events) throws IOException {
    String name = String.format(Locale.ROOT, "events-%d-%06d.json", startMillis, ++files);
    Path hidden = directory.resolve("." + name + ".tmp");
    try (Writer out = Files.newBufferedWriter(hidden, StandardCharsets.UTF_8)) {
      for (ClickEvent event : events) {
        out.write(event.toJson());
        out.write('\n');
      }
    }
    Files.move(hidden, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public String describe() {
    return "JSON files in " + directory.toAbsolutePath();
  }

  @Override
  public void close() {}
}
