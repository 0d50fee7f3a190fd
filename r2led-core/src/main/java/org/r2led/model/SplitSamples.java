package org.r2led.model;

import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;

/**
 * Prepared samples {@code order[from..to)} of a split as a {@link SampleSource}: histories are read
 * straight from the memory-mapped sequence columns (no copy of whole histories).
 */
public final class SplitSamples implements SampleSource {
  private final SampleSplit split;
  private final PreparedDataset ds;
  private final int[] order;
  private final int from;
  private final int to;

  public SplitSamples(SampleSplit split, int[] order, int from, int to) {
    if (from < 0 || to < from || to > order.length) {
      throw new IndexOutOfBoundsException("samples [" + from + ", " + to + ") outside an order of length " + order.length);
    }
    this.split = split;
    this.ds = split.dataset();
    this.order = order;
    this.from = from;
    this.to = to;
  }

  /** All samples of a split in stored order, {@code [from, to)}. */
  public static SplitSamples range(SampleSplit split, int from, int to) {
    int[] order = new int[to - from];
    for (int i = 0; i < order.length; i++) order[i] = from + i;
    return new SplitSamples(split, order, 0, order.length);
  }

  private int index(int j) { return order[from + j]; }

  @Override
  public int size() { return to - from; }

  @Override
  public int sampleId(int j) { return index(j); }

  @Override
  public int user(int j) { return split.user(index(j)); }

  @Override
  public float label(int j) { return split.label(index(j)); }

  @Override
  public int item(int j) { return split.item(index(j)); }

  @Override
  public int category(int j) { return split.category(index(j)); }

  @Override
  public long ts(int j) { return split.ts(index(j)); }

  @Override
  public void history(int j, int window, History into) {
    int i = index(j);
    int pos = split.pos(i);
    int len = Math.min(pos, window);
    long start = split.historyStart(i) + pos - len;
    into.resize(len);
    ds.copyItems(start, len, into.items(), 0);
    ds.copyCategories(start, len, into.categories(), 0);
    ds.copyTimestamps(start, len, into.timestamps(), 0);
    int[] b = into.behaviors();
    for (int k = 0; k < len; k++) b[k] = ds.eventBehavior(start + k);
  }
}
