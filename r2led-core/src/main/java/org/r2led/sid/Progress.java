package org.r2led.sid;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Rate-limited progress lines on stderr: done/total, rate per second and ETA. Thread-safe. A line is
 * printed at most every {@code intervalMillis} and once more by {@link #done()}.
 */
public final class Progress {
  private final String label;
  private final String unit;
  private final long total;
  private final PrintStream out;
  private final long intervalNanos;
  private final long start = System.nanoTime();
  private long done;
  private long lastPrint = start;

  /** Progress of {@code total} units (e.g. "texts") under {@code label}, printing to stderr every 2 s. */
  public Progress(String label, long total, String unit) {
    this(label, total, unit, System.err, 2000);
  }

  public Progress(String label, long total, String unit, PrintStream out, long intervalMillis) {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.out = out;
    this.intervalNanos = intervalMillis * 1_000_000L;
  }

  /** A progress that prints nothing. */
  public static Progress silent(long total) {
    return new Progress("", total, "", null, Long.MAX_VALUE / 2_000_000L);
  }

  /** Records {@code n} more units done. */
  public synchronized void advance(long n) {
    done += n;
    long now = System.nanoTime();
    if (out != null && now - lastPrint >= intervalNanos) {
      lastPrint = now;
      out.println(line(now));
    }
  }

  /** Prints the final line with the total time and average rate. */
  public synchronized void done() {
    if (out != null) out.println(line(System.nanoTime()) + " done");
  }

  /** Seconds since this progress was created. */
  public double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private String line(long now) {
    double secs = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / secs;
    StringBuilder sb = new StringBuilder();
    sb.append(label).append(": ").append(done);
    if (total > 0) {
      sb.append('/').append(total).append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * done / total));
    }
    sb.append(String.format(Locale.ROOT, ", %.1f %s/s, elapsed %s", rate, unit, clock(secs)));
    if (total > 0 && done < total && rate > 0) sb.append(", ETA ").append(clock((total - done) / rate));
    return sb.toString();
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
