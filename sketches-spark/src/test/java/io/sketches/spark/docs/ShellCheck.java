package io.sketches.spark.docs;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks shell commands without running them (they need a cluster, Kafka or minutes): that each
 * line continuation is a backslash at the very end of its line, and that every program, file, jar,
 * class, option, Maven profile and module, benchmark profile and study a command names is one the
 * repository defines.
 */
final class ShellCheck {
  /**
   * A backslash with blanks (and maybe a comment) after it: it escapes a blank, not the newline.
   */
  private static final Pattern BROKEN_CONTINUATION = Pattern.compile("\\\\[ \\t]+(#.*)?$");

  private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*");
  private static final Pattern OUR_JAR =
      Pattern.compile("(?<![\\w.-])(sketches-[\\w.-]*?\\.jar)\\b");
  private static final Pattern COORDINATE = Pattern.compile("^([\\w.-]+):([\\w.-]+):([\\w.-]+)$");
  private static final Set<String> SPARK_LAUNCHERS =
      Set.of("spark-submit", "spark-sql", "pyspark", "spark-shell", "sparkR");
  private static final Set<String> PLAIN_PROGRAMS =
      Set.of(
          "sed", "cat", "ls", "unzip", "cd", "grep", "head", "tail", "mkdir", "rm", "echo", "du",
          "git", "curl", "python3", "python");
  private static final Set<String> MAVEN_PHASES =
      Set.of(
          "clean",
          "validate",
          "initialize",
          "generate-sources",
          "process-sources",
          "generate-resources",
          "process-resources",
          "compile",
          "process-classes",
          "generate-test-sources",
          "process-test-sources",
          "generate-test-resources",
          "process-test-resources",
          "test-compile",
          "process-test-classes",
          "test",
          "prepare-package",
          "package",
          "pre-integration-test",
          "integration-test",
          "post-integration-test",
          "verify",
          "install",
          "deploy",
          "site");
  private static final Set<String> MAVEN_SWITCHES =
      Set.of(
          "-B",
          "--batch-mode",
          "-q",
          "--quiet",
          "-o",
          "--offline",
          "-e",
          "-X",
          "-U",
          "-N",
          "-am",
          "--also-make",
          "-amd",
          "--also-make-dependents",
          "-ntp",
          "--no-transfer-progress",
          "-fae",
          "--fail-at-end",
          "-ff",
          "--fail-fast",
          "-V",
          "-v",
          "--version",
          "-h",
          "--help");
  private static final Set<String> MAVEN_OPTIONS_WITH_VALUE =
      Set.of(
          "-pl",
          "--projects",
          "-P",
          "--activate-profiles",
          "-T",
          "--threads",
          "-f",
          "--file",
          "-s",
          "--settings",
          "-D",
          "--define");
  private static final Set<String> STANDARD_MAVEN_PLUGINS =
      Set.of(
          "dependency",
          "help",
          "clean",
          "install",
          "deploy",
          "site",
          "versions",
          "jar",
          "surefire",
          "failsafe");

  private final BuildFacts build;
  private final ClassLoader classes;
  private final Set<String> submitOptionsWithValue = new LinkedHashSet<>();
  private final Set<String> submitSwitches = new LinkedHashSet<>();

  ShellCheck(BuildFacts build) {
    this.build = build;
    this.classes = ShellCheck.class.getClassLoader();
    readSparkSubmitOptions();
  }

  /** Problems of one bash/sh/shell block. */
  void checkBlock(DocBlock block, Consumer<String> problems) {
    List<String> lines = block.lines();
    StringBuilder command = new StringBuilder();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (BROKEN_CONTINUATION.matcher(line).find()) {
        problems.accept(
            block.problem(
                i,
                "broken line continuation: the backslash is not the last character of the line (it"
                    + " escapes the blank after it, so the command ends here and the next line runs"
                    + " as a command of its own)"));
      }
      if (start < 0) {
        start = i;
      }
      if (line.endsWith("\\")) {
        if (i + 1 == lines.size() || lines.get(i + 1).isBlank()) {
          problems.accept(block.problem(i, "the line continues into nothing"));
        }
        command.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      command.append(line);
      int at = start;
      checkLine(command.toString(), message -> problems.accept(block.problem(at, message)));
      command.setLength(0);
      start = -1;
    }
  }

  /** Problems of one command line (a logical line: continuations already joined). */
  void checkLine(String line, Consumer<String> problems) {
    ShellWords words = ShellWords.split(withVersion(line));
    for (String substitution : words.substitutions()) {
      checkLine(substitution, problems);
    }
    for (List<String> command : words.commands()) {
      checkCommand(command, problems);
    }
  }

  private void checkCommand(List<String> words, Consumer<String> problems) {
    int first = 0;
    while (first < words.size() && ASSIGNMENT.matcher(words.get(first)).matches()) {
      checkWord(words.get(first).substring(words.get(first).indexOf('=') + 1), problems);
      first++;
    }
    if (first == words.size()) {
      return;
    }
    String program = words.get(first);
    List<String> args = words.subList(first + 1, words.size());
    if (program.equals("export")) {
      for (String assignment : args) {
        checkWord(assignment.substring(assignment.indexOf('=') + 1), problems);
      }
    } else if (SPARK_LAUNCHERS.contains(program)) {
      checkSubmit(program, args, problems);
    } else if (program.equals("java")) {
      checkJava(args, problems);
    } else if (PLAIN_PROGRAMS.contains(program)) {
      args.forEach(arg -> checkWord(arg, problems));
    } else if (program.contains("/") && !program.startsWith("$")) {
      checkScript(program, args, problems);
    } else {
      problems.accept(
          "`"
              + program
              + "` is not a program the doc checker knows (a broken line continuation"
              + " above? else teach ShellCheck about it)");
    }
  }

  /** A repository script: it must exist and be executable; its arguments must be its own. */
  private void checkScript(String program, List<String> args, Consumer<String> problems) {
    String relative = repoRelative(program);
    Path script = build.root.resolve(relative);
    if (!Files.isRegularFile(script) || !Files.isExecutable(script)) {
      problems.accept(
          "`"
              + program
              + "` is not an executable file of the repository"
              + (program.endsWith(".jar")
                  ? " (a jar on a line of its own: a broken continuation?)"
                  : ""));
      return;
    }
    switch (relative) {
      case "demo" -> checkDemoArguments(args, problems);
      case "benchmarks/run" -> checkBenchmarkArguments(args, problems);
      case "mvnw" -> checkMavenArguments(args, problems);
      default -> args.forEach(arg -> checkWord(arg, problems));
    }
  }

  void checkDemoArguments(List<String> args, Consumer<String> problems) {
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (option.equals("--help") || option.equals("-h")) {
        continue;
      }
      if (!build.demoOptions.contains(option)) {
        problems.accept("the demo has no option " + option + " (it has " + build.demoOptions + ")");
      } else if (i + 1 == args.size()) {
        problems.accept("the demo's " + option + " needs a value");
      }
      i++;
    }
  }

  private void checkBenchmarkArguments(List<String> args, Consumer<String> problems) {
    if (args.equals(List.of("replot"))) {
      return; // redraws docs/images from the committed CSVs (Benchmarks.replot), no profile
    }
    if (!args.isEmpty() && !build.benchmarkProfiles.contains(args.get(0))) {
      problems.accept(
          "benchmarks/run has no profile "
              + args.get(0)
              + " (it has "
              + build.benchmarkProfiles
              + ")");
    }
    for (String study : args.subList(Math.min(1, args.size()), args.size())) {
      if (!build.studies.contains(study)) {
        problems.accept("benchmarks/run has no study " + study + " (it has " + build.studies + ")");
      }
    }
  }

  private void checkMavenArguments(List<String> args, Consumer<String> problems) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String value = null;
      String option = arg;
      if (arg.startsWith("-D") || arg.startsWith("-P") && arg.length() > 2) {
        option = arg.substring(0, 2);
        value = arg.length() > 2 ? arg.substring(2) : null;
      }
      if (MAVEN_SWITCHES.contains(option)) {
        continue;
      }
      if (MAVEN_OPTIONS_WITH_VALUE.contains(option)) {
        if (value == null) {
          if (i + 1 == args.size()) {
            problems.accept("Maven's " + option + " needs a value");
            continue;
          }
          value = args.get(++i);
        }
        if (option.equals("-P") || option.equals("--activate-profiles")) {
          for (String profile : value.split(",")) {
            String id = profile.replaceFirst("^[!+-]", "");
            if (!build.profiles.contains(id)) {
              problems.accept(
                  "no Maven profile " + id + " (the poms define " + build.profiles + ")");
            }
          }
        } else if (option.equals("-pl") || option.equals("--projects")) {
          for (String project : value.split(",")) {
            String id = project.replaceFirst("^[!-]", "");
            boolean known =
                build.modules.stream()
                    .anyMatch(m -> m.dir().equals(id) || (":" + m.artifactId()).equals(id));
            if (!known) {
              problems.accept("no Maven module " + id);
            }
          }
        }
        continue;
      }
      if (arg.startsWith("-")) {
        problems.accept("Maven has no option " + arg + " the doc checker knows");
      } else if (arg.contains(":")) {
        String prefix = arg.substring(0, arg.indexOf(':'));
        boolean used =
            STANDARD_MAVEN_PLUGINS.contains(prefix)
                || build.modules.stream()
                    .map(m -> build.root.resolve(m.dir()).resolve("pom.xml"))
                    .map(BuildFacts::read)
                    .anyMatch(pom -> pom.contains(prefix + "-maven-plugin"))
                || BuildFacts.read(build.root.resolve("pom.xml"))
                    .contains(prefix + "-maven-plugin");
        if (!used) {
          problems.accept("no Maven plugin with prefix " + prefix + " in the build (" + arg + ")");
        }
      } else if (!MAVEN_PHASES.contains(arg)) {
        problems.accept("`" + arg + "` is not a Maven lifecycle phase");
      }
    }
  }

  private void checkJava(List<String> args, Consumer<String> problems) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) {
        checkWord(args.get(Math.min(i + 1, args.size() - 1)), problems);
        i++;
      } else if (arg.equals("-jar")) {
        if (i + 1 < args.size()) {
          checkWord(args.get(i + 1), problems);
        }
        return;
      } else if (arg.startsWith("-") || arg.startsWith("$")) {
        continue;
      } else {
        String mainClass = arg;
        List<String> rest = args.subList(i + 1, args.size());
        if (mainClass.equals("org.apache.spark.deploy.SparkSubmit")) {
          checkSubmit("spark-submit", rest, problems);
        } else {
          checkClass(mainClass, problems);
          rest.forEach(word -> checkWord(word, problems));
        }
        return;
      }
    }
    problems.accept("java without a main class");
  }

  /** Arguments of spark-submit (and the shells that take its options). */
  private void checkSubmit(String program, List<String> args, Consumer<String> problems) {
    String mainClass = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String option = arg;
      String value = null;
      if (arg.startsWith("--") && arg.contains("=")) {
        option = arg.substring(0, arg.indexOf('='));
        value = arg.substring(arg.indexOf('=') + 1);
      }
      if (submitSwitches.contains(option)) {
        continue;
      }
      if (submitOptionsWithValue.contains(option)) {
        if (value == null) {
          if (i + 1 == args.size()) {
            problems.accept(program + "'s " + option + " needs a value");
            return;
          }
          value = args.get(++i);
        }
        switch (option) {
          case "--class" -> {
            mainClass = value;
            checkClass(value, problems);
          }
          case "--jars" -> Arrays.stream(value.split(",")).forEach(jar -> checkWord(jar, problems));
          case "--packages" ->
              Arrays.stream(value.split(",")).forEach(c -> checkCoordinate(c, problems));
          case "--conf" -> checkConf(value, problems);
          default -> checkWord(value, problems);
        }
        continue;
      }
      if (arg.startsWith("-")) {
        problems.accept(program + " has no option " + option);
        continue;
      }
      // the application (a jar or a Python file), then the application's own arguments
      checkWord(arg, problems);
      List<String> appArgs = args.subList(i + 1, args.size());
      boolean demo =
          "io.sketches.spark.demo.StreamingDemo".equals(mainClass)
              || arg.contains("sketches-spark-demo-");
      if (demo) {
        checkDemoArguments(appArgs, problems);
      } else {
        appArgs.forEach(word -> checkWord(word, problems));
      }
      return;
    }
  }

  private void checkConf(String setting, Consumer<String> problems) {
    int equals = setting.indexOf('=');
    if (equals < 0) {
      problems.accept("--conf " + setting + " is not key=value");
      return;
    }
    String key = setting.substring(0, equals);
    String value = setting.substring(equals + 1);
    if (key.equals("spark.sql.extensions")) {
      for (String extension : value.split(",")) {
        try {
          Class<?> type = Class.forName(extension.strip(), false, classes);
          if (!scala.Function1.class.isAssignableFrom(type)) {
            problems.accept(
                extension + " is not a session extension (a Function1 of the extensions)");
          }
        } catch (ClassNotFoundException e) {
          problems.accept("no class " + extension + " for spark.sql.extensions");
        }
      }
    } else if (!key.startsWith("spark.")) {
      problems.accept("--conf " + key + ": Spark settings start with spark.");
    }
  }

  /**
   * A Maven coordinate: ours must name a module and this version; Spark's, this Spark and Scala.
   */
  void checkCoordinate(String written, Consumer<String> problems) {
    String coordinate = withVersion(written);
    Matcher m = COORDINATE.matcher(coordinate);
    if (!m.matches()) {
      problems.accept(coordinate + " is not groupId:artifactId:version");
      return;
    }
    String group = m.group(1);
    String artifact = m.group(2);
    String version = m.group(3);
    if (group.equals(build.groupId)) {
      if (build.moduleByArtifactId(artifact) == null) {
        problems.accept(coordinate + ": the build has no artifact " + artifact);
      } else if (!version.equals(build.version)) {
        problems.accept(
            coordinate + ": the build's version is " + build.version + ", not " + version);
      }
    } else if (group.equals("org.apache.spark")) {
      if (!version.equals(build.sparkVersion)) {
        problems.accept(coordinate + ": the build uses Spark " + build.sparkVersion);
      }
      if (artifact.matches(".*_\\d+\\.\\d+")
          && !artifact.endsWith("_" + build.scalaBinaryVersion)) {
        problems.accept(coordinate + ": the build uses Scala " + build.scalaBinaryVersion);
      }
    }
  }

  private void checkClass(String name, Consumer<String> problems) {
    try {
      Class.forName(name, false, classes);
    } catch (ClassNotFoundException | LinkageError e) {
      if (build.findSource(name) == null) {
        problems.accept("no class " + name + " in the build or on its classpath");
      }
    }
  }

  /** Any word: names of our jars must be jars the build makes; paths into the repo must exist. */
  void checkWord(String word, Consumer<String> problems) {
    if (word.isEmpty() || word.contains("*")) {
      return;
    }
    Matcher jar = OUR_JAR.matcher(word);
    if (jar.find() && word.endsWith(".jar")) {
      checkJar(word, problems);
      return;
    }
    String relative = repoRelative(word);
    int slash = relative.indexOf('/');
    String top = slash < 0 ? relative : relative.substring(0, slash);
    boolean intoRepo =
        !relative.isEmpty()
            && !relative.contains("$")
            && !relative.startsWith("/")
            && (slash > 0 || relative.contains("."))
            && Files.exists(build.root.resolve(top));
    if (!intoRepo) {
      return;
    }
    int target = relative.indexOf("/target/");
    if (target >= 0) {
      // built by the build: the module's pom must mention what the path names under target/
      String module = relative.substring(0, target);
      String built = relative.substring(target + "/target/".length()).split("/")[0];
      Path pom = build.root.resolve(module).resolve("pom.xml");
      if (!Files.exists(pom) || !BuildFacts.read(pom).contains("/" + built)) {
        problems.accept(word + ": nothing in " + module + "/pom.xml builds target/" + built);
      }
    } else if (!Files.exists(build.root.resolve(relative))) {
      problems.accept(word + ": no such file in the repository");
    }
  }

  /** A jar of ours, by name (and by directory, when it has one). */
  void checkJar(String path, Consumer<String> problems) {
    String relative = repoRelative(path);
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    BuildFacts.Module module = build.jarNames().get(name);
    if (module == null) {
      List<String> made = new ArrayList<>(build.jarNames().keySet());
      problems.accept(
          name
              + " is not a jar the build makes (version "
              + build.version
              + "; it makes "
              + String.join(", ", made)
              + ")");
      return;
    }
    int slash = relative.lastIndexOf('/');
    if (slash >= 0
        && !path.startsWith("$")
        && !relative.substring(0, slash).equals(module.dir() + "/target")) {
      problems.accept(path + ": the build writes " + name + " to " + module.dir() + "/target/");
    }
  }

  /** Every name of one of our jars anywhere in a text (prose included) is one the build makes. */
  void checkJarNames(String text, Consumer<String> problems) {
    Matcher jar = OUR_JAR.matcher(withVersion(text));
    while (jar.find()) {
      checkJar(jar.group(1), problems);
    }
  }

  /**
   * The text with the docs' release placeholder ({@code $SKETCHES_VERSION}, which docs/spark.md's
   * version table defines) read as the build's version, so names written with it are checked too.
   */
  private String withVersion(String text) {
    return text.replace("${SKETCHES_VERSION}", build.version)
        .replace("$SKETCHES_VERSION", build.version);
  }

  private static String repoRelative(String word) {
    String relative = word;
    for (String prefix : List.of("$PWD/", "${PWD}/", "./")) {
      if (relative.startsWith(prefix)) {
        relative = relative.substring(prefix.length());
      }
    }
    return relative;
  }

  /** spark-submit's own option table (package-private in spark-launcher, read reflectively). */
  private void readSparkSubmitOptions() {
    try {
      Class<?> parser = Class.forName("org.apache.spark.launcher.SparkSubmitOptionParser");
      Constructor<?> constructor = parser.getDeclaredConstructor();
      constructor.setAccessible(true);
      Object instance = constructor.newInstance();
      for (String field : List.of("opts", "switches")) {
        Field table = parser.getDeclaredField(field);
        table.setAccessible(true);
        Set<String> into = field.equals("opts") ? submitOptionsWithValue : submitSwitches;
        for (String[] aliases : (String[][]) table.get(instance)) {
          into.addAll(Arrays.asList(aliases));
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read spark-submit's options", e);
    }
  }
}
