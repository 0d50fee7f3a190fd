package org.r2led.retrieval;

import java.util.Arrays;

/**
 * {@link PrefixMatchStats} for many targets over one history: one pass over the history counts the
 * behaviours and remembers the most recent position per SID prefix of each length, per item and per
 * category; each target's statistics are then {@code levels + 2} lookups instead of a pass over the
 * history. Same numbers as {@link PrefixMatchStats#compute} (and, for the category, as counting
 * {@code categories[p] == c}). Reusable: one instance per thread, {@link #build} per history.
 */
public final class PrefixMatchIndex {
  private Tally[] byLevel = new Tally[0];
  private final Tally byCategory = new Tally();
  private int levels = -1;
  private ItemKeys keys;

  /**
   * Indexes {@code history[0..len)} (oldest → newest) with categories {@code categories[0..len)}.
   *
   * @param levels semantic levels to count (0..keys.semanticLevels())
   */
  public void build(int[] history, int[] categories, int len, ItemKeys keys, int levels) {
    if (levels < 0 || levels > keys.semanticLevels()) {
      throw new IllegalArgumentException("levels " + levels + " outside 0.." + keys.semanticLevels());
    }
    if (byLevel.length < levels + 1) {
      byLevel = Arrays.copyOf(byLevel, levels + 1);
      for (int l = 0; l <= levels; l++) if (byLevel[l] == null) byLevel[l] = new Tally();
    }
    this.levels = levels;
    this.keys = keys;
    for (int l = 0; l <= levels; l++) byLevel[l].reset(len);
    byCategory.reset(len);
    for (int l = 0; l <= levels; l++) {
      Tally t = byLevel[l];
      int[] key = keyArray(l);
      char[] c1 = l == 0 && levels > 0 ? keys.level1Codes() : null;
      for (int p = 0; p < len; p++) {
        int item = history[p];
        t.add(key != null ? key[item] : c1 != null ? c1[item] : item, p);
      }
    }
    for (int p = 0; p < len; p++) byCategory.add(categories[p], p);
  }

  /** Key array of level index l (0-based: prefix length l+1; {@code levels}: the item itself → null). */
  private int[] keyArray(int l) {
    if (l == levels || l == 0) return null;
    return keys.prefixIds(l + 1);
  }

  private int key(int l, int item) {
    if (l == levels) return item;
    if (l == 0) return keys.level1Codes()[item];
    return keys.prefixIds(l + 1)[item];
  }

  /**
   * As {@link PrefixMatchStats#compute} for {@code target} over the indexed history: {@code counts[l-1]}
   * and {@code lastPos[l-1]} for prefix lengths {@code l = 1..levels}, index {@code levels} for the item.
   */
  public void lookup(int target, int[] counts, int[] lastPos) {
    if (levels < 0) throw new IllegalStateException("no history indexed");
    keys.checkItem(target, "target");
    for (int l = 0; l <= levels; l++) {
      Tally t = byLevel[l];
      int slot = t.find(key(l, target));
      counts[l] = slot < 0 ? 0 : t.count[slot];
      lastPos[l] = slot < 0 ? -1 : t.last[slot];
    }
  }

  /** Behaviours of category {@code c} in the indexed history. */
  public int categoryCount(int c) {
    int slot = byCategory.find(c);
    return slot < 0 ? 0 : byCategory.count[slot];
  }

  /** Position of the most recent behaviour of category {@code c}, or -1. */
  public int categoryLast(int c) {
    int slot = byCategory.find(c);
    return slot < 0 ? -1 : byCategory.last[slot];
  }

  /** Count and most recent position per non-negative int key (open addressing, linear probing). */
  private static final class Tally {
    int[] keys = new int[0];
    int[] count = new int[0];
    int[] last = new int[0];
    int mask;

    void reset(int len) {
      int cap = Integer.highestOneBit(Math.max(8, len) * 2 - 1) << 1;
      if (keys.length != cap) {
        keys = new int[cap];
        count = new int[cap];
        last = new int[cap];
      }
      Arrays.fill(keys, -1);
      mask = cap - 1;
    }

    void add(int key, int pos) {
      int h = mix(key) & mask;
      while (keys[h] != key) {
        if (keys[h] == -1) {
          keys[h] = key;
          count[h] = 0;
          break;
        }
        h = (h + 1) & mask;
      }
      count[h]++;
      last[h] = pos;
    }

    int find(int key) {
      int h = mix(key) & mask;
      while (true) {
        int k = keys[h];
        if (k == key) return h;
        if (k == -1) return -1;
        h = (h + 1) & mask;
      }
    }

    private static int mix(int x) {
      x *= 0x9E3779B9;
      return x ^ (x >>> 16);
    }
  }
}
