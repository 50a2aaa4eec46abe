package io.sketches.spark.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code block of {@code README.md} and {@code docs/*.md} compiles, runs or names only what the
 * build defines ({@link DocChecker}): a renamed function, a wrong jar name or a broken line in the
 * docs fails the build.
 */
class DocsTest {
  static List<DocChecker.Page> repositoryPages(BuildFacts build) throws IOException {
    List<DocChecker.Page> pages = new ArrayList<>();
    pages.add(new DocChecker.Page("README.md", Files.readString(build.root.resolve("README.md"))));
    try (Stream<Path> docs = Files.list(build.root.resolve("docs"))) {
      for (Path page : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        pages.add(new DocChecker.Page("docs/" + page.getFileName(), Files.readString(page)));
      }
    }
    return pages;
  }

  @Test
  void everyExampleOfTheDocsWorks() throws IOException {
    BuildFacts build = BuildFacts.ofThisRepository();
    DocChecker.Report report =
        new DocChecker(build, SharedSpark.session()).check(repositoryPages(build));
    System.out.println("doc blocks checked per language: " + report.checked());
    System.out.println("doc blocks skipped: " + report.skipped());
    assertEquals(List.of(), report.problems(), String.join("\n", report.problems()));
    assertTrue(report.checked().getOrDefault("java", 0) >= 10, report.checked().toString());
    assertTrue(report.checked().getOrDefault("sql", 0) >= 10, report.checked().toString());
    assertTrue(report.checked().getOrDefault("bash", 0) >= 5, report.checked().toString());
  }
}
