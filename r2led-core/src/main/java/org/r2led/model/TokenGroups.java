package org.r2led.model;

import java.util.Arrays;

/**
 * What a {@link TokenSelector} picked for one sample: for each token group {@code g < G}, up to
 * {@code K} history positions (indices into the {@link History} given to the selector) with a
 * per-token flag byte (e.g. R2LED's mixed-fill flag), plus {@code F} dense per-sample features.
 * Reused per thread; {@link TokenBatchBuilder} clears it before each sample.
 */
public final class TokenGroups {
  final int[][] positions;
  final byte[][] flags;
  final int[] counts;
  final float[] features;

  public TokenGroups(int groups, int capacity, int features) {
    this.positions = new int[groups][capacity];
    this.flags = new byte[groups][capacity];
    this.counts = new int[groups];
    this.features = new float[features];
  }

  void clear() {
    Arrays.fill(counts, 0);
    Arrays.fill(features, 0f);
  }

  public int groups() { return counts.length; }

  public int capacity() { return positions.length == 0 ? 0 : positions[0].length; }

  /** Appends history position {@code pos} to group {@code g} with flag 0. */
  public void add(int g, int pos) { add(g, pos, (byte) 0); }

  /** Appends history position {@code pos} to group {@code g} with {@code flag}; fails when the group is full. */
  public void add(int g, int pos, byte flag) {
    int c = counts[g];
    if (c == positions[g].length) throw new IllegalStateException("token group " + g + " is full (" + c + " tokens)");
    positions[g][c] = pos;
    flags[g][c] = flag;
    counts[g] = c + 1;
  }

  /** Appends positions {@code [from, to)} to group {@code g}. */
  public void addRange(int g, int from, int to) {
    for (int p = from; p < to; p++) add(g, p);
  }

  /** Appends {@code n} positions from {@code pos} (and flags, or null for 0) to group {@code g}. */
  public void addAll(int g, int[] pos, byte[] flagsOrNull, int n) {
    for (int i = 0; i < n; i++) add(g, pos[i], flagsOrNull == null ? 0 : flagsOrNull[i]);
  }

  /** Number of tokens in group {@code g}. */
  public int count(int g) { return counts[g]; }

  /** Sets dense feature {@code f}. */
  public void feature(int f, float value) { features[f] = value; }
}
