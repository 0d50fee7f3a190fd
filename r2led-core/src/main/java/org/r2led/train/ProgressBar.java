package org.r2led.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on stderr: done/total, samples/s, loss and ETA; redrawn in place on a
 * terminal at most every 0.5 s, otherwise printed as a new line every 15 s.
 */
public final class ProgressBar {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean enabled;
  private final boolean tty;
  private final long startNanos = System.nanoTime();
  private long lastPrint;
  private boolean printed;

  public ProgressBar(String label, long total, boolean enabled) {
    this.out = System.err;
    this.label = label;
    this.total = total;
    this.enabled = enabled;
    this.tty = System.console() != null;
  }

  /** Updates with {@code done} samples (of this bar) and the running loss (NaN to omit). */
  public void update(long done, double loss) {
    if (!enabled) return;
    long now = System.nanoTime();
    long interval = tty ? 500_000_000L : 15_000_000_000L;
    if (done < total && now - lastPrint < interval) return;
    lastPrint = now;
    double sec = (now - startNanos) / 1e9;
    double rate = sec > 0 ? done / sec : 0;
    long eta = rate > 0 ? (long) ((total - done) / rate) : 0;
    int width = 24;
    int fill = total > 0 ? (int) (width * done / total) : width;
    String bar = "#".repeat(fill) + "-".repeat(width - fill);
    String line = String.format(Locale.ROOT, "%s [%s] %d/%d  %,.0f samples/s%s  ETA %s", label, bar, done, total, rate,
        Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "  loss %.4f", loss), hms(eta));
    if (tty) out.print("\r" + line + "   ");
    else out.println(line);
    printed = true;
  }

  /** Ends the line. */
  public void finish() {
    if (enabled && printed && tty) out.println();
  }

  static String hms(long s) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
