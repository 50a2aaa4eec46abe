package io.sketches.spark.docs;

import io.sketches.spark.SketchFunctions;
import io.sketches.spark.catalog.FunctionTable;
import io.sketches.spark.catalog.SqlFunction;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * The docs as tests: reads Markdown pages and checks every code block by its language tag.
 *
 * <ul>
 *   <li>{@code java}: compiled against the library and Spark; complete examples run, and what they
 *       print is compared with the output block the page shows after them ({@link JavaSnippets});
 *   <li>{@code sql}: every statement runs on a local session with the extension ({@link
 *       SqlSnippets});
 *   <li>{@code bash}, {@code sh}, {@code shell}, and {@code console} (a command, then its output):
 *       checked for what can be checked without a cluster or Kafka ({@link ShellCheck}); the output
 *       of {@code ./demo --help} must be the demo's usage;
 *   <li>{@code python}: every {@code sk_*} name is a function of the table, and the SQL strings of
 *       {@code spark.sql(...)} run like SQL blocks;
 *   <li>{@code scala}: every {@code sk_*} name, and every function called unqualified is one of
 *       {@link SketchFunctions} or Spark's {@code functions};
 *   <li>an untagged block that starts like a shell command is a problem (tag it so it is checked).
 * </ul>
 *
 * Across every page, prose included: a jar name of ours is one the build makes, an {@code
 * io.sketches} Maven coordinate names a module at the build's version, and an inline code span that
 * starts with a repository script ({@code ./demo}, {@code benchmarks/run}, ...) is checked like a
 * shell command. A block preceded by {@code <!-- doc-check: skip reason -->} is left alone and
 * listed with its reason.
 */
final class DocChecker {
  /** A page: its name in problem reports and its Markdown. */
  record Page(String file, String text) {}

  /**
   * The outcome: problems (each {@code file:line: message}), blocks checked per language, skips.
   */
  record Report(List<String> problems, Map<String, Integer> checked, List<String> skipped) {}

  private static final Pattern SK_NAME = Pattern.compile("\\bsk_[a-z][a-z0-9_]*");
  private static final Pattern COORDINATE = Pattern.compile("\\bio\\.sketches:[\\w.-]+:[\\w.$-]+");
  private static final Pattern SPARK_SQL_STRING =
      Pattern.compile("spark\\.sql\\(\\s*(\"\"\"|\"|')(.*?)\\1", Pattern.DOTALL);
  private static final Pattern UNQUALIFIED_CALL =
      Pattern.compile("(?<![.\\w$])([a-z][A-Za-z0-9]*)\\s*[(\\[]");

  /** How a block of shell commands starts (an untagged one must be tagged). */
  private static final Pattern COMMAND_START =
      Pattern.compile(
          "^(\\./|benchmarks/run\\b|\\.ci/|(spark-submit|spark-sql|pyspark|mvn|java|export)(\\s|$))");

  /**
   * Inline code that runs a repository script (a mere mention of spark-submit is not a command).
   */
  private static final Pattern SCRIPT_START = Pattern.compile("^(\\./|benchmarks/run\\b|\\.ci/)");

  private static final Pattern MEMBER_CALL = Pattern.compile("\\.([a-z][A-Za-z0-9]*)\\b");

  /** {@code F.name(} in PySpark, with {@code from pyspark.sql import functions as F}. */
  private static final Pattern PYSPARK_FUNCTION =
      Pattern.compile("\\bF\\.([a-z][a-z0-9_]*)\\s*\\(");

  private static final Set<String> SCALA_WORDS =
      Set.of(
          "if", "for", "while", "match", "val", "var", "def", "new", "return", "yield", "println");

  private final BuildFacts build;
  private final ShellCheck shell;
  private final SqlSnippets sql;
  private final Set<String> functionNames;
  private final Set<String> columnFunctions;

  /** Methods of the Spark SQL API a Scala snippet calls on its values. */
  private final Set<String> apiMethods;

  DocChecker(BuildFacts build, SparkSession spark) {
    this.build = build;
    this.shell = new ShellCheck(build);
    // a session of its own (same SparkContext and extensions): the docs' tables and settings never
    // replace the temporary views or settings of other tests
    this.sql = new SqlSnippets(spark.newSession());
    this.functionNames =
        FunctionTable.all().stream().map(SqlFunction::name).collect(Collectors.toSet());
    this.columnFunctions =
        Arrays.stream(new Class<?>[] {SketchFunctions.class, org.apache.spark.sql.functions.class})
            .flatMap(type -> Arrays.stream(type.getMethods()))
            .filter(method -> Modifier.isStatic(method.getModifiers()))
            .map(Method::getName)
            .collect(Collectors.toSet());
    this.apiMethods =
        Arrays.stream(
                new Class<?>[] {
                  org.apache.spark.sql.Dataset.class,
                  org.apache.spark.sql.RelationalGroupedDataset.class,
                  org.apache.spark.sql.KeyValueGroupedDataset.class,
                  org.apache.spark.sql.Column.class,
                  SparkSession.class,
                  org.apache.spark.sql.DataFrameReader.class,
                  org.apache.spark.sql.DataFrameWriter.class,
                  org.apache.spark.sql.streaming.DataStreamReader.class,
                  org.apache.spark.sql.streaming.DataStreamWriter.class,
                  io.sketches.spark.SketchAggregator.class
                })
            .flatMap(type -> Arrays.stream(type.getMethods()))
            .map(Method::getName)
            .collect(Collectors.toSet());
  }

  Report check(List<Page> pages) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> checked = new TreeMap<>();
    List<String> skipped = new ArrayList<>();
    JavaSnippets java = new JavaSnippets();
    for (Page page : pages) {
      Markdown markdown = Markdown.parse(page.file(), page.text());
      problems.addAll(markdown.problems());
      String[] pageLines = page.text().split("\n", -1);
      for (int i = 0; i < pageLines.length; i++) {
        String at = page.file() + ":" + (i + 1) + ": ";
        shell.checkJarNames(pageLines[i], problem -> problems.add(at + problem));
      }
      checkCoordinates(page, problems::add);
      checkSpans(markdown, problems::add);
      List<SqlSnippets.Statement> statements = new ArrayList<>();
      List<DocBlock> blocks = markdown.blocks();
      for (int b = 0; b < blocks.size(); b++) {
        DocBlock block = blocks.get(b);
        if (block.skipReason() != null) {
          skipped.add(
              block.file()
                  + ":"
                  + block.fenceLine()
                  + " ("
                  + block.language()
                  + "): "
                  + block.skipReason());
          continue;
        }
        String language = block.language();
        Consumer<String> report = problems::add;
        switch (language) {
          case "java" ->
              java.add(
                  block,
                  printedOutput(page, block, b + 1 < blocks.size() ? blocks.get(b + 1) : null));
          case "sql" -> {
            checkNames(block, report);
            statements.addAll(SqlSnippets.split(block.file(), block.lineOf(0), block.lines()));
          }
          case "bash", "sh", "shell" -> shell.checkBlock(block, report);
          case "console" -> checkConsole(block, report);
          case "python" -> {
            checkNames(block, report);
            checkPySparkFunctions(block, report);
            statements.addAll(sparkSqlStrings(block));
          }
          case "scala" -> {
            checkNames(block, report);
            checkScalaCalls(block, report);
          }
          case "" -> {
            if (!block.lines().isEmpty() && COMMAND_START.matcher(block.lines().get(0)).find()) {
              report.accept(
                  block.problem(
                      0,
                      "an untagged block that starts like a shell command: tag it ```bash (or"
                          + " ```console when its output follows) so that it is checked"));
            }
            continue;
          }
          default -> {
            continue;
          }
        }
        checked.merge(language, 1, Integer::sum);
      }
      long start = System.nanoTime();
      sql.runPage(statements, problems::add);
      if (!statements.isEmpty()) {
        System.out.printf(
            "%s: %d SQL statements in %.1f s%n",
            page.file(), statements.size(), (System.nanoTime() - start) / 1e9);
      }
    }
    long start = System.nanoTime();
    java.check(problems::add);
    System.out.printf("%d Java blocks in %.1f s%n", java.size(), (System.nanoTime() - start) / 1e9);
    return new Report(List.copyOf(new LinkedHashSet<>(problems)), checked, skipped);
  }

  /** The output block after a complete example, when the prose between them says it prints it. */
  private static String printedOutput(Page page, DocBlock example, DocBlock next) {
    if (next == null || !next.language().isEmpty()) {
      return null;
    }
    String[] lines = page.text().split("\n", -1);
    int end = example.fenceLine() + example.lines().size() + 1; // closing fence, 1-based
    String between =
        String.join(" ", Arrays.asList(lines).subList(end, next.fenceLine() - 1)).strip();
    return between.equals("prints") || between.endsWith("prints:") ? next.text() : null;
  }

  /** Every sk_* name in a block is a function of the table. */
  private void checkNames(DocBlock block, Consumer<String> problems) {
    for (int i = 0; i < block.lines().size(); i++) {
      Matcher name = SK_NAME.matcher(block.lines().get(i));
      while (name.find()) {
        if (!functionNames.contains(name.group())) {
          problems.accept(block.problem(i, "no SQL function " + name.group()));
        }
      }
    }
  }

  private void checkScalaCalls(DocBlock block, Consumer<String> problems) {
    for (int i = 0; i < block.lines().size(); i++) {
      String line = block.lines().get(i).replaceAll("\"[^\"]*\"", "\"\"");
      if (line.strip().startsWith("import ") || line.strip().startsWith("//")) {
        continue;
      }
      Matcher call = UNQUALIFIED_CALL.matcher(line);
      while (call.find()) {
        String name = call.group(1);
        if (!SCALA_WORDS.contains(name) && !columnFunctions.contains(name)) {
          problems.accept(
              block.problem(
                  i, name + "(...) is neither in SketchFunctions nor in Spark's functions"));
        }
      }
      Matcher member = MEMBER_CALL.matcher(line);
      while (member.find()) {
        if (!apiMethods.contains(member.group(1))) {
          problems.accept(
              block.problem(i, "." + member.group(1) + " is not a method of Spark's Dataset API"));
        }
      }
    }
  }

  /** PySpark's functions module mirrors Spark's Scala functions object, name for name. */
  private void checkPySparkFunctions(DocBlock block, Consumer<String> problems) {
    for (int i = 0; i < block.lines().size(); i++) {
      Matcher call = PYSPARK_FUNCTION.matcher(block.lines().get(i));
      while (call.find()) {
        if (!columnFunctions.contains(call.group(1))) {
          problems.accept(
              block.problem(i, "F." + call.group(1) + " is not one of Spark's functions"));
        }
      }
    }
  }

  /** The SQL strings a Python block passes to spark.sql, as statements at their page lines. */
  private static List<SqlSnippets.Statement> sparkSqlStrings(DocBlock block) {
    List<SqlSnippets.Statement> statements = new ArrayList<>();
    Matcher call = SPARK_SQL_STRING.matcher(block.text());
    while (call.find()) {
      int index =
          (int) block.text().substring(0, call.start(2)).chars().filter(c -> c == '\n').count();
      statements.add(
          new SqlSnippets.Statement(block.file(), block.lineOf(index), call.group(2).strip()));
    }
    return statements;
  }

  /** A console block: its first line is a command, the rest what it prints. */
  private void checkConsole(DocBlock block, Consumer<String> problems) {
    if (block.lines().isEmpty()) {
      return;
    }
    String command = block.lines().get(0).replaceFirst("^\\$\\s+", "");
    shell.checkLine(command, message -> problems.accept(block.problem(0, message)));
    if (command.strip().equals("./demo --help")) {
      Map<String, String> documented = optionLines(block.lines().subList(1, block.lines().size()));
      Map<String, String> usage = optionLines(List.of(demoUsage().split("\n")));
      for (Map.Entry<String, String> option : usage.entrySet()) {
        if (!option.getValue().equals(documented.get(option.getKey()))) {
          int index = indexOfOption(block, option.getKey());
          problems.accept(
              block.problem(
                  Math.max(index, 0),
                  "./demo --help prints \""
                      + option.getValue()
                      + "\", the page shows "
                      + (index < 0
                          ? "no " + option.getKey()
                          : "\"" + documented.get(option.getKey()) + "\"")));
        }
      }
      documented.keySet().stream()
          .filter(option -> !usage.containsKey(option))
          .forEach(
              option ->
                  problems.accept(
                      block.problem(
                          indexOfOption(block, option), "the demo has no option " + option)));
    }
  }

  private static int indexOfOption(DocBlock block, String option) {
    for (int i = 1; i < block.lines().size(); i++) {
      if (block.lines().get(i).strip().startsWith(option + " ")) {
        return i;
      }
    }
    return -1;
  }

  /** Option → its usage line with blanks collapsed. */
  private static Map<String, String> optionLines(List<String> lines) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String line : lines) {
      String stripped = line.strip();
      if (stripped.startsWith("--")) {
        options.put(stripped.split("\\s+")[0], stripped.replaceAll("\\s+", " "));
      }
    }
    return options;
  }

  /** The demo's usage text, read from the text block in DemoOptions.java. */
  private String demoUsage() {
    String source =
        BuildFacts.read(
            build.root.resolve(
                BuildFacts.sourceOf("sketches-spark/demo", "io.sketches.spark.demo.DemoOptions")));
    Matcher usage =
        Pattern.compile("USAGE\\s*=\\s*\"\"\"(.*?)\"\"\"", Pattern.DOTALL).matcher(source);
    if (!usage.find()) {
      throw new IllegalStateException("DemoOptions.USAGE is no longer a text block");
    }
    return usage.group(1);
  }

  private void checkCoordinates(Page page, Consumer<String> problems) {
    String[] lines = page.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher coordinate = COORDINATE.matcher(lines[i]);
      int line = i + 1;
      while (coordinate.find()) {
        shell.checkCoordinate(
            coordinate.group(),
            message -> problems.accept(page.file() + ":" + line + ": " + message));
      }
    }
  }

  /** Inline code that starts with a command is checked as one; sk_* names in prose code exist. */
  private void checkSpans(Markdown markdown, Consumer<String> problems) {
    for (Markdown.Span span : markdown.spans()) {
      if (SCRIPT_START.matcher(span.code()).find()) {
        shell.checkLine(span.code(), message -> problems.accept(span.problem(message)));
      }
      Matcher name = SK_NAME.matcher(span.code());
      while (name.find()) {
        if (!functionNames.contains(name.group())) {
          problems.accept(span.problem("no SQL function " + name.group()));
        }
      }
    }
  }
}
