package org.r2led.data.source;

import java.math.BigDecimal;
import org.r2led.data.Ids;

/** Field parsing helpers that raise {@link RowProblem} with a message naming the field and the expectation. */
final class Fields {
  private Fields() {}

  /** Longest free-text field (title, tag, item text), in UTF-8 bytes: 64 KiB. */
  static final int MAX_TEXT_BYTES = 1 << 16;

  /**
   * A raw id (user, item, category, behavior): the field without surrounding spaces, which must obey
   * {@link Ids} (valid Unicode, no control characters, 1..{@value Ids#MAX_BYTES} UTF-8 bytes). Nothing
   * else is changed: a control character makes the row bad, it is never replaced.
   */
  static String id(String value, String field) {
    String v = stripSpaces(value == null ? "" : value);
    if (v.isEmpty()) throw new RowProblem("missing field '" + field + "'");
    return checkedId(v, field);
  }

  /** {@code v} when it is a valid id, else a {@link RowProblem} naming the field, the escaped value and the rule. */
  static String checkedId(String v, String field) {
    String p = Ids.problem(v);
    if (p != null) throw new RowProblem(field + " " + Ids.quoted(v) + " " + p);
    return v;
  }

  /** {@code s} without leading and trailing U+0020 spaces (other characters, control ones included, are kept). */
  static String stripSpaces(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == ' ') a++;
    while (b > a && s.charAt(b - 1) == ' ') b--;
    return s.substring(a, b);
  }

  /** {@code text} when it is at most {@link #MAX_TEXT_BYTES} long in UTF-8, else a {@link RowProblem} naming the field. */
  static String text(String text, String field) {
    if (text.length() * 3L > MAX_TEXT_BYTES) {
      int n = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (n > MAX_TEXT_BYTES) {
        throw new RowProblem(field + " is " + n + " bytes long in UTF-8; text fields are at most " + MAX_TEXT_BYTES + " bytes");
      }
    }
    return text;
  }

  /** Requires {@code n} fields (a row's own problem, e.g. broken quoting, is reported by {@link RowLoop} first). */
  static void expectColumns(CsvReader.Row row, int n) {
    if (row.size() != n) {
      throw new RowProblem("wrong column count: " + row.size() + " (expected " + n + ")");
    }
  }

  static String required(String value, String field) {
    String v = value == null ? "" : value.trim();
    if (v.isEmpty()) throw new RowProblem("missing field '" + field + "'");
    return v;
  }

  /** An integer id (surrounding spaces allowed), returned in canonical decimal form. */
  static String integerId(String value, String field) {
    String v = stripSpaces(value == null ? "" : value);
    if (v.isEmpty()) throw new RowProblem("missing field '" + field + "'");
    try {
      return Long.toString(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new RowProblem("non-numeric " + field + " '" + v + "' (expected an integer id)");
    }
  }

  static double rating(String value, String field) {
    String v = required(value, field);
    double r;
    try {
      r = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new RowProblem("non-numeric " + field + " '" + v + "' (expected a number)");
    }
    if (!Double.isFinite(r)) throw new RowProblem(field + " '" + v + "' is not a finite number");
    return r;
  }

  static int label(String value, String field) {
    String v = required(value, field);
    if (v.equals("0")) return 0;
    if (v.equals("1")) return 1;
    throw new RowProblem(field + " '" + v + "' is not 0 or 1");
  }

  /** Behavior name of a rating: {@code r} + the value with at least one decimal ({@code r4.0}, {@code r0.5}). */
  static String ratingBehavior(double rating) {
    BigDecimal d = new BigDecimal(Double.toString(rating)).stripTrailingZeros();
    if (d.scale() < 1) d = d.setScale(1);
    return "r" + d.toPlainString();
  }

  /** Inverse of {@link #ratingBehavior} for ordering. */
  static double ratingOf(String behavior) {
    return Double.parseDouble(behavior.substring(1));
  }
}
