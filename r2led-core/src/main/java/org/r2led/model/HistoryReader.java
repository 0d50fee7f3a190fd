package org.r2led.model;

import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;

/**
 * Reads the most recent part of a sample's history straight from the memory-mapped sequence
 * columns into reusable buffers (no copy of whole histories). One instance per thread.
 */
public final class HistoryReader {
  private final PreparedDataset ds;
  private int[] items = new int[0];
  private int[] categories = new int[0];
  private int[] behaviors = new int[0];
  private long[] ts = new long[0];
  private int length;

  public HistoryReader(PreparedDataset ds) { this.ds = ds; }

  /**
   * Loads the last {@code min(pos, window)} events before sample {@code i}'s target, oldest first;
   * returns that length.
   */
  public int load(SampleSplit split, int i, int window) {
    int pos = split.pos(i);
    int len = Math.min(pos, window);
    long start = split.historyStart(i) + pos - len;
    if (items.length < len) {
      int cap = Math.max(len, items.length * 2);
      items = new int[cap];
      categories = new int[cap];
      behaviors = new int[cap];
      ts = new long[cap];
    }
    ds.copyItems(start, len, items, 0);
    ds.copyCategories(start, len, categories, 0);
    ds.copyTimestamps(start, len, ts, 0);
    for (int k = 0; k < len; k++) behaviors[k] = ds.eventBehavior(start + k);
    length = len;
    return len;
  }

  public int length() { return length; }

  /** Buffers valid for indices {@code [0, length())}. */
  public int[] items() { return items; }

  public int[] categories() { return categories; }

  public int[] behaviors() { return behaviors; }

  public long[] timestamps() { return ts; }
}
