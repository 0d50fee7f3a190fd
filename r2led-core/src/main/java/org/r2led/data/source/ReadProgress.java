package org.r2led.data.source;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of reading one file, printed to a log stream (stderr in the CLI) at most every two
 * seconds: rows, bytes done, rate and ETA; and a summary line at the end. A null log prints nothing.
 */
public final class ReadProgress {
  private static final long INTERVAL_NANOS = 2_000_000_000L;
  private final PrintStream log;
  private final String what;
  private final long totalBytes;
  private final long start = System.nanoTime();
  private long lastPrint = start;

  public ReadProgress(PrintStream log, String what, long totalBytes) {
    this.log = log;
    this.what = what;
    this.totalBytes = totalBytes;
  }

  /** Called per row; prints when the interval elapsed. */
  public void update(long bytes, long rows) {
    if (log == null || (rows & 1023) != 0) return;
    long now = System.nanoTime();
    if (now - lastPrint < INTERVAL_NANOS) return;
    lastPrint = now;
    double sec = (now - start) / 1e9;
    double frac = totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) : 0;
    double eta = frac > 0 ? sec * (1 - frac) / frac : Double.NaN;
    log.printf(Locale.ROOT, "  %s: %,d rows, %.0f%% (%.1f MB/s, %,.0f rows/s, ETA %.0f s)%n",
        what, rows, frac * 100, bytes / 1e6 / sec, rows / sec, eta);
  }

  /** Prints the summary line. */
  public void done(long rows, long skipped) {
    if (log == null) return;
    double sec = (System.nanoTime() - start) / 1e9;
    log.printf(Locale.ROOT, "  %s: %,d rows in %.2f s (%,.0f rows/s)%s%n", what, rows, sec,
        rows / Math.max(sec, 1e-9), skipped > 0 ? String.format(Locale.ROOT, ", %,d bad rows skipped", skipped) : "");
  }
}
