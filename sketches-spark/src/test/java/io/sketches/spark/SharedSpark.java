package io.sketches.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one {@link SparkSession} of a test JVM: local[2], bound to 127.0.0.1, with few shuffle
 * partitions (the count is frozen into streaming checkpoints, so tests keep it fixed). Test classes
 * share it; it stops when the JVM exits.
 */
public final class SharedSpark {
  public static final int SHUFFLE_PARTITIONS = 2;

  private SharedSpark() {}

  private static final class Holder {
    static final SparkSession SESSION =
        SparkSession.builder()
            .master("local[2]")
            .appName("sketches-tests")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.extensions", SketchesExtensions.class.getName())
            .config("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS)
            .config(
                "spark.sql.warehouse.dir",
                System.getProperty("java.io.tmpdir") + "/sketches-spark-warehouse")
            .getOrCreate();
  }

  public static SparkSession session() {
    return Holder.SESSION;
  }
}
