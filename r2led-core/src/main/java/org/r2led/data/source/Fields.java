package org.r2led.data.source;

import java.math.BigDecimal;

/** Field parsing helpers that raise {@link RowProblem} with a message naming the field and the expectation. */
final class Fields {
  private Fields() {}

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

  /** An integer id, returned in canonical decimal form. */
  static String integerId(String value, String field) {
    String v = required(value, field);
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
