package io.sketches.spark.demo;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Command-line options of {@link StreamingDemo}.
 *
 * @param work directory holding the defaults for input, checkpoint and output
 * @param input watched directory of JSON event files
 * @param checkpoint the query's checkpoint directory
 * @param output where each closed window's results are appended as JSON
 * @param rate generated events per wall-clock second
 * @param durationSeconds how long the generator runs; the demo then drains and stops
 * @param speedup how much faster than the wall clock event time runs
 * @param master Spark master URL, or null to keep the one given by spark-submit (else local[2])
 * @param kafka Kafka bootstrap servers, or null to use the file source
 * @param topic the Kafka topic
 * @param users size of the generated user base
 * @param seed the generator's seed
 */
public record DemoOptions(
    Path work,
    Path input,
    Path checkpoint,
    Path output,
    int rate,
    int durationSeconds,
    double speedup,
    String master,
    String kafka,
    String topic,
    int users,
    long seed) {

  public static final String USAGE =
      """
      usage: StreamingDemo [options]
        --input DIR        watched directory of JSON event files   (default <work>/input)
        --checkpoint DIR   streaming checkpoint directory          (default <work>/checkpoint)
        --output DIR       per-window results, JSON                (default <work>/output)
        --work DIR         base of the three directories above     (default a new temp directory)
        --rate N           generated events per second             (default 1000)
        --duration S       seconds of generated traffic            (default 60)
        --speedup X        event time runs X times the wall clock  (default 6: a window every 10 s)
        --master URL       Spark master (default: spark-submit's, else local[2])
        --kafka HOST:PORT  read (and generate) events through Kafka instead of files
        --topic T          Kafka topic                             (default clickstream)
        --users N          size of the user base                   (default 1000000)
        --seed N           generator seed                          (default 2026)
      """;

  /**
   * Parses {@code args}; throws {@link IllegalArgumentException} with the usage on a bad option.
   */
  public static DemoOptions parse(String... args) throws java.io.IOException {
    Path work = null;
    Path input = null;
    Path checkpoint = null;
    Path output = null;
    int rate = 1000;
    int duration = 60;
    double speedup = 6;
    String master = null;
    String kafka = null;
    String topic = "clickstream";
    int users = 1_000_000;
    long seed = 2026;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      try {
        switch (option) {
          case "--work" -> work = Path.of(value);
          case "--input" -> input = Path.of(value);
          case "--checkpoint" -> checkpoint = Path.of(value);
          case "--output" -> output = Path.of(value);
          case "--rate" -> rate = positive(option, Integer.parseInt(value));
          case "--duration" -> duration = positive(option, Integer.parseInt(value));
          case "--speedup" -> speedup = positive(option, Double.parseDouble(value));
          case "--master" -> master = value;
          case "--kafka" -> kafka = value;
          case "--topic" -> topic = value;
          case "--users" -> users = positive(option, Integer.parseInt(value));
          case "--seed" -> seed = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown option: " + option + "\n" + USAGE);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            option + " must be a number: " + value + "\n" + USAGE, e);
      }
    }
    if (work == null) {
      work = java.nio.file.Files.createTempDirectory("sketches-demo-");
    }
    return new DemoOptions(
        work,
        input != null ? input : work.resolve("input"),
        checkpoint != null ? checkpoint : work.resolve("checkpoint"),
        output != null ? output : work.resolve("output"),
        rate,
        duration,
        speedup,
        master,
        kafka,
        topic,
        users,
        seed);
  }

  private static <N extends Number> N positive(String option, N value) {
    if (value.doubleValue() <= 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s must be positive: %s", option, value));
    }
    return value;
  }
}
