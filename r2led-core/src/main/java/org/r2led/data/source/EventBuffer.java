package org.r2led.data.source;

import java.util.Arrays;

/**
 * Growable columnar buffer of parsed events with provisional ids (see {@link IdDictionary}).
 * Absent values: category -1 (take the item's), rating NaN, label -1.
 */
public final class EventBuffer {
  private int size;
  private int[] user = new int[1024];
  private int[] item = new int[1024];
  private int[] category = new int[1024];
  private int[] behavior = new int[1024];
  private long[] ts = new long[1024];
  private double[] rating = new double[1024];
  private byte[] label = new byte[1024];

  public void add(int u, int i, int cat, int beh, long t, double r, int lab) {
    if (size == user.length) grow();
    user[size] = u;
    item[size] = i;
    category[size] = cat;
    behavior[size] = beh;
    ts[size] = t;
    rating[size] = r;
    label[size] = (byte) lab;
    size++;
  }

  private void grow() {
    int n = Math.max(16, size + (size >> 1));
    user = Arrays.copyOf(user, n);
    item = Arrays.copyOf(item, n);
    category = Arrays.copyOf(category, n);
    behavior = Arrays.copyOf(behavior, n);
    ts = Arrays.copyOf(ts, n);
    rating = Arrays.copyOf(rating, n);
    label = Arrays.copyOf(label, n);
  }

  public int size() { return size; }

  public int user(int e) { return user[e]; }

  public int item(int e) { return item[e]; }

  /** Provisional category of the event, or -1 when the event has none of its own. */
  public int category(int e) { return category[e]; }

  public int behavior(int e) { return behavior[e]; }

  public long ts(int e) { return ts[e]; }

  /** Rating, NaN when absent. */
  public double rating(int e) { return rating[e]; }

  /** 0/1 label, -1 when absent. */
  public int label(int e) { return label[e]; }
}
