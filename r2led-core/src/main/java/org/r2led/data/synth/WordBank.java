package org.r2led.data.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Themed English word lists from which item titles are made (built-in resource {@code themes.txt}).
 * Each theme has general words and ordered groups of coherent words; sub-topics and leaf topics
 * take contiguous slices of the group words, so neighbouring topics stay semantically close.
 *
 * @param themes the themes in file order
 * @param adjectives generic title adjectives (shared by all themes)
 * @param nouns generic title nouns (shared by all themes)
 */
public record WordBank(List<Theme> themes, List<String> adjectives, List<String> nouns) {

  /** Resource name of the built-in word bank. */
  public static final String RESOURCE = "themes.txt";

  /** One theme: its general words and its groups of specific words. */
  public record Theme(String name, List<String> words, List<Group> groups) {
    public Theme {
      words = List.copyOf(words);
      groups = List.copyOf(groups);
    }

    /** All group words, in file order. */
    public List<String> groupWords() {
      List<String> out = new ArrayList<>();
      for (Group g : groups) out.addAll(g.words());
      return out;
    }
  }

  /** A named group of words within a theme. */
  public record Group(String name, List<String> words) {
    public Group {
      words = List.copyOf(words);
    }
  }

  public WordBank {
    themes = List.copyOf(themes);
    adjectives = List.copyOf(adjectives);
    nouns = List.copyOf(nouns);
  }

  private static volatile WordBank builtIn;

  /** The built-in word bank (16 themes × 4 groups × 16 words, plus filler words). */
  public static WordBank builtIn() {
    WordBank b = builtIn;
    if (b == null) {
      try (InputStream in = WordBank.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        b = parse(r.lines().toList(), RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read word bank " + RESOURCE, e);
      }
      builtIn = b;
    }
    return b;
  }

  /**
   * Parses the word-bank format: {@code theme NAME: words}, {@code group NAME: words},
   * {@code adjectives: words}, {@code nouns: words}; {@code #} comments and blank lines ignored.
   * Errors name {@code source:line}, the offending text and what was expected.
   */
  public static WordBank parse(List<String> lines, String source) {
    List<Theme> themes = new ArrayList<>();
    List<String> adjectives = null;
    List<String> nouns = null;
    String themeName = null;
    List<String> themeWords = null;
    List<Group> groups = null;
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      int colon = line.indexOf(':');
      if (colon < 0) throw error(source, lineNo, line, "'theme NAME: words', 'group NAME: words', 'adjectives: words' or 'nouns: words'");
      String[] head = line.substring(0, colon).strip().split("\\s+");
      List<String> words = words(line.substring(colon + 1), source, lineNo, line, seen);
      String kind = head[0];
      if ((kind.equals("theme") || kind.equals("group")) != (head.length == 2) || head.length > 2) {
        throw error(source, lineNo, line, kind.equals("theme") || kind.equals("group")
            ? "'" + kind + " NAME:' with a one-word name" : "'adjectives:' or 'nouns:' without a name");
      }
      switch (kind) {
        case "theme" -> {
          if (themeName != null) themes.add(finishTheme(themeName, themeWords, groups, source, lineNo));
          themeName = head[1];
          themeWords = words;
          groups = new ArrayList<>();
        }
        case "group" -> {
          if (groups == null) throw error(source, lineNo, line, "a 'theme NAME: words' line before the first group");
          groups.add(new Group(head[1], words));
        }
        case "adjectives" -> adjectives = words;
        case "nouns" -> nouns = words;
        default -> throw error(source, lineNo, line, "a line starting with theme, group, adjectives or nouns");
      }
    }
    if (themeName != null) themes.add(finishTheme(themeName, themeWords, groups, source, lines.size()));
    if (themes.isEmpty()) throw new IllegalArgumentException(source + ": no 'theme' lines found");
    if (adjectives == null || nouns == null) {
      throw new IllegalArgumentException(source + ": missing an 'adjectives:' or 'nouns:' line");
    }
    return new WordBank(themes, adjectives, nouns);
  }

  private static Theme finishTheme(String name, List<String> words, List<Group> groups, String source, int lineNo) {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(source + ":" + lineNo + ": theme '" + name + "' has no 'group' lines");
    }
    return new Theme(name, words, groups);
  }

  private static List<String> words(String text, String source, int lineNo, String line, Map<String, Integer> seen) {
    List<String> out = new ArrayList<>();
    for (String w : text.strip().split("\\s+")) {
      if (w.isEmpty()) continue;
      if (!w.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
        throw error(source, lineNo, line, "lower-case words of letters a-z; got '" + w + "'");
      }
      Integer first = seen.putIfAbsent(w, lineNo);
      if (first != null) {
        throw error(source, lineNo, line, "each word once in the whole bank; '" + w + "' already appears on line " + first);
      }
      out.add(w);
    }
    if (out.isEmpty()) throw error(source, lineNo, line, "at least one word after ':'");
    return out;
  }

  private static IllegalArgumentException error(String source, int lineNo, String line, String expected) {
    return new IllegalArgumentException(source + ":" + lineNo + ": bad word-bank line '" + line + "': expected " + expected);
  }
}
