package io.sketches.spark.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the SQL reference ({@code docs/sql-functions.md}) with the {@link FunctionTable}: every
 * signature the page documents, in a heading ({@code ### `sk_hll(...)`}) or as the first cell of a
 * table row ({@code | `sk_estimate(hll)` |}), must be the table's signature of that function, and
 * every function of the table must be documented.
 */
final class SqlReferenceCheck {
  /** The first code span of a heading or of a table row's first cell, if it is a call. */
  private static final Pattern DOCUMENTED =
      Pattern.compile("^(?:#+\\s+|\\|\\s*)`(sk_[a-z_]+)(\\(.*?\\))`");

  private SqlReferenceCheck() {}

  /** The differences between the page and the table, one sentence each; empty if none. */
  static List<String> drift(String markdown, List<SqlFunction> table) {
    Map<String, String> signatures = new LinkedHashMap<>();
    for (SqlFunction function : table) {
      signatures.put(function.name(), function.signature());
    }
    List<String> problems = new ArrayList<>();
    Map<String, Boolean> documented = new LinkedHashMap<>();
    for (String line : markdown.split("\n")) {
      Matcher m = DOCUMENTED.matcher(line.replace("\\|", "|"));
      if (!m.find()) {
        continue;
      }
      String name = m.group(1);
      String signature = name + m.group(2);
      String expected = signatures.get(name);
      if (expected == null) {
        problems.add("the page documents " + signature + ", which the table does not define");
      } else if (!expected.equals(signature)) {
        problems.add(name + ": the page says " + signature + ", the table says " + expected);
      }
      documented.put(name, true);
    }
    for (String name : signatures.keySet()) {
      if (!documented.containsKey(name)) {
        problems.add(name + " is in the table but not on the page");
      }
    }
    return problems;
  }
}
