package org.r2led.data.stats;

import java.util.Arrays;

/**
 * Summary of a distribution of non-negative integers (sequence or history lengths). Quantiles use
 * linear interpolation between order statistics (position {@code (n-1)·q}, as numpy's default), so
 * the median of an even count is the mean of the two middle values. All fields are 0 when empty.
 */
public record Distribution(long count, double mean, long min, double median, double p90, double p99, long max) {

  /** Summarises {@code values} (sorted in place). */
  public static Distribution of(int[] values) {
    int n = values.length;
    if (n == 0) return new Distribution(0, 0, 0, 0, 0, 0, 0);
    Arrays.sort(values);
    double sum = 0;
    for (int v : values) sum += v;
    return new Distribution(n, sum / n, values[0], quantile(values, 0.5), quantile(values, 0.9),
        quantile(values, 0.99), values[n - 1]);
  }

  /** Linearly interpolated quantile of sorted values. */
  static double quantile(int[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
