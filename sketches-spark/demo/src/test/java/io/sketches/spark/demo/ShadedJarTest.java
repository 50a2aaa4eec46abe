package io.sketches.spark.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code -all} jar (maven-shade-plugin with {@code minimizeJar}) is small and holds no
 * relocated class that nothing reaches. Reachability is computed independently of the shade plugin:
 * {@code jdeps -verbose:class} lists every class each class of the jar refers to, and a walk from
 * our own classes ({@code io.sketches.*} outside {@code io.sketches.shaded}) must reach every
 * relocated class. Runs on the packaged jar (surefire execution {@code packaged-tests}).
 */
class ShadedJarTest {
  /** The size docs/spark.md promises for the {@code -all} jar. */
  private static final long MAX_BYTES = 2_000_000;

  private static final String RELOCATED = "io.sketches.shaded.";
  private static final Pattern DEPENDENCY = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s");

  @Test
  void shadedJarIsAtMostTwoMegabytes() throws IOException {
    Path jar = shadedJar();
    assertTrue(Files.size(jar) <= MAX_BYTES, jar + " is " + Files.size(jar) + " bytes");
  }

  @Test
  void everyRelocatedClassIsReachedFromOurs() throws IOException {
    Path jar = shadedJar();
    Set<String> classes = classes(jar);
    assertTrue(classes.stream().anyMatch(name -> name.startsWith(RELOCATED)), "no relocated class");
    assertEquals(Set.of(), unreachedRelocated(jar), "relocated classes nothing reaches");
  }

  /** The check itself: a jar whose only root uses Guava still carries commons-math3. */
  @Test
  void relocatedClassesThatNothingReachesAreCaught(@TempDir Path directory) throws IOException {
    Path jar = shadedJar();
    Path broken = directory.resolve("sketches-spark-broken-all.jar");
    try (JarFile in = new JarFile(jar.toFile());
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(broken))) {
      for (JarEntry entry : in.stream().toList()) {
        String name = entry.getName();
        boolean root = name.startsWith("io/sketches/") && !name.startsWith("io/sketches/shaded/");
        if (name.endsWith(".class") && (!root || name.equals("io/sketches/hash/ItemHash.class"))) {
          out.putNextEntry(new JarEntry(name));
          try (InputStream bytes = in.getInputStream(entry)) {
            bytes.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
    Set<String> unreached = unreachedRelocated(broken);
    assertTrue(
        unreached.contains(RELOCATED + "org.apache.commons.math3.linear.CholeskyDecomposition"),
        "commons-math3 reached from ItemHash alone? " + unreached);
    assertFalse(
        unreached.contains(RELOCATED + "com.google.common.base.Preconditions"),
        "ItemHash calls Preconditions");
  }

  private static Path shadedJar() {
    String property = System.getProperty("sketches.shaded.jar");
    assumeTrue(property != null, "the packaged jars are read in packaged-tests (mvn verify)");
    Path jar = Path.of(property);
    assertTrue(Files.isRegularFile(jar), jar + " missing: package sketches-spark first");
    return jar;
  }

  /** The relocated classes of {@code jar} that no chain of references from our classes reaches. */
  static Set<String> unreachedRelocated(Path jar) throws IOException {
    Set<String> classes = classes(jar);
    Map<String, Set<String>> references = references(jar);
    Set<String> reached = new HashSet<>();
    ArrayDeque<String> pending = new ArrayDeque<>();
    for (String name : classes) {
      if (!name.startsWith(RELOCATED)) {
        reached.add(name);
        pending.add(name);
      }
    }
    while (!pending.isEmpty()) {
      for (String target : references.getOrDefault(pending.poll(), Set.of())) {
        if (classes.contains(target) && reached.add(target)) {
          pending.add(target);
        }
      }
    }
    Set<String> unreached = new TreeSet<>(classes);
    unreached.removeAll(reached);
    return unreached;
  }

  /** Every class file of {@code jar}, by binary name. */
  private static Set<String> classes(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream()
          .map(JarEntry::getName)
          .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/"))
          .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  /** Class → the classes it refers to, from {@code jdeps -verbose:class -filter:none}. */
  private static Map<String, Set<String>> references(Path jar) {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in JDK"));
    StringWriter output = new StringWriter();
    StringWriter errors = new StringWriter();
    int exit =
        jdeps.run(
            new PrintWriter(output),
            new PrintWriter(errors),
            List.of("-verbose:class", "-filter:none", jar.toString()).toArray(String[]::new));
    assertEquals(0, exit, "jdeps failed: " + errors);
    Map<String, Set<String>> references = new HashMap<>();
    for (String line : output.toString().split("\n")) {
      Matcher dependency = DEPENDENCY.matcher(line);
      if (dependency.find()) {
        references
            .computeIfAbsent(dependency.group(1), name -> new HashSet<>())
            .add(dependency.group(2));
      }
    }
    assertFalse(references.isEmpty(), "jdeps listed no dependency: " + output);
    return references;
  }
}
