package io.sketches.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark-submit} proof: {@code org.apache.spark.deploy.SparkSubmit} (the class behind the
 * script) in a child JVM with only {@code $SPARK_HOME/jars} on its classpath submits the demo's jar
 * with the library's shaded {@code -all} jar as {@code --jars}, the way a user submits an
 * application, to {@code local-cluster[2,1,1024]}; the demo must finish by itself with every closed
 * window's distinct-user count within its bound of the truth. It lives in package {@code
 * io.sketches.spark.cluster} for {@link LocalCluster}, from sketches-spark's test jar.
 */
class SparkSubmitDemoTest {
  private static final Pattern WITHIN_BOUND =
      Pattern.compile(
          "distinct users within the 3σ HLL bound of the truth: (\\d+) of (\\d+) windows");

  @TempDir Path work;

  @Test
  void submittedDemoRunsOnTheLocalClusterAndMatchesTheTruth() throws Exception {
    LocalCluster.assumeClusterExecution();
    Path shadedJar = Path.of(LocalCluster.property("sketches.shaded.jar"));
    assertTrue(
        Files.isRegularFile(shadedJar),
        shadedJar + " missing: the shade plugin makes it at package");
    Path demoJar = Path.of(LocalCluster.property("sketches.demo.jar"));
    assertTrue(
        Files.isRegularFile(demoJar), demoJar + " missing: the demo module makes it at package");
    String moduleOptions = LocalCluster.property("sketches.module.options");

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(Arrays.asList(moduleOptions.trim().split("\\s+")));
    command.addAll(
        List.of(
            "-cp",
            LocalCluster.sparkHome().resolve("jars") + File.separator + "*",
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            LocalCluster.MASTER,
            "--class",
            "io.sketches.spark.demo.StreamingDemo",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.executor.extraJavaOptions=" + moduleOptions,
            "--jars",
            shadedJar.toString(),
            demoJar.toString(),
            "--work",
            work.toString(),
            "--duration",
            "24",
            "--speedup",
            "12",
            "--rate",
            "400"));
    Path log = work.resolve("spark-submit.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = process.waitFor(4, TimeUnit.MINUTES);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertTrue(finished, "the demo did not stop by itself within 4 minutes");
    assertEquals(0, process.exitValue(), "exit status");
    assertTrue(output.contains("master " + LocalCluster.MASTER), "ran on the local cluster");
    assertTrue(output.contains("window"), "window tables");
    assertTrue(output.contains("→ Berlin"), "k-means found Berlin");
    assertTrue(output.contains("rows/s"), "progress lines");
    Matcher bound = WITHIN_BOUND.matcher(output);
    assertTrue(bound.find(), "summary line");
    assertTrue(Integer.parseInt(bound.group(2)) >= 2, "at least two windows closed");
    assertEquals(bound.group(2), bound.group(1), "every window within its HLL bound");
    try (Stream<Path> results = Files.walk(work.resolve("output"))) {
      assertTrue(
          results.anyMatch(p -> p.getFileName().toString().endsWith(".json")),
          "output JSON written");
    }
  }
}
