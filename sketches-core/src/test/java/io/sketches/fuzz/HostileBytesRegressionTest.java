package io.sketches.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sketches.SketchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every defect the fuzzer found, as its exact bytes under {@code src/test/resources/hostile/}: a
 * {@code # type NAME} line, a {@code # specimen LABEL} line naming the valid sketch it was mutated
 * from, comment lines saying what broke, then the hex. Each must now be refused with {@code
 * SketchFormatException}, or (where the bytes are a state some stream could reach) accepted with
 * every query in contract: {@link HostileBytes#problems} finds nothing.
 */
class HostileBytesRegressionTest {

  static Stream<Path> hostileInputs() throws IOException, URISyntaxException {
    Path directory = Path.of(HostileBytesRegressionTest.class.getResource("/hostile").toURI());
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(path -> path.toString().endsWith(".hex")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no hostile inputs under " + directory);
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void isRefusedOrKeepsEveryContract(Path file) {
    List<String> lines = lines(file);
    SketchType type = SketchType.valueOf(lines.get(0).substring("# type ".length()).trim());
    String specimen = lines.get(1).substring("# specimen ".length()).trim();
    String hex =
        String.join("", lines.stream().filter(line -> !line.startsWith("#")).toList())
            .replaceAll("\\s", "");
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertEquals(
        List.of(), HostileBytes.problems(type, specimen, bytes), file.getFileName().toString());
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
