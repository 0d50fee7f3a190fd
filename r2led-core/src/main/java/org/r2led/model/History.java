package org.r2led.model;

import java.util.Arrays;

/**
 * A plain view of one user's history before a target: parallel arrays of items, categories,
 * behavior codes and timestamps (Unix seconds), oldest first, valid for indices
 * {@code [0, length())}. The buffers are reused (one instance per thread); the prepared dataset,
 * a serving store or a test can fill it.
 */
public final class History {
  private int[] items = new int[0];
  private int[] categories = new int[0];
  private int[] behaviors = new int[0];
  private long[] timestamps = new long[0];
  private int length;

  /** Makes room for {@code len} events and sets the length (contents are to be written by the caller). */
  public void resize(int len) {
    if (len < 0) throw new IllegalArgumentException("history length must be >= 0, got " + len);
    if (items.length < len) {
      int cap = Math.max(len, items.length * 2);
      items = Arrays.copyOf(items, cap);
      categories = Arrays.copyOf(categories, cap);
      behaviors = Arrays.copyOf(behaviors, cap);
      timestamps = Arrays.copyOf(timestamps, cap);
    }
    length = len;
  }

  /** Copies the given arrays' first {@code len} entries (oldest first). */
  public History set(int[] items, int[] categories, int[] behaviors, long[] timestamps, int len) {
    return set(items, categories, behaviors, timestamps, 0, len);
  }

  /** Copies entries {@code [from, from+len)} of the given arrays (oldest first). */
  public History set(int[] items, int[] categories, int[] behaviors, long[] timestamps, int from, int len) {
    resize(len);
    System.arraycopy(items, from, this.items, 0, len);
    System.arraycopy(categories, from, this.categories, 0, len);
    System.arraycopy(behaviors, from, this.behaviors, 0, len);
    System.arraycopy(timestamps, from, this.timestamps, 0, len);
    return this;
  }

  public int length() { return length; }

  /** Item ids; valid for {@code [0, length())}. */
  public int[] items() { return items; }

  public int[] categories() { return categories; }

  public int[] behaviors() { return behaviors; }

  public long[] timestamps() { return timestamps; }
}
