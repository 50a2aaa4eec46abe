package io.sketches.bench.frequency;

import io.sketches.ItemSerde;
import io.sketches.bench.Profile;
import io.sketches.bench.Report;
import io.sketches.bench.Study;
import io.sketches.bench.spark.LocalSpark;
import io.sketches.frequency.HeavyHitters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * "topk-accuracy": the answers a user of a top-k query looks at, for our {@link HeavyHitters}
 * ({@code withMaxItemsTracked(T)}, {@code topK(k)} in its default no-false-positives mode) beside
 * DataSketches' frequent items ({@code ItemsSketch<String>} and {@code LongsSketch}, their
 * NO_FALSE_POSITIVES rows, first k) and Spark's {@code approx_top_k(item, k, T)} on local[2], all
 * over the same streams in one run.
 *
 * <p>Streams (fixed seeds, 10^7 rows in the full profile, 10^6 in quick): Zipf(1.1) and Zipf(0.8)
 * over 10^6 items, and {@code floor(u^4 · 1000)} for u uniform in [0, 1). Tracked items T = 20,
 * 1,000, 10,000 (Spark's default); k = 5, 10, 100. DataSketches gets Spark's map size for T, the
 * power of two ≥ T/0.75 ({@code ApproxTopK.calMaxMapSize}), so it may hold up to 0.75 of that (24,
 * 1,536, 12,288 items); ours tracks what the table sized for T holds ({@code
 * HeavyHitters.capacityFor}: 23, 1,535, 12,287 counters), the same memory rule.
 *
 * <p>Measured against the exact counts: recall (reported items whose true count is at least the
 * true k-th largest count, over k), precision (the same over the reported items) and the mean and
 * max |estimate − truth| over the reported items. Writes {@code topk-accuracy.csv}.
 */
public final class TopKAccuracyStudy implements Study {
  private static final int UNIVERSE = 1_000_000;
  private static final int CHUNK = 1_000_000;
  private static final int[] TRACKED = {20, 1_000, HeavyHitters.DEFAULT_MAX_ITEMS_TRACKED};
  private static final int[] KS = {5, 10, 100};
  private static final List<String> STREAMS = List.of("zipf-1.1", "zipf-0.8", "pow4");
  private static final List<String> SKETCHES =
      List.of("ours", "ItemsSketch<String>", "LongsSketch", "approx_top_k");

  @Override
  public String name() {
    return "topk-accuracy";
  }

  /** One sketch's answer to one (stream, T, k) query, scored against the exact counts. */
  record Score(
      String stream,
      int tracked,
      int k,
      String sketch,
      int reported,
      double recall,
      double precision,
      double meanError,
      long maxError) {
    String cell() {
      return reported < 0
          ? "refused (k > T)"
          : String.format("%.2f / %.2f / %,.1f / %,d", recall, precision, meanError, maxError);
    }
  }

  /**
   * The maximum error (offset) each sketch ended with for one (stream, T), in the order of {@link
   * #SKETCHES} without approx_top_k (whose sketch is ItemsSketch's at the same size).
   */
  record Offsets(String stream, int tracked, long[] offsets) {}

  /** The NO_FALSE_POSITIVES answers of the in-process sketches, and their offsets. */
  private record LocalRun(List<List<Reported>> answers, long[] offsets) {}

  /** A reported item and its estimate. */
  record Reported(long item, long estimate) {}

  @Override
  public void run(Profile profile, Report report) throws Exception {
    int chunks = profile.pick(1, 10);
    SparkSession spark = LocalSpark.session("topk-accuracy");
    List<Score> scores = new ArrayList<>();
    List<Offsets> offsets = new ArrayList<>();
    for (String stream : STREAMS) {
      long start = System.nanoTime();
      long[] items = stream(stream, chunks);
      long[] truth = new long[UNIVERSE + 1];
      for (long item : items) {
        truth[(int) item]++;
      }
      for (int tracked : TRACKED) {
        LocalRun run = local(items, tracked);
        List<List<Reported>> answers = run.answers();
        offsets.add(new Offsets(stream, tracked, run.offsets()));
        for (int k : KS) {
          for (int s = 0; s < answers.size(); s++) {
            List<Reported> first = answers.get(s).subList(0, Math.min(k, answers.get(s).size()));
            String sketch = SKETCHES.get(s); // approx_top_k is asked below
            scores.add(score(stream, tracked, k, sketch, first, truth));
          }
        }
      }
      registerStream(spark, stream, chunks);
      for (int tracked : TRACKED) {
        for (int k : KS) {
          List<Reported> spark0 = approxTopK(spark, k, tracked);
          scores.add(
              spark0 == null
                  ? new Score(stream, tracked, k, "approx_top_k", -1, 0, 0, 0, 0)
                  : score(stream, tracked, k, "approx_top_k", spark0, truth));
        }
      }
      spark.catalog().dropTempView("topk_stream");
      spark.catalog().clearCache();
      System.out.printf(
          "  topk-accuracy: %s done (%.1f s)%n", stream, (System.nanoTime() - start) / 1e9);
    }
    write(report, scores, (long) chunks * CHUNK);
    writeOffsets(report, offsets, (long) chunks * CHUNK);
  }

  /** Stream {@code name}'s chunk {@code c}: the same rows here and in Spark's executors. */
  static long[] chunk(String name, int c) {
    long[] items = new long[CHUNK];
    int seed = 20261207 + 1000 * STREAMS.indexOf(name) + c;
    if (name.startsWith("zipf")) {
      double exponent = Double.parseDouble(name.substring("zipf-".length()));
      ZipfDistribution zipf = new ZipfDistribution(new Well19937c(seed), UNIVERSE, exponent);
      for (int i = 0; i < CHUNK; i++) {
        items[i] = zipf.sample();
      }
    } else {
      Well19937c random = new Well19937c(seed);
      for (int i = 0; i < CHUNK; i++) {
        items[i] = (long) Math.floor(Math.pow(random.nextDouble(), 4) * 1000);
      }
    }
    return items;
  }

  private static long[] stream(String name, int chunks) {
    long[] items = new long[chunks * CHUNK];
    for (int c = 0; c < chunks; c++) {
      System.arraycopy(chunk(name, c), 0, items, c * CHUNK, CHUNK);
    }
    return items;
  }

  /**
   * The NO_FALSE_POSITIVES answers of ours, ItemsSketch and LongsSketch with T tracked items, all
   * of them (each top-k answer is a prefix: both libraries sort, filter on lower bound > maximum
   * error, then take the first k).
   */
  private static LocalRun local(long[] items, int tracked) {
    HeavyHitters<Long> ours = HeavyHitters.withMaxItemsTracked(tracked, ItemSerde.longs());
    int mapSize = sparkMapSize(tracked);
    ItemsSketch<String> strings = new ItemsSketch<>(mapSize);
    LongsSketch longs = new LongsSketch(mapSize);
    String[] names = new String[UNIVERSE + 1];
    for (long item : items) {
      ours.update(item);
      int i = (int) item;
      if (names[i] == null) {
        names[i] = Long.toString(item);
      }
      strings.update(names[i]);
      longs.update(item);
    }
    List<Reported> fromStrings =
        Arrays.stream(strings.getFrequentItems(ErrorType.NO_FALSE_POSITIVES))
            .map(r -> new Reported(Long.parseLong(r.getItem()), r.getEstimate()))
            .toList();
    List<Reported> fromLongs =
        Arrays.stream(longs.getFrequentItems(ErrorType.NO_FALSE_POSITIVES))
            .map(r -> new Reported(r.getItem(), r.getEstimate()))
            .toList();
    return new LocalRun(
        List.of(answer(ours), fromStrings, fromLongs),
        new long[] {ours.maximumError(), strings.getMaximumError(), longs.getMaximumError()});
  }

  private static List<Reported> answer(HeavyHitters<Long> ours) {
    return ours.topK(Integer.MAX_VALUE).stream()
        .map(e -> new Reported(e.item(), e.estimate()))
        .toList();
  }

  /** Spark's {@code ApproxTopK.calMaxMapSize}: the power of two ≥ ⌈T / 0.75⌉. */
  static int sparkMapSize(int tracked) {
    int atLeast = (int) Math.ceil(tracked / 0.75);
    return Integer.highestOneBit(atLeast - 1) << 1;
  }

  /** The same rows as {@link #stream}, generated by the executors, cached as {@code item}. */
  private static void registerStream(SparkSession spark, String name, int chunks) {
    List<Integer> indices = IntStream.range(0, chunks).boxed().toList();
    var rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(indices, 2)
            .flatMap(c -> Arrays.stream(chunk(name, c)).boxed().iterator());
    spark
        .createDataset(rdd.rdd(), Encoders.LONG())
        .toDF("item")
        .cache()
        .createOrReplaceTempView("topk_stream");
    spark.table("topk_stream").count();
  }

  /**
   * {@code approx_top_k(item, k, T)}, or null for k > T, which Spark refuses at run time
   * (APPROX_TOP_K_MAX_ITEMS_TRACKED_LESS_THAN_K).
   */
  private static List<Reported> approxTopK(SparkSession spark, int k, int tracked) {
    if (k > tracked) {
      return null;
    }
    List<Row> rows =
        spark
            .sql(
                String.format(
                    "SELECT inline(approx_top_k(item, %d, %d)) FROM topk_stream", k, tracked))
            .collectAsList();
    return rows.stream().map(r -> new Reported(r.getLong(0), r.getLong(1))).toList();
  }

  static Score score(
      String stream, int tracked, int k, String sketch, List<Reported> reported, long[] truth) {
    long kth = kthLargest(truth, k);
    int correct = 0;
    double sumError = 0;
    long maxError = 0;
    for (Reported r : reported) {
      long f = truth[(int) r.item()];
      correct += f >= kth ? 1 : 0;
      long error = Math.abs(r.estimate() - f);
      sumError += error;
      maxError = Math.max(maxError, error);
    }
    int n = reported.size();
    return new Score(
        stream,
        tracked,
        k,
        sketch,
        n,
        Math.min(1.0, (double) correct / k),
        n == 0 ? 1.0 : (double) correct / n,
        n == 0 ? 0 : sumError / n,
        maxError);
  }

  /** The true k-th largest count (ties share a rank, so a tied item counts as correct). */
  private static long kthLargest(long[] truth, int k) {
    long[] sorted = truth.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length - k];
  }

  private void write(Report report, List<Score> scores, long rows) throws Exception {
    report.heading("Top k: accuracy beside DataSketches and approx_top_k");
    report.markdown(
        String.format(
            "%,d rows per stream (fixed seeds): Zipf(1.1) and Zipf(0.8) over %,d items, and"
                + " `floor(pow(u, 4) * 1000)` for u uniform. T tracked items: ours is"
                + " `HeavyHitters.withMaxItemsTracked(T)` (the counters the table sized for T holds:"
                + " 23, 1,535, 12,287), `topK(k)` (no false"
                + " positives); DataSketches `ItemsSketch<String>` and `LongsSketch` with Spark's map"
                + " size for T (the power of two ≥ T/0.75: 32, 2,048, 16,384, holding up to 24, 1,536,"
                + " 12,288 items), their NO_FALSE_POSITIVES rows, first k; Spark 4.2"
                + " `approx_top_k(item, k, T)` on local[2], which refuses k > T. Each cell: recall of"
                + " the exact top k / precision / mean |estimate − truth| / max |estimate − truth|"
                + " over the reported items (an item tied with the true k-th count counts as"
                + " correct).%n",
            rows, UNIVERSE));
    for (String stream : STREAMS) {
      report.markdown("\n**" + stream + "**\n");
      List<List<String>> table = new ArrayList<>();
      for (int tracked : TRACKED) {
        for (int k : KS) {
          List<String> row = new ArrayList<>(List.of(String.format("%,d", tracked), "" + k));
          for (String sketch : SKETCHES) {
            row.add(find(scores, stream, tracked, k, sketch).cell());
          }
          table.add(row);
        }
      }
      List<String> header = new ArrayList<>(List.of("T", "k"));
      SKETCHES.forEach(s -> header.add(s.startsWith("ours") ? s : "`" + s + "`"));
      report.table(header, table);
    }
    List<double[]> csv = new ArrayList<>();
    for (Score s : scores) {
      csv.add(
          new double[] {
            STREAMS.indexOf(s.stream()),
            s.tracked(),
            s.k(),
            SKETCHES.indexOf(s.sketch()),
            s.reported(),
            s.recall(),
            s.precision(),
            s.meanError(),
            s.maxError()
          });
    }
    report.csv(
        "topk-accuracy.csv",
        List.of(
            "stream (0 zipf-1.1, 1 zipf-0.8, 2 pow4)",
            "tracked",
            "k",
            "sketch (0 ours, 1 ItemsSketch, 2 LongsSketch, 3 approx_top_k)",
            "reported",
            "recall",
            "precision",
            "mean error",
            "max error"),
        csv);
    targets(report, scores);
  }

  /** The offsets each sketch ended with, beside its a-priori bound for N rows. */
  private static void writeOffsets(Report report, List<Offsets> all, long rows) {
    report.markdown(
        "\nThe maximum error each summary ended with (its offset: every estimate is within it of"
            + " the truth), beside the a-priori bound for N rows: ours N/(⌊3C/4⌋ + 1) for C counters,"
            + " DataSketches' 3.5·N/map size.\n");
    List<List<String>> table = new ArrayList<>();
    for (Offsets o : all) {
      int mapSize = sparkMapSize(o.tracked());
      table.add(
          List.of(
              o.stream(),
              String.format("%,d", o.tracked()),
              String.format("%,d (≤ %,d)", o.offsets()[0], rows / (kept(o.tracked()) + 1)),
              String.format("%,d (≤ %,.0f)", o.offsets()[1], 3.5 * rows / mapSize),
              String.format("%,d", o.offsets()[2])));
    }
    report.table(List.of("stream", "T", "ours", "`ItemsSketch<String>`", "`LongsSketch`"), table);
  }

  /** The counters a purge of ours keeps for T tracked items ({@code k()}). */
  private static int kept(int tracked) {
    return HeavyHitters.withMaxItemsTracked(tracked, ItemSerde.longs()).k();
  }

  private static void targets(Report report, List<Score> scores) {
    int defaults = HeavyHitters.DEFAULT_MAX_ITEMS_TRACKED;
    for (String stream : STREAMS) {
      report.target(
          "Top k",
          "top k " + stream + ": recall of the exact top 10 at defaults (T = 10,000)",
          find(scores, stream, defaults, 10, "ours").recall(),
          0,
          "≥",
          1.0);
    }
    for (String stream : STREAMS) {
      for (int tracked : TRACKED) {
        Score ours = find(scores, stream, tracked, 10, "ours");
        Score theirs = find(scores, stream, tracked, 10, "ItemsSketch<String>");
        report.target(
            "Top k",
            String.format(
                "top k %s, T = %,d, k = 10: mean count error, ours − approx_top_k's sketch",
                stream, tracked),
            ours.meanError() - theirs.meanError(),
            0,
            "≤",
            0);
      }
    }
  }

  private static Score find(List<Score> scores, String stream, int tracked, int k, String sketch) {
    return scores.stream()
        .filter(
            s ->
                s.stream().equals(stream)
                    && s.tracked() == tracked
                    && s.k() == k
                    && s.sketch().equals(sketch))
        .findFirst()
        .orElseThrow();
  }
}
