package io.sketches.spark.docs;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the SQL of one page, statement by statement and in page order, on the test session (which
 * has {@code SketchesExtensions}), over small tables with the columns the docs assume ({@code
 * docs/tables.sql}). A page's own {@code CREATE TABLE} / {@code CREATE VIEW} replace the table of
 * that name, and are dropped when the page is done.
 */
final class SqlSnippets {
  /** One statement and where it starts on its page. */
  record Statement(String file, int line, String sql) {
    String problem(String message) {
      return file + ":" + line + ": " + message;
    }
  }

  private static final Pattern CREATES =
      Pattern.compile(
          "(?i)\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMP(?:ORARY)?\\s+)?(TABLE|VIEW)\\s+"
              + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");

  /**
   * The docs' queries run over a few thousand rows: generating and compiling code for each would
   * cost more than running it, so the page runs interpreted (same answers, as Spark's own tests
   * check) and without adaptive re-planning (set on the docs' own session).
   */
  private static final Map<String, String> FAST_SETTINGS =
      Map.of(
          "spark.sql.codegen.wholeStage", "false",
          "spark.sql.codegen.factoryMode", "NO_CODEGEN",
          "spark.sql.adaptive.enabled", "false");

  private final SparkSession spark;

  /** Table name → the statement that creates it as a temporary view. */
  private final Map<String, String> tables = new LinkedHashMap<>();

  SqlSnippets(SparkSession spark) {
    this.spark = spark;
    FAST_SETTINGS.forEach(spark.conf()::set);
    for (Statement fixture :
        split("docs/tables.sql", 0, List.of(resource("docs/tables.sql").split("\n")))) {
      Matcher created = CREATES.matcher(fixture.sql());
      if (!created.find()) {
        throw new IllegalStateException("docs/tables.sql: not a CREATE: " + fixture.sql());
      }
      tables.put(created.group(2).toLowerCase(Locale.ROOT), fixture.sql());
    }
  }

  /** Statements of a block; {@code firstLine} is the page line of its first content line. */
  static List<Statement> split(String file, int firstLine, List<String> lines) {
    List<Statement> statements = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = stripComment(lines.get(i));
      int from = 0;
      for (int at = quoteAwareIndexOf(line, ';', 0);
          at >= 0;
          at = quoteAwareIndexOf(line, ';', from)) {
        if (start < 0 && !line.substring(from, at).isBlank()) {
          start = i;
        }
        sql.append(line, from, at);
        if (!sql.toString().isBlank()) {
          statements.add(new Statement(file, firstLine + start, sql.toString().strip()));
        }
        sql.setLength(0);
        start = -1;
        from = at + 1;
      }
      String rest = line.substring(from);
      if (start < 0 && !rest.isBlank()) {
        start = i;
      }
      sql.append(rest).append('\n');
    }
    if (!sql.toString().isBlank()) {
      statements.add(new Statement(file, firstLine + start, sql.toString().strip()));
    }
    return statements;
  }

  /** Runs a page's statements in order; reports each that fails to analyze or run. */
  void runPage(List<Statement> statements, Consumer<String> problems) {
    Set<String> created = new LinkedHashSet<>();
    for (Statement statement : statements) {
      Matcher m = CREATES.matcher(statement.sql());
      while (m.find()) {
        created.add(m.group(2).toLowerCase(Locale.ROOT));
      }
    }
    for (String name : created) {
      dropTable(name);
    }
    if (statements.isEmpty()) {
      return;
    }
    String pageSql = statements.stream().map(Statement::sql).collect(Collectors.joining("\n"));
    Set<String> needed = new LinkedHashSet<>();
    tables.keySet().stream().filter(name -> mentions(pageSql, name)).forEach(needed::add);
    // a fixture may be defined over another (models over houses)
    tables.forEach(
        (name, definition) -> {
          if (needed.contains(name)) {
            tables.keySet().stream()
                .filter(other -> !other.equals(name) && mentions(definition, other))
                .forEach(needed::add);
          }
        });
    tables.forEach(
        (name, definition) -> {
          if (needed.contains(name) && !created.contains(name)) {
            spark.sql(definition);
          }
        });
    try {
      for (Statement statement : statements) {
        try {
          spark.sql(statement.sql()).collect();
        } catch (Exception e) {
          String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
          problems.accept(
              statement.problem("fails: " + e.getClass().getSimpleName() + ": " + message));
        }
      }
    } finally {
      for (String name : created) {
        dropTable(name);
      }
    }
  }

  private static boolean mentions(String sql, String table) {
    return Pattern.compile("(?i)\\b" + table + "\\b").matcher(sql).find();
  }

  private void dropTable(String name) {
    spark.catalog().dropTempView(name);
    spark.sql("DROP TABLE IF EXISTS " + name);
    // a table dropped by an earlier JVM's catalog can leave its files behind, and CTAS refuses them
    Path location =
        Path.of(spark.conf().get("spark.sql.warehouse.dir").replaceFirst("^file:", ""))
            .resolve(name);
    if (Files.exists(location)) {
      try {
        MoreFiles.deleteRecursively(location, RecursiveDeleteOption.ALLOW_INSECURE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The line without its {@code --} comment (one outside a string literal). */
  static String stripComment(String line) {
    int at = quoteAwareIndexOf(line, '-', 0);
    while (at >= 0) {
      if (at + 1 < line.length() && line.charAt(at + 1) == '-') {
        return line.substring(0, at);
      }
      at = quoteAwareIndexOf(line, '-', at + 1);
    }
    return line;
  }

  private static int quoteAwareIndexOf(String line, char wanted, int from) {
    char quote = 0;
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == wanted) {
        return i;
      }
    }
    return -1;
  }

  static String resource(String name) {
    try (InputStream in = SqlSnippets.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
