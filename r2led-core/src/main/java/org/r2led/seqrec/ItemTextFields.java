package org.r2led.seqrec;

import java.util.List;

/**
 * Splits a prepared item text into the fields the default views use. Prepared MovieLens texts read
 * {@code "Title (year). Genres: A, B. Tags: x, y."}; synthetic and other texts are a title only.
 *
 * <ul>
 *   <li>{@link #titleGenres}: the text without its {@code Tags:} part; when it has no {@code Genres:} part,
 *       the item's category names are appended ({@code ". Category: woodworking joints"}).</li>
 *   <li>{@link #tags}: the text after {@code Tags:}, or null (a missing view) when there is none.</li>
 *   <li>{@link #category}: {@code "Category: ..."} from the category names, or null without categories.</li>
 * </ul>
 */
public final class ItemTextFields {
  private ItemTextFields() {}

  static final String TAGS = " Tags: ";
  static final String GENRES = "Genres: ";

  public static String titleGenres(String text, List<String> categoryNames) {
    String t = text == null ? "" : text.strip();
    int at = t.indexOf(TAGS);
    String main = at < 0 ? t : t.substring(0, at).strip();
    if (main.contains(GENRES)) return main;
    String cat = category(categoryNames);
    if (cat == null) return main.isEmpty() ? null : main;
    return main.isEmpty() ? cat : main + ". " + cat;
  }

  public static String tags(String text) {
    if (text == null) return null;
    int at = text.indexOf(TAGS);
    if (at < 0) return null;
    String t = text.substring(at + TAGS.length()).strip();
    if (t.endsWith(".")) t = t.substring(0, t.length() - 1);
    return t.isBlank() ? null : "Tags: " + t;
  }

  public static String category(List<String> categoryNames) {
    StringBuilder sb = new StringBuilder();
    for (String c : categoryNames) {
      if (c == null || c.isBlank()) continue;
      if (sb.length() > 0) sb.append(", ");
      sb.append(c.replace('/', ' ').replace('_', ' ').strip());
    }
    return sb.length() == 0 ? null : "Category: " + sb;
  }

  /** True when any text has a {@code Tags:} part (then {@code auto} views are title_genres,tags). */
  public static boolean anyTags(List<String> texts) {
    for (int i = 1; i < texts.size(); i++) if (texts.get(i) != null && texts.get(i).contains(TAGS)) return true;
    return false;
  }
}
