package io.sketches.spark.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo ships in its own artifact: the library jar {@code sketches-spark-<version>.jar} and the
 * shaded {@code -all} jar that users put on clusters hold no demo class. Reads the jars the reactor
 * packaged before this module (surefire execution {@code packaged-tests}).
 */
class LibraryJarsTest {
  private static final String LIBRARY_ENTRY = "io/sketches/spark/SketchFunctions.class";

  @Test
  void libraryJarsHoldNoDemoClass() throws IOException {
    assumeTrue(
        System.getProperty("sketches.shaded.jar") != null,
        "the packaged jars are read in the packaged-tests execution (mvn verify)");
    Map<Path, List<String>> jarsWithDemoEntries = new LinkedHashMap<>();
    for (String property : List.of("sketches.module.jar", "sketches.shaded.jar")) {
      Path jar = Path.of(System.getProperty(property));
      assertTrue(Files.isRegularFile(jar), jar + " missing: package sketches-spark first");
      try (JarFile file = new JarFile(jar.toFile())) {
        assertNotNull(file.getEntry(LIBRARY_ENTRY), jar + " is not the library jar");
      }
      List<String> entries = demoEntries(jar);
      if (!entries.isEmpty()) {
        jarsWithDemoEntries.put(jar, entries);
      }
    }
    assertEquals(Map.of(), jarsWithDemoEntries, "demo entries by jar");
  }

  @Test
  void aJarWithTheDemoInsideIsCaught(@TempDir Path directory) throws IOException {
    Path jar = directory.resolve("sketches-spark-with-demo.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String entry :
          List.of(
              LIBRARY_ENTRY,
              "io/sketches/spark/demo/",
              "io/sketches/spark/demo/StreamingDemo.class",
              "io/sketches/shaded/com/google/common/base/Preconditions.class",
              "io/sketches/demo/WindowReport.class")) {
        out.putNextEntry(new JarEntry(entry));
        out.closeEntry();
      }
    }
    assertEquals(
        List.of(
            "io/sketches/spark/demo/",
            "io/sketches/spark/demo/StreamingDemo.class",
            "io/sketches/demo/WindowReport.class"),
        demoEntries(jar));
  }

  /** The entries of {@code jar} inside a package named {@code demo}, in jar order. */
  static List<String> demoEntries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream()
          .map(JarEntry::getName)
          .filter(name -> ("/" + name).contains("/demo/"))
          .toList();
    }
  }
}
