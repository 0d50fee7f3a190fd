package org.r2led.nn;

import java.util.Arrays;

/**
 * Deduplicates the ids a batch looks up in one embedding table: every id gets a dense position in
 * {@link #ids()} (first-seen order), so a step gathers each table row once and row gradients are
 * summed by the autograd gather. Pure Java; build it on the batch-preparation thread.
 */
public final class UniqueIds {
  /**
   * Ids below {@code min(DIRECT, max(1024, 16·expected))} are looked up in a direct table (position + 1 per
   * id, 0 = absent; grown to the largest such id seen, at most 256 KB), larger ids in an open-addressing
   * hash: a batch's item and category ids are mostly small, and the direct lookup is one load instead of a
   * hash probe. The bound keeps a small set (e.g. one history's) from allocating a large table.
   */
  private static final int DIRECT = 1 << 16;

  private final int expected;
  private final int directLimit;
  private int[] direct = new int[0];
  private int[] keys;
  private int[] vals;
  private int mask;
  private int hashed;
  private int[] unique;
  private int count;

  /** An empty set sized for about {@code expected} distinct ids. */
  public UniqueIds(int expected) {
    this.expected = expected;
    this.directLimit = Experiment.on("legacy_unique_ids") ? 0 : (int) Math.min(DIRECT, Math.max(1024, 16L * expected));
    unique = new int[Math.max(16, expected)];
  }

  /** Position of {@code id} (≥ 0), adding it if new. */
  public int add(int id) {
    if (id < 0) throw new IllegalArgumentException("ids must be >= 0, got " + id);
    if (id < directLimit) {
      if (id >= direct.length) direct = Arrays.copyOf(direct, Math.min(directLimit, Math.max(64, Integer.highestOneBit(id) << 1)));
      int p = direct[id];
      if (p != 0) return p - 1;
      int pos = append(id);
      direct[id] = pos + 1;
      return pos;
    }
    if (keys == null) allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    int h = mix(id) & mask;
    while (true) {
      int k = keys[h];
      if (k == id) return vals[h];
      if (k == -1) break;
      h = (h + 1) & mask;
    }
    int pos = append(id);
    keys[h] = id;
    vals[h] = pos;
    if (++hashed * 2 > keys.length) rehash();
    return pos;
  }

  private int append(int id) {
    if (count == unique.length) unique = Arrays.copyOf(unique, count * 2);
    unique[count] = id;
    return count++;
  }

  /** Adds {@code ids[off..off+len)} and writes their positions into {@code pos[posOff..]}. */
  public void addAll(int[] ids, int off, int len, int[] pos, int posOff) {
    for (int i = 0; i < len; i++) pos[posOff + i] = add(ids[off + i]);
  }

  private void allocate(int cap) {
    keys = new int[cap];
    vals = new int[cap];
    Arrays.fill(keys, -1);
    mask = cap - 1;
  }

  private void rehash() {
    allocate(keys.length * 2);
    for (int i = 0; i < count; i++) {
      if (unique[i] < directLimit) continue;
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
