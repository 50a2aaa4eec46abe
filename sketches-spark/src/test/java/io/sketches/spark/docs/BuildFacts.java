package io.sketches.spark.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the build defines, read from the repository itself, so that the docs are checked against the
 * build rather than against a copy: the modules and the jars they produce, the version, profiles,
 * Spark's version, the demo's options and the benchmark studies.
 */
final class BuildFacts {
  /** A module: its directory (relative to the root, '/'-separated) and artifactId. */
  record Module(String dir, String artifactId, Set<String> classifiers) {}

  private static final Pattern STUDY_CLASS =
      Pattern.compile("new\\s+(io\\.sketches\\.bench\\.[\\w.]+)\\s*\\(\\s*\\)");
  private static final Pattern STUDY_NAME =
      Pattern.compile("String\\s+name\\(\\)\\s*\\{\\s*return\\s+\"([^\"]+)\"");
  private static final Pattern DEMO_OPTION = Pattern.compile("case\\s+\"(--[a-z-]+)\"\\s*->");
  private static final Pattern ENUM_CONSTANT = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)\\(", 8);

  final Path root;
  final String groupId;
  final String version;
  final String sparkVersion;
  final String scalaBinaryVersion;
  final List<Module> modules = new ArrayList<>();
  final Set<String> profiles = new LinkedHashSet<>();
  final Set<String> demoOptions = new LinkedHashSet<>();
  final Set<String> benchmarkProfiles = new LinkedHashSet<>();
  final Set<String> studies = new LinkedHashSet<>();
  final Map<String, String> properties = new LinkedHashMap<>();

  private BuildFacts(Path root) {
    this.root = root;
    Element parent = pom(root.resolve("pom.xml"));
    groupId = child(parent, "groupId");
    Element props = firstChild(parent, "properties");
    if (props != null) {
      for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          properties.put(e.getTagName(), e.getTextContent().strip());
        }
      }
    }
    version = resolve(child(parent, "version"));
    sparkVersion = properties.get("spark.version");
    scalaBinaryVersion = properties.get("scala.binary.version");
    String parentText = read(root.resolve("pom.xml"));
    collectProfiles(parent);
    for (Element module : children(firstChild(parent, "modules"), "module")) {
      String dir = module.getTextContent().strip();
      Path pomFile = root.resolve(dir).resolve("pom.xml");
      Element pom = pom(pomFile);
      String text = read(pomFile);
      collectProfiles(pom);
      Set<String> classifiers = new LinkedHashSet<>();
      classifiers.add("");
      // the shade plugin's classifier, configured in the module or in the parent's pluginManagement
      if (text.contains("maven-shade-plugin")) {
        String shadeConfig = text.contains("<shadedClassifierName>") ? text : parentText;
        Matcher shaded = Pattern.compile("<shadedClassifierName>(\\w+)<").matcher(shadeConfig);
        while (shaded.find()) {
          classifiers.add(shaded.group(1));
        }
      }
      if (text.contains("<goal>test-jar</goal>")) {
        classifiers.add("tests");
      }
      if (text.contains("maven-source-plugin") || parentText.contains("maven-source-plugin")) {
        classifiers.add("sources");
      }
      if (text.contains("maven-javadoc-plugin") || parentText.contains("maven-javadoc-plugin")) {
        classifiers.add("javadoc");
      }
      modules.add(new Module(dir, child(pom, "artifactId"), classifiers));
    }
    Matcher option =
        DEMO_OPTION.matcher(
            read(
                root.resolve(
                    sourceOf("sketches-spark/demo", "io.sketches.spark.demo.DemoOptions"))));
    while (option.find()) {
      demoOptions.add(option.group(1));
    }
    Matcher constant =
        ENUM_CONSTANT.matcher(
            read(root.resolve(sourceOf("benchmarks", "io.sketches.bench.Profile"))));
    while (constant.find()) {
      benchmarkProfiles.add(constant.group(1).toLowerCase(Locale.ROOT));
    }
    Matcher study =
        STUDY_CLASS.matcher(
            read(root.resolve(sourceOf("benchmarks", "io.sketches.bench.Studies"))));
    while (study.find()) {
      Matcher name = STUDY_NAME.matcher(read(root.resolve(sourceOf("benchmarks", study.group(1)))));
      if (name.find()) {
        studies.add(name.group(1));
      }
    }
  }

  /** The facts of the repository this test runs in (found from the working directory up). */
  static BuildFacts ofThisRepository() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null
        && !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs")))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no repository root (mvnw beside docs/) above the working directory");
    }
    return new BuildFacts(dir);
  }

  /** Every jar file name the build produces, e.g. {@code sketches-spark-0.1.0-SNAPSHOT-all.jar}. */
  Map<String, Module> jarNames() {
    Map<String, Module> jars = new LinkedHashMap<>();
    for (Module module : modules) {
      for (String classifier : module.classifiers()) {
        String suffix = classifier.isEmpty() ? "" : "-" + classifier;
        jars.put(module.artifactId() + "-" + version + suffix + ".jar", module);
      }
    }
    return jars;
  }

  Module moduleByArtifactId(String artifactId) {
    return modules.stream().filter(m -> m.artifactId().equals(artifactId)).findFirst().orElse(null);
  }

  /** The main source file of a class, relative to the root: {@code <module>/src/main/java/...}. */
  static String sourceOf(String moduleDir, String className) {
    return moduleDir + "/src/main/java/" + className.replace('.', '/') + ".java";
  }

  /** The source file of a class in any module's main or test tree, or null. */
  Path findSource(String className) {
    String relative = className.replace('.', '/') + ".java";
    for (Module module : modules) {
      for (String tree : List.of("src/main/java/", "src/test/java/")) {
        Path candidate = root.resolve(module.dir()).resolve(tree + relative);
        if (Files.exists(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** {@code value} with {@code ${property}} references to the parent's properties replaced. */
  String resolve(String value) {
    Matcher reference = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (reference.find()) {
      String property = properties.getOrDefault(reference.group(1), reference.group());
      reference.appendReplacement(resolved, Matcher.quoteReplacement(property));
    }
    return reference.appendTail(resolved).toString();
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void collectProfiles(Element pom) {
    for (Element profile : children(firstChild(pom, "profiles"), "profile")) {
      profiles.add(child(profile, "id"));
    }
  }

  private static Element pom(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      Document document = factory.newDocumentBuilder().parse(file.toFile());
      return document.getDocumentElement();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static Element firstChild(Element parent, String tag) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> found = new ArrayList<>();
    if (parent != null) {
      NodeList nodes = parent.getChildNodes();
      for (int i = 0; i < nodes.getLength(); i++) {
        if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
          found.add(e);
        }
      }
    }
    return found;
  }

  private static String child(Element parent, String tag) {
    Element e = firstChild(parent, tag);
    return e == null ? null : e.getTextContent().strip();
  }
}
