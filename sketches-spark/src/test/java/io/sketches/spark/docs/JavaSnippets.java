package io.sketches.spark.docs;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the Java blocks of the docs against the test classpath (the library and Spark), all in
 * one javac run, and runs the {@code main} of every complete example class, comparing what it
 * prints with the output block the page shows after it, if any.
 *
 * <p>A block that declares a type is compiled as a compilation unit. Any other block is a fragment:
 * its leading imports stay imports, the rest becomes the body of a method whose parameters are the
 * block's {@code <!-- doc-check: given ... -->} declarations, with the library's packages, Spark
 * SQL's and {@code java.util} imported on demand. Each block gets a package of its own, so line
 * numbers of javac's errors map back to page lines.
 */
final class JavaSnippets {
  private static final String IMPLIED_IMPORTS =
      "import io.sketches.*; import io.sketches.cardinality.*; import io.sketches.frequency.*;"
          + " import io.sketches.sampling.*; import io.sketches.clustering.*;"
          + " import io.sketches.regression.*; import io.sketches.format.*;"
          + " import io.sketches.spark.*; import org.apache.spark.sql.*;"
          + " import org.apache.spark.sql.types.*; import java.util.*;";
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "^(public\\s+)?((final|abstract|sealed)\\s+)*(class|record|interface|enum)\\s+(\\w+)",
          Pattern.MULTILINE);
  private static final Pattern MAIN = Pattern.compile("static\\s+void\\s+main\\s*\\(");

  /** A block as javac sees it. */
  private record Unit(
      DocBlock block,
      String packageName,
      String typeName,
      String source,
      int lineShift,
      String expectedOutput) {}

  private final List<Unit> units = new ArrayList<>();

  /** Adds a block; {@code expectedOutput}, if not null, is what its {@code main} must print. */
  void add(DocBlock block, String expectedOutput) {
    String packageName = "docsnippets.s" + units.size();
    String text = block.text();
    Matcher type = TYPE_DECLARATION.matcher(text);
    if (type.find()) {
      String source = "package " + packageName + "; " + text + "\n";
      units.add(new Unit(block, packageName, type.group(5), source, 0, expectedOutput));
      return;
    }
    List<String> lines = block.lines();
    int imports = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("import ")) {
        imports = i + 1;
      } else if (!line.isEmpty() && !line.startsWith("//")) {
        break;
      }
    }
    String given = block.given() == null ? "" : block.given();
    String opening = " class Snippet { void run(" + given + ") throws Exception {";
    StringBuilder source = new StringBuilder("package " + packageName + "; " + IMPLIED_IMPORTS);
    if (imports == 0) {
      source.append(opening);
    }
    for (int i = 0; i < lines.size(); i++) {
      source.append('\n').append(lines.get(i));
      if (i + 1 == imports) {
        source.append(opening);
      }
    }
    source.append("\n}}\n");
    units.add(new Unit(block, packageName, "Snippet", source.toString(), 1, null));
  }

  int size() {
    return units.size();
  }

  /** Compiles every block added, then runs the complete examples' main methods. */
  void check(Consumer<String> problems) {
    if (units.isEmpty()) {
      return;
    }
    Path out;
    try {
      out = Files.createTempDirectory("doc-snippets");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<JavaFileObject, Unit> byFile = new IdentityHashMap<>();
    List<JavaFileObject> files = new ArrayList<>();
    for (Unit unit : units) {
      JavaFileObject file = new Source(unit);
      byFile.put(file, unit);
      files.add(file);
    }
    List<String> options =
        List.of(
            "-classpath",
            testClasspath(),
            "-d",
            out.toString(),
            "-proc:none",
            "-Xlint:none",
            "-encoding",
            "UTF-8");
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      boolean compiled = javac.getTask(null, fileManager, diagnostics, options, null, files).call();
      Set<JavaFileObject> failed = new HashSet<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR) {
          continue;
        }
        failed.add(d.getSource());
        Unit unit = byFile.get(d.getSource());
        String message = d.getMessage(Locale.ROOT).lines().collect(Collectors.joining(" "));
        if (unit == null) {
          problems.accept("javac: " + message);
        } else {
          int contentIndex = (int) d.getLineNumber() - 1 - unit.lineShift();
          problems.accept(
              unit.block().problem(Math.max(contentIndex, 0), "does not compile: " + message));
        }
      }
      if (!compiled) {
        // javac writes no classes when any unit fails: compile the others again, to run their mains
        List<JavaFileObject> good = files.stream().filter(f -> !failed.contains(f)).toList();
        compiled =
            !good.isEmpty() && javac.getTask(null, fileManager, null, options, null, good).call();
        units.removeIf(unit -> failed.stream().anyMatch(f -> byFile.get(f) == unit));
      }
      if (compiled) {
        runMains(out, problems);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        MoreFiles.deleteRecursively(out, RecursiveDeleteOption.ALLOW_INSECURE);
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }

  private void runMains(Path out, Consumer<String> problems) throws IOException {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, JavaSnippets.class.getClassLoader())) {
      for (Unit unit : units) {
        if (unit.lineShift() != 0 || !MAIN.matcher(unit.source()).find()) {
          continue;
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try {
          Method main =
              loader
                  .loadClass(unit.packageName() + "." + unit.typeName())
                  .getMethod("main", String[].class);
          System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
          main.invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
          problems.accept(unit.block().problem(0, "main throws " + e.getCause()));
          continue;
        } catch (ReflectiveOperationException e) {
          problems.accept(unit.block().problem(0, "cannot run main: " + e));
          continue;
        } finally {
          System.setOut(stdout);
        }
        String output = printed.toString(StandardCharsets.UTF_8).strip();
        if (unit.expectedOutput() != null && !output.equals(unit.expectedOutput().strip())) {
          problems.accept(
              unit.block()
                  .problem(
                      0,
                      "prints\n"
                          + output
                          + "\nbut the page shows\n"
                          + unit.expectedOutput().strip()));
        }
      }
    }
  }

  /**
   * The test classpath (Surefire hands it over in a system property when it uses a manifest jar).
   */
  private static String testClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(Unit unit) {
      super(
          URI.create(
              "string:///"
                  + unit.packageName().replace('.', '/')
                  + "/"
                  + unit.typeName()
                  + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.code = unit.source();
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
