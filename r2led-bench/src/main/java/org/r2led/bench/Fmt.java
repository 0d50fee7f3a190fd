package org.r2led.bench;

import java.util.Locale;

/** Number formatting shared by the result tables. */
final class Fmt {
  private Fmt() {}

  /** {@code 0.7958 ± 0.0024} (the ± part only for more than one value), or {@code n/a}. */
  static String pm(ModelFigures.Stat s) {
    if (Double.isNaN(s.mean())) return "n/a";
    return s.n() > 1 ? String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.std()) : String.format(Locale.ROOT, "%.4f", s.mean());
  }

  /** Microseconds: one decimal below 100, grouped integers above; {@code n/a} for NaN. */
  static String micros(double us) {
    if (Double.isNaN(us)) return "n/a";
    return us < 100 ? String.format(Locale.ROOT, "%.1f", us) : String.format(Locale.ROOT, "%,.0f", us);
  }

  static String count(double x) {
    return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%,.0f", x);
  }

  /** A plain number for CSV (full precision, empty for NaN). */
  static String csv(double x) {
    return Double.isNaN(x) || Double.isInfinite(x) ? "" : Double.toString(x);
  }
}
