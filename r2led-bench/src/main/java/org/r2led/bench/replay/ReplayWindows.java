package org.r2led.bench.replay;

import java.util.Arrays;
import java.util.Locale;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;

/**
 * The time windows of a replay over the span [first, last] of every sample's timestamp (all splits,
 * Unix seconds): {@code count} windows, window {@code w} holding the samples with
 * {@code start(w) <= ts < start(w+1)} (the last window includes {@code last}). {@link By#TIME} cuts the
 * span into equal spans of time; {@link By#SAMPLES} puts the boundaries at the sample-time quantiles,
 * so every window holds about the same number of samples (samples sharing a timestamp stay in one
 * window). Immutable.
 */
public final class ReplayWindows {
  /** How the windows are cut. */
  public enum By {
    /** Equal spans of sample time. */
    TIME,
    /** Equal numbers of samples (boundaries at the sample-time quantiles). */
    SAMPLES;

    /** The option value: {@code time} or {@code samples}. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** Parses {@code time} or {@code samples}, failing with the value and what was expected. */
    public static By parse(String s) {
      for (By b : values()) if (b.id().equals(s)) return b;
      throw new IllegalArgumentException("--window-by " + s + "; expected time or samples");
    }
  }

  private final By by;
  private final long last;
  private final long[] starts;

  private ReplayWindows(By by, long[] starts, long last) {
    this.by = by;
    this.starts = starts;
    this.last = last;
  }

  /** {@code count} equal spans of time over [first, last]. */
  public static ReplayWindows ofTime(long first, long last, int count) {
    check(count);
    if (last < first) throw new IllegalArgumentException("replay windows: last time " + last + " before first " + first);
    long[] starts = new long[count];
    for (int w = 0; w < count; w++) starts[w] = first + (long) ((double) (last - first + 1) * w / count);
    return new ReplayWindows(By.TIME, starts, last);
  }

  /** Windows of equal spans of time over every sample of {@code ds}; fails when the dataset has no samples. */
  public static ReplayWindows of(PreparedDataset ds, int count) {
    return of(ds, count, By.TIME);
  }

  /**
   * Windows cut {@code by} time or samples over every sample of {@code ds}; fails when the dataset has
   * no samples, or (by samples) when ties of timestamps leave a window empty.
   */
  public static ReplayWindows of(PreparedDataset ds, int count, By by) {
    check(count);
    long[] ts = sampleTimes(ds);
    if (ts.length == 0) throw new IllegalArgumentException("dataset " + ds.dir() + " has no samples to replay");
    long first = ts[0];
    long last = ts[ts.length - 1];
    if (by == By.TIME) return ofTime(first, last, count);
    long[] starts = new long[count];
    starts[0] = first;
    for (int w = 1; w < count; w++) {
      starts[w] = ts[(int) ((long) ts.length * w / count)];
      if (starts[w] <= starts[w - 1]) {
        throw new IllegalArgumentException("dataset " + ds.dir() + ": " + count + " windows of equal sample counts leave window "
            + (w - 1) + " empty (" + ts.length + " samples, many sharing timestamp " + starts[w] + "); expected fewer windows");
      }
    }
    return new ReplayWindows(By.SAMPLES, starts, last);
  }

  private static void check(int count) {
    if (count < 2) throw new IllegalArgumentException("replay windows: " + count + "; expected at least 2 (one to train, one to score)");
  }

  /** Every sample's timestamp (all splits), sorted. */
  private static long[] sampleTimes(PreparedDataset ds) {
    int n = 0;
    for (Split s : Split.values()) n += ds.split(s).size();
    long[] ts = new long[n];
    int k = 0;
    for (Split s : Split.values()) {
      SampleSplit sp = ds.split(s);
      for (int i = 0; i < sp.size(); i++) ts[k++] = sp.ts(i);
    }
    Arrays.sort(ts);
    return ts;
  }

  /** How the windows were cut. */
  public By by() { return by; }

  /** Number of windows. */
  public int count() { return starts.length; }

  /** Time of the first sample, Unix seconds. */
  public long first() { return starts[0]; }

  /** Time of the last sample, Unix seconds. */
  public long last() { return last; }

  /** First time of window {@code w} (Unix seconds); {@code start(count)} is past the last sample. */
  public long start(int w) {
    return w >= starts.length ? last + 1 : starts[w];
  }

  /** The window of time {@code ts} (clamped to [0, count)). */
  public int windowOf(long ts) {
    int lo = 0; // the last window whose start is <= ts (starts ascend; equal starts leave the earlier window empty)
    int hi = starts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= ts) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** One line for manifests and reports, e.g. {@code 5 equal spans of sample time [first, last]}. */
  public String describe() {
    return count() + (by == By.TIME ? " equal spans of sample time" : " windows of equal sample counts") + " [" + first() + ", "
        + last + "]";
  }
}
