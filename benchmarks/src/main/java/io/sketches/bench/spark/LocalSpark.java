package io.sketches.bench.spark;

import org.apache.spark.sql.SparkSession;

/** The one local[2] session the Spark studies share in a run (2 shuffle partitions, no UI). */
public final class LocalSpark {
  private LocalSpark() {}

  /** The run's session: created by the first study that asks, {@code appName} its name. */
  public static SparkSession session(String appName) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName(appName)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", 2)
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
