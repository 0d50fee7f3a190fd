package org.r2led.data.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An item-text template over the columns of an items file ({@code --item-text}), e.g.
 * {@code '{title}. Genres: {genres}.'}: each {@code {column}} (case-insensitive) is replaced by the
 * row's trimmed value, everything else is kept. Unknown columns fail when the template is bound,
 * naming the available ones.
 */
final class ItemTextTemplate {
  private final List<String> literals = new ArrayList<>();
  private final int[] columns;

  private ItemTextTemplate(List<String> literals, int[] columns) {
    this.literals.addAll(literals);
    this.columns = columns;
  }

  /** Parses {@code template} and binds its fields to the columns {@code all} (lower-case name → index) of {@code file}. */
  static ItemTextTemplate bind(String template, Map<String, Integer> all, String file) {
    List<String> literals = new ArrayList<>();
    List<Integer> cols = new ArrayList<>();
    int i = 0;
    StringBuilder lit = new StringBuilder();
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '{') {
        if (c == '}') throw bad(template, "'}' without '{' at position " + i);
        lit.append(c);
        i++;
        continue;
      }
      int end = template.indexOf('}', i);
      if (end < 0) throw bad(template, "'{' at position " + i + " is not closed");
      String field = template.substring(i + 1, end).trim().toLowerCase(Locale.ROOT);
      Integer col = all.get(field);
      if (col == null) {
        throw bad(template, "unknown field {" + field + "}; the columns of " + file + " are: " + String.join(", ", all.keySet()));
      }
      literals.add(lit.toString());
      lit.setLength(0);
      cols.add(col);
      i = end + 1;
    }
    literals.add(lit.toString());
    return new ItemTextTemplate(literals, cols.stream().mapToInt(Integer::intValue).toArray());
  }

  private static IllegalArgumentException bad(String template, String why) {
    return new IllegalArgumentException("item text template '" + template + "': " + why);
  }

  /** The text of one items-file row. */
  String render(List<String> fields) {
    StringBuilder sb = new StringBuilder(literals.get(0));
    for (int k = 0; k < columns.length; k++) {
      sb.append(fields.get(columns[k]).trim()).append(literals.get(k + 1));
    }
    return sb.toString().trim();
  }
}
