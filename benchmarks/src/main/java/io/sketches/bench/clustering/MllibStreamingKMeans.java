package io.sketches.bench.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.StreamingKMeans;
import org.apache.spark.mllib.clustering.StreamingKMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;

/**
 * The anchor of the k-means quality study: Spark MLlib's {@code StreamingKMeansModel.update} run on
 * local Spark ({@code local[2]}) over the same micro-batches, initialized as MLlib's docs do
 * ({@code setRandomCenters(dim, 0.0, seed)}), decay factor 1.0; spark-mllib of the same release as
 * Spark.
 */
final class MllibStreamingKMeans {
  private MllibStreamingKMeans() {}

  /** The final centers after feeding every batch, or an exception if MLlib cannot run here. */
  static double[][] centers(List<double[][]> batches, int k, int d, long seed) {
    SparkConf conf =
        new SparkConf()
            .setMaster("local[2]")
            .setAppName("kmeans-quality")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.ui.enabled", "false");
    // Left running: other studies in this JVM share it through getOrCreate.
    SparkContext context = SparkContext.getOrCreate(conf);
    {
      JavaSparkContext spark = JavaSparkContext.fromSparkContext(context);
      StreamingKMeansModel model =
          new StreamingKMeans()
              .setK(k)
              .setDecayFactor(1.0)
              .setRandomCenters(d, 0.0, seed)
              .latestModel();
      for (double[][] batch : batches) {
        List<Vector> vectors = new ArrayList<>(batch.length);
        for (double[] point : batch) {
          vectors.add(Vectors.dense(point));
        }
        model = model.update(spark.parallelize(vectors, 2).rdd(), 1.0, "batches");
      }
      Vector[] centers = model.clusterCenters();
      return Arrays.stream(centers).map(Vector::toArray).toArray(double[][]::new);
    }
  }
}
