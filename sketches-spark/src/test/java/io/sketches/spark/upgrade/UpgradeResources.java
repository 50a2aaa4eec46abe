package io.sketches.spark.upgrade;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * Where the state written by released versions lives ({@code src/test/resources/upgrade/<version>},
 * see the README there), and the failure that says what a break of it means.
 */
final class UpgradeResources {
  /** The folder the generator writes by default: the version this source tree will release. */
  static final String CURRENT = "0.1.0";

  /** The generator's switch: {@code -Dsketches.upgrade.regenerate=<version folder>}. */
  static final String REGENERATE = "sketches.upgrade.regenerate";

  /** The module-relative folder the generator writes into (surefire runs in the module). */
  static final Path SOURCE_FOLDER = Path.of("src", "test", "resources", "upgrade");

  static final String CHECKPOINT = "checkpoint";
  static final String CHECKPOINT_INPUT = "checkpoint-input";
  static final String STORED_SKETCHES = "stored-sketches.parquet";

  /**
   * Stands for the input folder's URI in the file source's log: the generator writes it in place of
   * its temporary folder, a restart puts its own folder back.
   */
  static final String INPUT_PLACEHOLDER = "@CHECKPOINT_INPUT@";

  private UpgradeResources() {}

  /** Every committed version folder, oldest name first; fails if there is none. */
  static List<Path> versionFolders() {
    URL root = UpgradeResources.class.getResource("/upgrade");
    if (root == null) {
      throw new AssertionFailedError("no test resources under /upgrade on the classpath");
    }
    try (Stream<Path> folders = Files.list(Path.of(root.toURI()))) {
      List<Path> versions = folders.filter(Files::isDirectory).sorted().toList();
      assertFalse(versions.isEmpty(), "no version folder under " + root);
      return versions;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The failure of a test over committed state: it names the version that wrote the state and what
   * a deliberate format change owes its users.
   */
  static AssertionFailedError broken(Path versionFolder, String what, Throwable cause) {
    return new AssertionFailedError(
        what
            + " (state written by sketches "
            + versionFolder.getFileName()
            + "). Users keep such state across upgrades: a deliberate change of a sketch's bytes"
            + " or of an aggregate's state must ship a reader for the old bytes, so that this test"
            + " passes unchanged; never regenerate a released version's folder to make it pass"
            + " (src/test/resources/upgrade/README.md). Cause: "
            + cause,
        cause);
  }

  /**
   * An empty work folder under {@code target/upgrade/}, emptied before use rather than after: a
   * failed query's tasks may still be writing into it when a test ends.
   */
  static Path emptyWorkFolder(String name) throws IOException {
    Path folder = Path.of("target", "upgrade", name).toAbsolutePath();
    deleteTree(folder);
    return Files.createDirectories(folder);
  }

  static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Copies a folder tree, skipping Hadoop's {@code .crc} side files. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().endsWith(".crc")) {
          Files.copy(file, target);
        }
      }
    }
  }
}
