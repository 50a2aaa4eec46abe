package io.sketches.spark.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code docs/sql-functions.md} documents exactly the signatures of the function table. */
class SqlReferenceCheckTest {
  private static final Path PAGE = Path.of("../docs/sql-functions.md");

  @Test
  void theReferenceMatchesTheTable() throws IOException {
    assertEquals(List.of(), SqlReferenceCheck.drift(Files.readString(PAGE), FunctionTable.all()));
  }

  @Test
  void aDriftedSignatureIsReported() throws IOException {
    String page = Files.readString(PAGE);
    String drifted =
        page.replace(
            "### `sk_cms(expr [, epsilon, delta [, seed]])`",
            "### `sk_cms(expr [, epsilon [, delta]])`");
    assertTrue(!drifted.equals(page), "the page has the sk_cms heading");
    List<String> problems = SqlReferenceCheck.drift(drifted, FunctionTable.all());
    assertEquals(
        List.of(
            "sk_cms: the page says sk_cms(expr [, epsilon [, delta]]), the table says"
                + " sk_cms(expr [, epsilon, delta [, seed]])"),
        problems);
  }

  @Test
  void aMissingOrUnknownFunctionIsReported() {
    String page =
        "### `sk_hll(expr [, precision | relative_sd])`\n"
            + "| `sk_estimate(hll)` | DOUBLE |\n"
            + "| `sk_bogus(x)` | nothing |\n";
    List<String> problems = SqlReferenceCheck.drift(page, FunctionTable.all());
    assertTrue(
        problems.contains("the page documents sk_bogus(x), which the table does not define"),
        problems.toString());
    assertTrue(
        problems.contains("sk_cms is in the table but not on the page"), problems.toString());
    assertTrue(!problems.toString().contains("sk_hll "), problems.toString());
    assertTrue(!problems.toString().contains("sk_estimate "), problems.toString());
  }
}
