package io.sketches.spark.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sketches.spark.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The doc checker proves itself: fed broken examples (test resources under {@code docs/broken/},
 * among them the two defects it found in the real docs, copied as they were), it reports each one
 * at the page and line where it is.
 */
class DocCheckerTest {
  private static final List<String> PAGES =
      List.of("continuation.md", "jar-name.md", "names.md", "sql.md", "java.md", "markers.md");
  private static DocChecker.Report report;

  @BeforeAll
  static void checkTheBrokenPages() {
    List<DocChecker.Page> pages = new ArrayList<>();
    for (String page : PAGES) {
      pages.add(new DocChecker.Page("broken/" + page, SqlSnippets.resource("docs/broken/" + page)));
    }
    report = new DocChecker(BuildFacts.ofThisRepository(), SharedSpark.session()).check(pages);
  }

  @Test
  void aBrokenLineContinuationIsCaught() {
    assertCaught("continuation.md", "\\   # only for --kafka", "broken line continuation");
    assertCaught(
        "continuation.md",
        "  sketches-spark/demo/target/sketches-spark-demo-0.1.0-SNAPSHOT.jar \\",
        "is not an executable file of the repository");
    assertCaught("continuation.md", "./demo --duration 30 \\", "the line continues into nothing");
  }

  @Test
  void aJarTheBuildDoesNotMakeIsCaught() {
    assertCaught(
        "jar-name.md",
        "| `sketches-spark-0.1.0-all.jar` (classifier",
        "sketches-spark-0.1.0-all.jar is not a jar the build makes");
    assertCaught(
        "jar-name.md",
        "spark-submit --jars sketches-spark-0.1.0-all.jar",
        "sketches-spark-0.1.0-all.jar is not a jar the build makes");
    assertCaught(
        "jar-name.md",
        "spark-submit --packages io.sketches:sketches-spark:0.1.0",
        "io.sketches:sketches-spark:0.1.0: the build's version is");
    assertCaught(
        "jar-name.md",
        "spark-sql --jars sketches-core/target/",
        "the build writes sketches-spark-");
  }

  @Test
  void namesTheBuildDoesNotDefineAreCaught() {
    String submit = "spark-submit --jars sketches-spark/target/";
    assertCaught(
        "names.md", submit, "no class io.sketches.spark.SketchExtensions for spark.sql.extensions");
    assertCaught("names.md", submit, "no class io.sketches.spark.demo.StreamingDemos");
    assertCaught("names.md", submit, "the build uses Spark ");
    assertCaught("names.md", submit, "the build uses Scala ");
    assertCaught("names.md", submit, "the demo has no option --durations");
    assertCaught("names.md", "./demo --kafka", "the demo has no option --topics");
    assertCaught(
        "names.md", "benchmarks/run quick hll-acuracy", "benchmarks/run has no study hll-acuracy");
    assertCaught("names.md", "benchmarks/run fast", "benchmarks/run has no profile fast");
    assertCaught("names.md", "./mvnw -B -P", "no Maven profile no-such-profile");
    assertCaught("names.md", "./mvnw -B -P", "no Maven module sketches-sprak");
    assertCaught("names.md", "./scripts/setup", "is not an executable file of the repository");
    assertCaught("names.md", "spark-submit --jar app.jar", "spark-submit has no option --jar");
    // $SKETCHES_VERSION reads as the build's version: the name beside it is still checked
    assertCaught(
        "names.md",
        "spark-submit --packages io.sketches:sketches-sprak:",
        "the build has no artifact sketches-sprak");
    assertNotCaught("names.md", "spark-submit --packages io.sketches:sketches-spark:");
    assertNotCaught("names.md", "benchmarks/run replot");
    assertCaught(
        "names.md", "./demo --duration 30", "an untagged block that starts like a shell command");
    assertCaught("names.md", "Inline commands", "benchmarks/run has no study hll-sped");
    assertCaught("names.md", "Inline commands", "`.ci/runn` is not an executable file");
    assertCaught(
        "names.md",
        "--duration S",
        "./demo --help prints \"--duration S seconds of generated traffic (default 60)\"");
    assertCaught("names.md", "--color C", "the demo has no option --color");
  }

  @Test
  void aRenamedOrMisusedSqlFunctionIsCaught() {
    assertCaught("sql.md", "sk_hyperloglog(user_id)", "no SQL function sk_hyperloglog");
    assertCaught("sql.md", "sk_hyperloglog(user_id)", "fails: AnalysisException");
    assertCaught("sql.md", "sk_hll(user_id, 19)", "fails: ");
    assertCaught("sql.md", "sk_distinct(visitor)", "UNRESOLVED_COLUMN");
    assertCaught("sql.md", "sk_distinct_count", "no SQL function sk_distinct_count");
    assertCaught("sql.md", "missing_table", "TABLE_OR_VIEW_NOT_FOUND");
    assertCaught(
        "sql.md",
        "hyperLogLog($",
        "hyperLogLog(...) is neither in SketchFunctions nor in Spark's functions");
    assertCaught("sql.md", "hyperLogLog($", ".aggregateBy is not a method of Spark's Dataset API");
    assertCaught(
        "sql.md", "F.count_distinctt", "F.count_distinctt is not one of Spark's functions");
    assertNotCaught("sql.md", "SELECT day, sk_hll(user_id, 14)");
  }

  @Test
  void javaThatDoesNotCompileOrPrintsOtherwiseIsCaught() {
    assertCaught("java.md", "users.estimateDistinct()", "does not compile: cannot find symbol");
    assertCaught("java.md", "daily.mergeBytes(hourly)", "does not compile: cannot find symbol");
    assertCaught("java.md", "public class Prints", "prints\ntwo\nbut the page shows\nthree");
    assertCaught(
        "java.md", "public class Throws", "main throws java.lang.IllegalArgumentException");
    assertNotCaught("java.md", "HyperLogLog users = HyperLogLog.create(12);");
  }

  @Test
  void aSkipMustSayWhyAndIsListedAndAMisspeltMarkerIsCaught() {
    assertCaught("markers.md", "<!-- doc-check: skip -->", "a doc-check skip must say why");
    assertCaught("markers.md", "<!-- doc-check: giv ", "a doc-check marker must read");
    assertTrue(
        report.skipped().stream().anyMatch(s -> s.endsWith("the doc checker must see the reason")),
        report.skipped().toString());
    assertEquals(
        2, report.skipped().stream().filter(s -> s.startsWith("broken/markers.md")).count());
  }

  /** A problem is reported at the first line of {@code page} that contains {@code where}. */
  private static void assertCaught(String page, String where, String message) {
    String prefix = "broken/" + page + ":" + lineOf(page, where) + ": ";
    assertTrue(
        report.problems().stream().anyMatch(p -> p.startsWith(prefix) && p.contains(message)),
        "expected " + prefix + "... " + message + ", got\n" + String.join("\n", report.problems()));
  }

  private static void assertNotCaught(String page, String where) {
    String prefix = "broken/" + page + ":" + lineOf(page, where) + ": ";
    List<String> wrong =
        report.problems().stream().filter(p -> p.startsWith(prefix)).collect(Collectors.toList());
    assertEquals(List.of(), wrong, "a working line reported");
  }

  private static int lineOf(String page, String where) {
    String[] lines = SqlSnippets.resource("docs/broken/" + page).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(where)) {
        return i + 1;
      }
    }
    throw new AssertionError(page + " has no line with " + where);
  }
}
