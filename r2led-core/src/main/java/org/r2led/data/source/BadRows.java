package org.r2led.data.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Policy for malformed rows. In strict mode (the default) the first bad row throws a
 * {@link BadInputException}; in skip mode rows are dropped, counted, and the first
 * {@link #MAX_EXAMPLES} are kept as examples for the report and the manifest notes — up to a share
 * of each file's rows ({@link #checkShare}): a file with more bad rows than that is not "a few bad
 * rows" but the wrong format, encoding or delimiter, and stops the run.
 */
public final class BadRows {
  /** Number of example messages kept in skip mode. */
  public static final int MAX_EXAMPLES = 5;
  /** Default largest share of a file's rows that skip mode may drop (1 %). */
  public static final double DEFAULT_MAX_SHARE = 0.01;

  private final boolean skip;
  private final double maxShare;
  private long count;
  private final List<String> examples = new ArrayList<>();

  /** A policy with the default share ({@value #DEFAULT_MAX_SHARE}). */
  public BadRows(boolean skip) {
    this(skip, DEFAULT_MAX_SHARE);
  }

  /** A policy; {@code maxShare} (0..1) bounds the share of each file's rows skip mode may drop. */
  public BadRows(boolean skip, double maxShare) {
    if (!(maxShare >= 0 && maxShare <= 1)) {
      throw new IllegalArgumentException("max bad-row share " + maxShare + ": expected a fraction in [0, 1] (0.01 = 1 %)");
    }
    this.skip = skip;
    this.maxShare = maxShare;
  }

  /** Reports a bad row: throws in strict mode, records it in skip mode. */
  public void report(String file, long line, String problem, String text) {
    report(new BadInputException(file, line, problem, text));
  }

  /** Reports an already-built error (same policy as {@link #report(String, long, String, String)}). */
  public void report(BadInputException e) {
    if (!skip) throw e;
    count++;
    if (examples.size() < MAX_EXAMPLES) examples.add(e.getMessage());
  }

  /**
   * Reports the bad rows of a file read elsewhere (e.g. by distributed executors): {@code first}
   * are its first bad rows in file order (at least {@link #MAX_EXAMPLES} when there are that many),
   * {@code total} all of them. Strict mode throws the first; skip mode counts all and keeps examples.
   */
  public void reportAll(List<BadInputException> first, long total) {
    if (total == 0) return;
    if (!skip) throw first.get(0);
    for (BadInputException e : first) {
      if (examples.size() < MAX_EXAMPLES) examples.add(e.getMessage());
    }
    count += total;
  }

  /**
   * Called after a file: in skip mode, fails when its {@code skipped} rows exceed the allowed share
   * of its {@code rows}; the message gives the counts and the first examples.
   */
  public void checkShare(String file, long rows, long skipped) {
    if (!skip || skipped == 0 || skipped <= maxShare * rows) return;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%s: %,d of %,d rows are bad (%.2f %%), more than --skip-bad-rows may drop (--max-bad-rows-share %s = %s %%);"
            + " check the format, delimiter and encoding, or raise --max-bad-rows-share. First bad rows:",
        file, skipped, rows, 100.0 * skipped / Math.max(rows, 1), plain(maxShare), plain(100 * maxShare)));
    for (String e : examples) sb.append("\n  ").append(e);
    throw new IllegalArgumentException(sb.toString());
  }

  private static String plain(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  public boolean skipping() { return skip; }

  /** Largest share of a file's rows skip mode may drop. */
  public double maxShare() { return maxShare; }

  /** Number of rows skipped so far. */
  public long count() { return count; }

  /** The first (at most {@value #MAX_EXAMPLES}) skipped-row messages. */
  public List<String> examples() { return List.copyOf(examples); }
}
