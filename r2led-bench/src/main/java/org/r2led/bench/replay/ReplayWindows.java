package org.r2led.bench.replay;

import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;

/**
 * The time windows of a replay: the span [first, last] of every sample's timestamp (all splits, Unix
 * seconds) cut into {@code count} equal spans; window {@code w} holds samples with
 * {@code start(w) <= ts < start(w+1)} (the last window includes {@code last}). Immutable.
 */
public record ReplayWindows(long first, long last, int count) {
  public ReplayWindows {
    if (count < 2) throw new IllegalArgumentException("replay windows: " + count + "; expected at least 2 (one to train, one to score)");
    if (last < first) throw new IllegalArgumentException("replay windows: last time " + last + " before first " + first);
  }

  /** Windows over every sample of {@code ds}; fails when the dataset has no samples. */
  public static ReplayWindows of(PreparedDataset ds, int count) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (Split s : Split.values()) {
      SampleSplit sp = ds.split(s);
      for (int i = 0; i < sp.size(); i++) {
        lo = Math.min(lo, sp.ts(i));
        hi = Math.max(hi, sp.ts(i));
      }
    }
    if (lo > hi) throw new IllegalArgumentException("dataset " + ds.dir() + " has no samples to replay");
    return new ReplayWindows(lo, hi, count);
  }

  /** First time of window {@code w} (Unix seconds); {@code start(count)} is past the last sample. */
  public long start(int w) {
    if (w >= count) return last + 1;
    return first + (long) ((double) (last - first + 1) * w / count);
  }

  /** The window of time {@code ts} (clamped to [0, count)). */
  public int windowOf(long ts) {
    int w = (int) Math.min(count - 1, Math.max(0, (double) (ts - first) * count / (last - first + 1)));
    while (w > 0 && ts < start(w)) w--;
    while (w < count - 1 && ts >= start(w + 1)) w++;
    return w;
  }
}
