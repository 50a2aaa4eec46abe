package io.sketches.spark.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split as a POSIX shell would split it, far enough for checking names: words
 * (quotes removed, a backslash escapes the next character), comments dropped, commands separated by
 * {@code ;}, {@code &&}, {@code ||} and {@code |}, and the text of each {@code $(...)} kept so it
 * can be checked as a command line of its own.
 */
record ShellWords(List<List<String>> commands, List<String> substitutions) {

  static ShellWords split(String line) {
    List<List<String>> commands = new ArrayList<>();
    List<String> substitutions = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        end = end < 0 ? line.length() : end;
        word.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        int end = i + 1;
        while (end < line.length() && line.charAt(end) != '"') {
          end += line.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(end, line.length());
        word.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
        int depth = 0;
        int end = i + 1;
        for (; end < line.length(); end++) {
          if (line.charAt(end) == '(') {
            depth++;
          } else if (line.charAt(end) == ')' && --depth == 0) {
            break;
          }
        }
        substitutions.add(line.substring(i + 2, Math.min(end, line.length())));
        word.append(line, i, Math.min(end + 1, line.length()));
        inWord = true;
        i = end + 1;
      } else if (c == '#' && !inWord) {
        break;
      } else if (c == ' ' || c == '\t') {
        inWord = endWord(words, word, inWord);
        i++;
      } else if (c == ';' || c == '|' || c == '&') {
        inWord = endWord(words, word, inWord);
        endCommand(commands, words);
        words = new ArrayList<>();
        i += (i + 1 < line.length() && line.charAt(i + 1) == c) ? 2 : 1;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    endWord(words, word, inWord);
    endCommand(commands, words);
    return new ShellWords(commands, substitutions);
  }

  private static boolean endWord(List<String> words, StringBuilder word, boolean inWord) {
    if (inWord) {
      words.add(word.toString());
      word.setLength(0);
    }
    return false;
  }

  private static void endCommand(List<List<String>> commands, List<String> words) {
    if (!words.isEmpty()) {
      commands.add(words);
    }
  }
}
