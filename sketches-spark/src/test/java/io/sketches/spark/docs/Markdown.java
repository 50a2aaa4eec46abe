package io.sketches.spark.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown page split into what the doc checker reads: fenced code blocks (with the {@code <!--
 * doc-check: ... -->} markers just above them) and the inline code spans of the prose.
 */
final class Markdown {
  private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([^\\s`]*).*$");
  private static final Pattern MARKER =
      Pattern.compile("^\\s*<!--\\s*doc-check:\\s*(skip|given)\\b\\s*(.*?)\\s*-->\\s*$");
  private static final Pattern INLINE_CODE = Pattern.compile("(?<!`)`([^`]+)`(?!`)");

  /** An inline code span of the prose, at its page line. */
  record Span(String file, int line, String code) {
    String problem(String message) {
      return file + ":" + line + ": " + message;
    }
  }

  private final String file;
  private final List<DocBlock> blocks = new ArrayList<>();
  private final List<Span> spans = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private Markdown(String file) {
    this.file = file;
  }

  static Markdown parse(String file, String text) {
    Markdown page = new Markdown(file);
    page.read(text.split("\n", -1));
    return page;
  }

  List<DocBlock> blocks() {
    return blocks;
  }

  List<Span> spans() {
    return spans;
  }

  /** Malformed markers or an unclosed fence. */
  List<String> problems() {
    return problems;
  }

  private void read(String[] lines) {
    int i = 0;
    while (i < lines.length) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches()) {
        Matcher span = INLINE_CODE.matcher(lines[i]);
        while (span.find()) {
          spans.add(new Span(file, i + 1, span.group(1)));
        }
        if (lines[i].strip().startsWith("<!--")
            && lines[i].contains("doc-check")
            && !MARKER.matcher(lines[i]).matches()) {
          problems.add(
              file
                  + ":"
                  + (i + 1)
                  + ": a doc-check marker must read <!-- doc-check: skip"
                  + " <reason> --> or <!-- doc-check: given <declarations> -->");
        }
        i++;
        continue;
      }
      int indent = open.group(1).length();
      String fence = open.group(2);
      int fenceIndex = i;
      List<String> content = new ArrayList<>();
      i++;
      while (i < lines.length && !lines[i].strip().startsWith(fence)) {
        String line = lines[i];
        int strip = 0;
        while (strip < indent && strip < line.length() && line.charAt(strip) == ' ') {
          strip++;
        }
        content.add(line.substring(strip));
        i++;
      }
      if (i == lines.length) {
        problems.add(file + ":" + (fenceIndex + 1) + ": the code block is never closed");
      }
      i++;
      addBlock(lines, fenceIndex, open.group(3), content);
    }
  }

  private void addBlock(String[] lines, int fenceIndex, String language, List<String> content) {
    String skip = null;
    String given = null;
    for (int above = fenceIndex - 1; above >= 0; above--) {
      if (lines[above].isBlank()) {
        continue;
      }
      Matcher marker = MARKER.matcher(lines[above]);
      if (!marker.matches()) {
        break;
      }
      if (marker.group(1).equals("skip")) {
        if (marker.group(2).isEmpty()) {
          problems.add(file + ":" + (above + 1) + ": a doc-check skip must say why");
        }
        skip = marker.group(2);
      } else {
        given = marker.group(2);
      }
    }
    blocks.add(
        new DocBlock(
            file, fenceIndex + 1, language.toLowerCase(), List.copyOf(content), skip, given));
  }
}
