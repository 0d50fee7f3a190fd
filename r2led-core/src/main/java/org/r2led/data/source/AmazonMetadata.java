package org.r2led.data.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The item metadata of an Amazon reviews release (JSON lines keyed by {@code asin}, or
 * {@code parent_asin} in 2023), read for the items that have reviews.
 *
 * <ul>
 *   <li>Category path: the first list of {@code categories} (2014: a list of paths), else
 *       {@code category} (2018) or {@code categories} (2023) as one path; when empty,
 *       {@code main_category} (2023) or {@code main_cat} (2018). The item's categories are the
 *       path's entries, most specific (last) first — the primary category is the most specific.
 *   <li>Text: {@code <title>. Categories: c1, c2, c3. <description>} with the path in listed order
 *       and the first non-empty {@code description} entry, whitespace collapsed, cut to
 *       {@value #MAX_DESCRIPTION} characters at a word boundary; missing parts are left out.
 *   <li>A metadata line of an item without reviews is skipped (counted); a repeated item keeps its
 *       first line (counted; the 2018 files repeat some items).
 * </ul>
 */
final class AmazonMetadata {
  private AmazonMetadata() {}

  /** Longest description kept in an item's text, in characters. */
  static final int MAX_DESCRIPTION = 300;

  /** Per-provisional-item categories (null when none) and texts, plus counts. */
  record Result(List<int[]> categories, List<String> texts, long withoutReviews, long repeated, long itemsWithout) {}

  static Result read(Path file, ReadOptions ro, IdDictionary items, IdDictionary categoryIds, BadRows bad, PrintStream log) {
    int n = items.size();
    List<int[]> cats = new ArrayList<>(Collections.nCopies(n, (int[]) null));
    List<String> texts = new ArrayList<>(Collections.nCopies(n, ""));
    boolean[] seen = new boolean[n];
    long[] counts = new long[2];
    String name = file.getFileName().toString();
    try (JsonLinesReader r = new JsonLinesReader(file, name, ro)) {
      RowLoop.run(r, null, bad, log, line -> {
        JsonNode j = line.json();
        int item = items.find(JsonFields.id(j, "parent_asin", "asin"));
        if (item < 0) {
          counts[0]++;
          return;
        }
        if (seen[item]) {
          counts[1]++;
          return;
        }
        seen[item] = true;
        List<String> path = path(j);
        for (String c : path) Fields.checkedId(c, "category");
        String title = Fields.text(JsonFields.strings(j.get("title")).stream().findFirst().orElse(""), "title");
        texts.set(item, text(title, path, description(j)));
        if (!path.isEmpty()) {
          int[] c = new int[path.size()];
          for (int k = 0; k < c.length; k++) c[k] = categoryIds.intern(path.get(path.size() - 1 - k));
          cats.set(item, c);
        }
      });
    }
    long without = 0;
    for (boolean s : seen) if (!s) without++;
    return new Result(cats, texts, counts[0], counts[1], without);
  }

  /** The category path, general to specific, distinct entries. */
  static List<String> path(JsonNode j) {
    JsonNode c = j.get("categories");
    List<String> path;
    if (c != null && c.isArray() && c.size() > 0 && c.get(0).isArray()) {
      path = JsonFields.strings(c.get(0));
    } else {
      path = JsonFields.strings(JsonFields.first(j, "category", "categories"));
    }
    if (path.isEmpty()) path = JsonFields.strings(JsonFields.first(j, "main_category", "main_cat"));
    List<String> distinct = new ArrayList<>();
    for (String p : path) if (!distinct.contains(p)) distinct.add(p);
    return distinct;
  }

  private static String description(JsonNode j) {
    for (String d : JsonFields.strings(j.get("description"))) {
      String s = d.replaceAll("\\s+", " ").trim();
      if (s.isEmpty()) continue;
      if (s.length() <= MAX_DESCRIPTION) return s;
      int cut = s.lastIndexOf(' ', MAX_DESCRIPTION);
      return s.substring(0, cut > MAX_DESCRIPTION / 2 ? cut : MAX_DESCRIPTION) + "...";
    }
    return "";
  }

  static String text(String title, List<String> path, String description) {
    List<String> parts = new ArrayList<>();
    if (!title.isBlank()) parts.add(title.replaceAll("\\s+", " ").trim());
    if (!path.isEmpty()) parts.add("Categories: " + String.join(", ", path));
    if (!description.isEmpty()) parts.add(description);
    String s = String.join(". ", parts);
    return s.isEmpty() || s.endsWith(".") ? s : s + ".";
  }
}
