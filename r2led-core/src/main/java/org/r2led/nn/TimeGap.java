package org.r2led.nn;

/**
 * Time-gap buckets for the gap between a behavior and the target: bucket 0 is padding; a gap of
 * {@code g ≥ 0} seconds maps to {@code 1 + floor(log2(1 + g))}, capped at {@code buckets − 1}
 * (negative gaps count as 0).
 */
public final class TimeGap {
  private TimeGap() {}

  public static int bucket(long gapSeconds, int buckets) {
    long g = Math.max(0, gapSeconds);
    int b = 1 + (63 - Long.numberOfLeadingZeros(g + 1));
    return Math.min(b, buckets - 1);
  }
}
