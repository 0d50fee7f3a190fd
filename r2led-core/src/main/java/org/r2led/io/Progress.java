package org.r2led.io;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Progress of one long task, printed to a stream: done/total in a unit, rate per
 * second, elapsed time, ETA and an optional extra text (e.g. the running loss). Updates are throttled:
 * as new lines at most every {@code intervalMillis} (2 s by default), or, on an interactive terminal,
 * redrawn in place at most every 0.5 s. {@link #finish()} prints one final line with the total time and
 * average rate. A silent progress prints nothing but still counts and times. All methods are
 * thread-safe.
 *
 * <p>A progress built without {@link Builder#out} prints to the stream the application chose with
 * {@link #printByDefaultTo} (the r2led command line: stderr), and nowhere when it chose none, so a program
 * that embeds the library sees no progress on its console unless it asks for it.
 *
 * <p>The unit {@code "bytes"} is shown in MB ({@code 10^6} bytes) and MB/s.
 *
 * <pre>{@code
 * try (Progress p = Progress.builder("encoding").total(texts.size()).unit("texts").build()) {
 *   for (...) p.advance(batch.size());
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
  private static final long IN_PLACE_INTERVAL_NANOS = 500_000_000L;
  private static volatile Supplier<PrintStream> defaultStream;

  private final String label;
  private final String unit;
  private final long total;
  private final PrintStream out;
  private final boolean inPlace;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final long start;
  private long done;
  private long lastPrint;
  private Supplier<String> extra;
  private boolean openLine;
  private boolean finished;

  private Progress(Builder b) {
    this.label = b.label;
    this.unit = b.unit;
    this.total = b.total;
    this.out = b.enabled ? b.out : null;
    this.inPlace = out != null && (b.inPlace != null ? b.inPlace : out == defaultOut() && System.console() != null);
    this.intervalNanos = inPlace ? IN_PLACE_INTERVAL_NANOS : b.intervalMillis * 1_000_000L;
    this.clock = b.clock;
    this.start = clock.getAsLong();
    this.lastPrint = start;
  }

  /**
   * Where progress built without {@link Builder#out} prints, asked at each build (e.g. the application's
   * stderr; on a terminal, progress to this stream is redrawn in place); null (the default): nowhere.
   */
  public static void printByDefaultTo(Supplier<PrintStream> stream) {
    defaultStream = stream;
  }

  /** Where a progress built now without {@link Builder#out} prints, or null for nowhere. */
  public static PrintStream defaultOut() {
    Supplier<PrintStream> s = defaultStream;
    return s == null ? null : s.get();
  }

  /** A builder for a progress labelled {@code label} (e.g. "epoch 1/3" or a file name). */
  public static Builder builder(String label) {
    return new Builder(label);
  }

  /** A progress that prints nothing (it still counts and times). */
  public static Progress silent() {
    return builder("").enabled(false).build();
  }

  /** Records {@code n} more units done; prints a line when the interval has elapsed. */
  public synchronized void advance(long n) {
    update(done + n);
  }

  /** Sets the units done so far to {@code doneSoFar}; prints a line when the interval has elapsed. */
  public synchronized void update(long doneSoFar) {
    done = doneSoFar;
    if (out == null || finished) return;
    long now = clock.getAsLong();
    if (now - lastPrint < intervalNanos) return;
    lastPrint = now;
    print(line(now));
  }

  /**
   * Like {@link #update(long)}, and from now on shows {@code extraText} (called only when a line is
   * printed, e.g. {@code () -> "loss 0.4321"}) after the figures. Null removes the extra text.
   */
  public synchronized void update(long doneSoFar, Supplier<String> extraText) {
    extra = extraText;
    update(doneSoFar);
  }

  /**
   * Ends an in-place line (so other output can follow on its own line) without finishing; the next
   * update starts a new line. Does nothing in line mode.
   */
  public synchronized void suspend() {
    if (openLine) {
      out.println();
      out.flush();
      openLine = false;
    }
  }

  /** Prints the final line: units done, total time, average rate and the extra text. Only the first call prints. */
  public synchronized void finish() {
    if (finished) return;
    finished = true;
    if (out == null) return;
    long now = clock.getAsLong();
    double secs = seconds(now);
    StringBuilder sb = new StringBuilder(label).append(": ").append(amount(done));
    if (total > 0 && done != total) sb.append('/').append(amount(total));
    sb.append(' ').append(unitName()).append(" in ").append(duration(secs))
        .append(" (").append(rate(done / Math.max(secs, 1e-9))).append(')');
    appendExtra(sb);
    print(sb.toString());
    suspend();
  }

  /** Like {@link #finish()}, with {@code extraText} as the final extra text. */
  public synchronized void finish(String extraText) {
    extra = extraText == null ? null : () -> extraText;
    finish();
  }

  /** Same as {@link #finish()}. */
  @Override
  public void close() {
    finish();
  }

  /** Units done so far. */
  public synchronized long done() {
    return done;
  }

  /** Seconds since this progress was built. */
  public double elapsedSeconds() {
    return seconds(clock.getAsLong());
  }

  private double seconds(long now) {
    return (now - start) / 1e9;
  }

  private void print(String line) {
    if (inPlace) {
      out.print('\r' + line + "   ");
      openLine = true;
    } else {
      out.println(line);
    }
    out.flush();
  }

  String line(long now) {
    double secs = seconds(now);
    double r = secs > 0 ? done / secs : 0;
    StringBuilder sb = new StringBuilder(label).append(": ").append(amount(done));
    if (total > 0) {
      sb.append('/').append(amount(total)).append(' ').append(unitName())
          .append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * done / total));
    } else {
      sb.append(' ').append(unitName());
    }
    sb.append(", ").append(rate(r)).append(", elapsed ").append(clock(secs));
    if (total > 0 && done < total && r > 0) sb.append(", ETA ").append(clock((total - done) / r));
    appendExtra(sb);
    return sb.toString();
  }

  private void appendExtra(StringBuilder sb) {
    String e = extra == null ? null : extra.get();
    if (e != null && !e.isEmpty()) sb.append(", ").append(e);
  }

  private boolean bytes() {
    return "bytes".equals(unit);
  }

  private String unitName() {
    return bytes() ? "MB" : unit;
  }

  private String amount(long n) {
    return bytes() ? String.format(Locale.ROOT, "%,.1f", n / 1e6) : String.format(Locale.ROOT, "%,d", n);
  }

  private String rate(double perSecond) {
    double v = bytes() ? perSecond / 1e6 : perSecond;
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f %s/s" : "%.1f %s/s", v, unitName());
  }

  /** Seconds as {@code m:ss} or {@code h:mm:ss}. */
  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** A total time: {@code 12.3 s} under a minute, otherwise {@link #clock(double)}. */
  static String duration(double seconds) {
    return seconds < 59.95 ? String.format(Locale.ROOT, "%.1f s", seconds) : clock(seconds);
  }

  /** Options of a {@link Progress}; defaults: the stream of {@link #printByDefaultTo}, no total, unit "items", 2 s line interval. */
  public static final class Builder {
    private final String label;
    private String unit = "items";
    private long total;
    private PrintStream out = defaultOut();
    private boolean enabled = true;
    private Boolean inPlace;
    private long intervalMillis = 2000;
    private LongSupplier clock = System::nanoTime;

    private Builder(String label) {
      this.label = label;
    }

    /** Expected units in all (0 or less: unknown, no percentage or ETA). */
    public Builder total(long n) {
      total = n;
      return this;
    }

    /** Unit name, plural: rows, bytes, samples, texts, events, users. */
    public Builder unit(String name) {
      unit = name;
      return this;
    }

    /** Where lines go; null is the same as {@code enabled(false)}. */
    public Builder out(PrintStream stream) {
      out = stream;
      return this;
    }

    /** False makes the progress silent. */
    public Builder enabled(boolean on) {
      enabled = on;
      return this;
    }

    /** Redraw one line in place (true) or print new lines (false); default: in place on the default stream of a terminal. */
    public Builder inPlace(boolean on) {
      inPlace = on;
      return this;
    }

    /** Least time between two printed lines in line mode (in-place redraws use 500 ms). */
    public Builder intervalMillis(long ms) {
      if (ms < 0) throw new IllegalArgumentException("progress interval must be >= 0 ms, got " + ms);
      intervalMillis = ms;
      return this;
    }

    /** Time source in nanoseconds (for tests); default {@link System#nanoTime()}. */
    public Builder clock(LongSupplier nanos) {
      clock = nanos;
      return this;
    }

    public Progress build() {
      if (out == null) enabled = false;
      return new Progress(this);
    }
  }
}
