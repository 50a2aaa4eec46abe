package io.sketches.spark.cluster;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's {@code local-cluster[2,1,1024]}: a standalone master and two workers inside this JVM,
 * each worker launching its executor as a separate JVM from {@code $SPARK_HOME/jars} (made by the
 * build, see the module's pom). Our classes reach the executors as {@code spark.jars}, the way a
 * user's jars do. The surefire execution {@code cluster-tests} sets SPARK_HOME, SPARK_SCALA_VERSION
 * and the {@code sketches.*} properties read here.
 */
final class LocalCluster {
  static final String MASTER = "local-cluster[2,1,1024]";
  static final int EXECUTORS = 2;

  private LocalCluster() {}

  /** A session on the local cluster, with both executors registered. */
  static SparkSession start(String appName) throws IOException, InterruptedException {
    return start(appName, Map.of());
  }

  /** As {@link #start(String)}, with more Spark settings. */
  static SparkSession start(String appName, Map<String, String> settings)
      throws IOException, InterruptedException {
    SparkSession.Builder builder = SparkSession.builder();
    settings.forEach(builder::config);
    SparkSession spark =
        builder
            .master(MASTER)
            .appName(appName)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.jars", String.join(",", executorJars()))
            .config("spark.executor.extraJavaOptions", property("sketches.module.options"))
            .config("spark.sql.shuffle.partitions", 4)
            .getOrCreate();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    // the driver counts as one executor info
    while (spark.sparkContext().statusTracker().getExecutorInfos().length < EXECUTORS + 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("executors did not register within 90 s");
      }
      Thread.sleep(200);
    }
    return spark;
  }

  /**
   * The module jar and our runtime dependencies, directories (reactor classes) packed into jars.
   */
  static List<String> executorJars() throws IOException {
    List<String> jars = new ArrayList<>();
    jars.add(existing(property("sketches.module.jar")).toString());
    for (String entry : property("sketches.runtime.classpath").split(File.pathSeparator)) {
      Path path = existing(entry);
      jars.add(Files.isDirectory(path) ? packed(path).toString() : path.toString());
    }
    return jars;
  }

  /**
   * Skips the calling test unless it runs in the {@code cluster-tests} execution (after packaging,
   * with SPARK_HOME): {@code -Dtest=...} also selects it in the ordinary test execution.
   */
  static void assumeClusterExecution() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getProperty("sketches.module.jar") != null,
        "multi-JVM tests run in the cluster-tests execution (mvn verify)");
  }

  static Path sparkHome() {
    return existing(property("sketches.spark.home"));
  }

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + name
              + " is not set: run cluster tests through Maven (surefire execution cluster-tests)");
    }
    return value;
  }

  private static Path existing(String path) {
    Path file = Path.of(path);
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          file + " does not exist: package the module first (mvn verify)");
    }
    return file;
  }

  private static Path packed(Path classes) throws IOException {
    Path jar = Files.createTempFile("sketches-classes-", ".jar");
    jar.toFile().deleteOnExit();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(
            new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, (OutputStream) out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
