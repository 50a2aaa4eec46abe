package io.sketches.spark.docs;

import java.util.List;

/**
 * One fenced code block of a Markdown page.
 *
 * @param file the page, as named in problem reports (e.g. {@code docs/spark.md})
 * @param fenceLine the 1-based line of the opening fence; content line i (1-based) is page line
 *     {@code fenceLine + i}
 * @param language the fence's info string ({@code bash}, {@code sql}, ...), empty if none
 * @param lines the content, with the fence's own indentation removed
 * @param skipReason why the checker must leave this block alone ({@code <!-- doc-check: skip reason
 *     -->} above the fence), or null
 * @param given declarations a Java fragment assumes, as method parameters ({@code <!-- doc-check:
 *     given Dataset<Row> clicks, StructType schema -->}), or null
 */
record DocBlock(
    String file,
    int fenceLine,
    String language,
    List<String> lines,
    String skipReason,
    String given) {

  /** The page line of content line {@code index} (0-based). */
  int lineOf(int index) {
    return fenceLine + 1 + index;
  }

  String text() {
    return String.join("\n", lines);
  }

  /** A problem report naming this block's page and the page line of content line {@code index}. */
  String problem(int index, String message) {
    return file + ":" + lineOf(index) + ": " + message;
  }
}
