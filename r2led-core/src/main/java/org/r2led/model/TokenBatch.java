package org.r2led.model;

import ai.djl.ndarray.NDArray;
import org.r2led.nn.Step;
import org.r2led.nn.UniqueIds;

/**
 * The Java-side inputs of one batch, built once for every model by {@link TokenBatchBuilder}:
 * B samples, G token groups of K tokens each (group-major {@code (G, B, K)} arrays), plus F dense
 * features per sample. Items and categories are deduplicated ({@link UniqueIds}, position 0 = the
 * padding id 0), so a step gathers each embedding row once; token and target arrays hold positions
 * into those unique lists. Immutable after building.
 */
public final class TokenBatch {
  /** Sample ids (e.g. indices into the split), length B. */
  public final int[] samples;
  /** Dense user per sample (-1 unknown). */
  public final int[] users;
  /** 0/1 labels as floats. */
  public final float[] labels;
  public final int groups;
  public final int capacity;
  public final int numFeatures;
  /** Distinct item ids of the batch (targets and tokens). */
  public final UniqueIds items;
  /** Distinct category ids of the batch. */
  public final UniqueIds cats;
  /** Per sample: position of the target item in {@link #items}; of its category in {@link #cats}. */
  public final int[] targetItem;
  public final int[] targetCat;
  /** Raw target item ids, length B. */
  public final int[] targetIds;
  /** Per token {@code (G, B, K)}: item and category positions, behavior code, time-gap bucket, flag, mask. */
  public final int[] tokItem;
  public final int[] tokCat;
  public final int[] tokBeh;
  public final int[] tokGap;
  public final int[] tokFlag;
  public final float[] tokMask;
  /** Per sample and group {@code (B, G)}: tokens selected, and 1 when non-empty. */
  public final int[] groupCount;
  public final float[] groupMask;
  /** Dense features {@code (B, F)}. */
  public final float[] features;
  /** SID codes of every distinct item, {@code codes[l][u]} for level l (empty when not requested). */
  public final int[][] codes;

  TokenBatch(int b, int groups, int capacity, int features, int codeLevels) {
    this.samples = new int[b];
    this.users = new int[b];
    this.labels = new float[b];
    this.groups = groups;
    this.capacity = capacity;
    this.numFeatures = features;
    int n = groups * b * capacity;
    this.items = new UniqueIds(Math.max(b, Math.min(n, 1 << 16)));
    this.cats = new UniqueIds(256);
    this.targetItem = new int[b];
    this.targetCat = new int[b];
    this.targetIds = new int[b];
    this.tokItem = new int[n];
    this.tokCat = new int[n];
    this.tokBeh = new int[n];
    this.tokGap = new int[n];
    this.tokFlag = new int[n];
    this.tokMask = new float[n];
    this.groupCount = new int[b * groups];
    this.groupMask = new float[b * groups];
    this.features = new float[b * features];
    this.codes = new int[codeLevels][];
  }

  /** A copy whose token arrays keep only the first {@code k} of {@link #capacity} slots per group. */
  private TokenBatch(TokenBatch src, int k) {
    this.samples = src.samples;
    this.users = src.users;
    this.labels = src.labels;
    this.groups = src.groups;
    this.capacity = k;
    this.numFeatures = src.numFeatures;
    this.items = src.items;
    this.cats = src.cats;
    this.targetItem = src.targetItem;
    this.targetCat = src.targetCat;
    this.targetIds = src.targetIds;
    int rows = src.groups * src.size();
    this.tokItem = narrow(src.tokItem, rows, src.capacity, k);
    this.tokCat = narrow(src.tokCat, rows, src.capacity, k);
    this.tokBeh = narrow(src.tokBeh, rows, src.capacity, k);
    this.tokGap = narrow(src.tokGap, rows, src.capacity, k);
    this.tokFlag = narrow(src.tokFlag, rows, src.capacity, k);
    this.tokMask = new float[rows * k];
    for (int r = 0; r < rows; r++) System.arraycopy(src.tokMask, r * src.capacity, tokMask, r * k, k);
    this.groupCount = src.groupCount;
    this.groupMask = src.groupMask;
    this.features = src.features;
    this.codes = src.codes;
  }

  private static int[] narrow(int[] a, int rows, int from, int to) {
    int[] out = new int[rows * to];
    for (int r = 0; r < rows; r++) System.arraycopy(a, r * from, out, r * to, to);
    return out;
  }

  /**
   * This batch with K cut to {@code k} token slots per group ({@code 1 ≤ k ≤ capacity}); slots
   * {@code ≥ k} must be padding in every group, so every model computes the same outputs on fewer
   * positions (K is a batch property, never a parameter shape).
   */
  TokenBatch trimmed(int k) {
    if (k < 1 || k > capacity) throw new IllegalArgumentException("cannot trim K=" + capacity + " to " + k);
    return k == capacity ? this : new TokenBatch(this, k);
  }

  /** Batch size B. */
  public int size() { return samples.length; }

  /** Flat index of token {@code q} of group {@code g} of sample {@code j}. */
  public int token(int g, int j, int q) { return (g * size() + j) * capacity + q; }

  /**
   * Whether every sample has the same tokens in group {@code g} as sample 0 (items, categories,
   * behaviors, gaps, flags, mask): e.g. the short route of a serving request's candidates, which share
   * one history and time. A model may then compute on one copy of the group {@code (1, K, d)} and
   * broadcast it. Compares until the first difference.
   */
  public boolean uniform(int g) {
    int b = size();
    int k = capacity;
    int base = token(g, 0, 0);
    for (int j = 1; j < b; j++) {
      int o = token(g, j, 0);
      if (!java.util.Arrays.equals(tokItem, base, base + k, tokItem, o, o + k)
          || !java.util.Arrays.equals(tokCat, base, base + k, tokCat, o, o + k)
          || !java.util.Arrays.equals(tokBeh, base, base + k, tokBeh, o, o + k)
          || !java.util.Arrays.equals(tokGap, base, base + k, tokGap, o, o + k)
          || !java.util.Arrays.equals(tokFlag, base, base + k, tokFlag, o, o + k)
          || !java.util.Arrays.equals(tokMask, base, base + k, tokMask, o, o + k)) {
        return false;
      }
    }
    return true;
  }

  /** Mask of group {@code g} of sample 0 {@code (1, K)} (see {@link #uniform}). */
  public NDArray firstMask(Step s, int g) {
    int base = token(g, 0, 0);
    return s.floats(java.util.Arrays.copyOfRange(tokMask, base, base + capacity), 1, capacity);
  }

  /** Token mask {@code (G, B, K)}. */
  public NDArray mask(Step s) { return s.floats(tokMask, groups, size(), capacity); }

  /** Group mask {@code (B, G)}: 1 where the group has at least one token. */
  public NDArray groupMask(Step s) { return s.floats(groupMask, size(), groups); }

  /** Dense features {@code (B, F)}. */
  public NDArray features(Step s) { return s.floats(features, size(), numFeatures); }

  /** Labels {@code (B)}. */
  public NDArray labels(Step s) { return s.floats(labels, size()); }
}
