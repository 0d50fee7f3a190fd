package org.r2led.data.synth;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on a stream (normally stderr): events done, rate in events/s, ETA; at most one line every 2 s. */
final class SynthProgress {
  private static final long INTERVAL_NANOS = 2_000_000_000L;
  private final PrintStream out;
  private final long total;
  private final long start = System.nanoTime();
  private long lastPrint = start;

  /** @param out where to print, or null for silence; @param total expected events */
  SynthProgress(PrintStream out, long total) {
    this.out = out;
    this.total = total;
  }

  void update(long done) {
    if (out == null) return;
    long now = System.nanoTime();
    if (now - lastPrint < INTERVAL_NANOS) return;
    lastPrint = now;
    double sec = (now - start) / 1e9;
    double rate = done / Math.max(sec, 1e-9);
    long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    out.printf(Locale.ROOT, "synth: %,d / %,d events (%.1f%%), %,.0f events/s, ETA %s%n",
        done, total, 100.0 * done / Math.max(total, 1), rate, clock(eta));
    out.flush();
  }

  double seconds() { return (System.nanoTime() - start) / 1e9; }

  static String clock(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }
}
