package org.r2led.nn;

import java.util.Arrays;

/**
 * Deduplicates the ids a batch looks up in one embedding table: every id gets a dense position in
 * {@link #ids()} (first-seen order), so a step gathers each table row once and row gradients are
 * summed by the autograd gather. Pure Java; build it on the batch-preparation thread.
 */
public final class UniqueIds {
  private int[] keys;
  private int[] vals;
  private int mask;
  private int[] unique;
  private int count;

  /** An empty set sized for about {@code expected} distinct ids. */
  public UniqueIds(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new int[cap];
    vals = new int[cap];
    Arrays.fill(keys, -1);
    mask = cap - 1;
    unique = new int[Math.max(16, expected)];
  }

  /** Position of {@code id} (≥ 0), adding it if new. */
  public int add(int id) {
    if (id < 0) throw new IllegalArgumentException("ids must be >= 0, got " + id);
    int h = mix(id) & mask;
    while (true) {
      int k = keys[h];
      if (k == id) return vals[h];
      if (k == -1) break;
      h = (h + 1) & mask;
    }
    if (count == unique.length) unique = Arrays.copyOf(unique, count * 2);
    unique[count] = id;
    keys[h] = id;
    vals[h] = count;
    count++;
    if (count * 2 > keys.length) rehash();
    return count - 1;
  }

  /** Adds {@code ids[off..off+len)} and writes their positions into {@code pos[posOff..]}. */
  public void addAll(int[] ids, int off, int len, int[] pos, int posOff) {
    for (int i = 0; i < len; i++) pos[posOff + i] = add(ids[off + i]);
  }

  private void rehash() {
    int cap = keys.length * 2;
    keys = new int[cap];
    vals = new int[cap];
    Arrays.fill(keys, -1);
    mask = cap - 1;
    for (int i = 0; i < count; i++) {
      int h = mix(unique[i]) & mask;
      while (keys[h] != -1) h = (h + 1) & mask;
      keys[h] = unique[i];
      vals[h] = i;
    }
  }

  private static int mix(int x) {
    x *= 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  /** Number of distinct ids. */
  public int size() { return count; }

  /** The distinct ids in first-seen order (a copy of length {@link #size()}). */
  public int[] ids() { return Arrays.copyOf(unique, count); }

  /** Distinct id at position {@code i}. */
  public int id(int i) { return unique[i]; }
}
