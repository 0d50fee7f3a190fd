package org.r2led.retrieval;

import org.r2led.sid.SidTable;

/**
 * Per-item retrieval keys shared by training and serving: the SID prefix keys of every semantic
 * level and the SimHash signature of every item's live ID embedding.
 *
 * <p>Items are the dataset's dense ids {@code 0..numItems} (0 = padding). For retrieval, the SID
 * prefixes are precomputed into compact flat arrays indexed by item (level 1: the code itself as a
 * {@code char}; deeper levels: a dense {@code int} id per distinct prefix), so that the hot loop
 * touches few cache lines; {@link #prefixKey} returns {@link SidTable#prefixKey}. They never change. Signatures start at 0 and are owned by the caller: fill them with
 * {@link #signAll} and refresh the rows a training step updated with {@link #refresh} or
 * {@link #refreshGathered} (or {@link SimHash#signRows} on {@link #signatures()}).
 *
 * <p>Thread safety: prefix keys are immutable. The signature array is written in place without
 * synchronisation; refresh it from the thread that retrieves, or hand it over between the writer and
 * the retrieving threads with a happens-before edge (e.g. an executor hand-off between training
 * steps). A retrieval that races with a refresh may see some items' old signatures (staleness of at
 * most one step); it never fails.
 */
public final class ItemKeys {
  private final int numItems;
  private final int semanticLevels;
  private final SidTable sids;
  /** Level-1 code per item (prefix of length 1). */
  private final char[] level1;
  /** prefixIds[l][item] = dense id of the item's prefix of length l+1 (equal ids ⇔ equal prefixes); l >= 1. */
  private final int[][] prefixIds;
  private final long[] signatures;

  /**
   * @param sidsOrNull the SID table (its item ids must be the dataset's), or null for ID-only
   *     models (then {@link #semanticLevels()} is 0)
   * @param numItems number of real items; ids are 1..numItems
   */
  public ItemKeys(SidTable sidsOrNull, int numItems) {
    if (numItems < 0) throw new IllegalArgumentException("numItems must be >= 0, got " + numItems);
    this.numItems = numItems;
    this.sids = sidsOrNull;
    if (sidsOrNull == null) {
      semanticLevels = 0;
      level1 = new char[0];
      prefixIds = new int[0][];
    } else {
      if (sidsOrNull.numItems() != numItems) {
        throw new IllegalArgumentException("SID table has " + sidsOrNull.numItems() + " items but the dataset has "
            + numItems + " (SIDs built for another dataset?)");
      }
      semanticLevels = sidsOrNull.semanticLevels();
      if (semanticLevels > 4) {
        throw new IllegalArgumentException("SID prefix keys support at most 4 semantic levels, got " + semanticLevels);
      }
      level1 = new char[numItems + 1];
      for (int i = 0; i <= numItems; i++) {
        int c = sidsOrNull.code(i, 0);
        if (c > Character.MAX_VALUE) throw new IllegalArgumentException("item " + i + " level-1 code " + c + " exceeds 65535");
        level1[i] = (char) c;
      }
      prefixIds = new int[semanticLevels][];
      for (int l = 1; l < semanticLevels; l++) prefixIds[l] = denseIds(sidsOrNull, l + 1, numItems);
    }
    signatures = new long[numItems + 1];
  }

  /** Dense ids of the prefixes of length {@code len}: ids in order of the sorted distinct keys. */
  private static int[] denseIds(SidTable sids, int len, int numItems) {
    long[] keys = new long[numItems + 1];
    for (int i = 0; i <= numItems; i++) keys[i] = sids.prefixKey(i, len);
    long[] sorted = keys.clone();
    java.util.Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[distinct++] = sorted[i];
    int[] ids = new int[numItems + 1];
    for (int i = 0; i <= numItems; i++) ids[i] = java.util.Arrays.binarySearch(sorted, 0, distinct, keys[i]);
    return ids;
  }

  public int numItems() { return numItems; }

  /** Number of SID levels usable by prefix routes (0 without SIDs). */
  public int semanticLevels() { return semanticLevels; }

  /** Key of the item's SID prefix of length {@code len} (1..semanticLevels), as {@link SidTable#prefixKey}. */
  public long prefixKey(int item, int len) {
    if (len < 1 || len > semanticLevels) {
      throw new IllegalArgumentException("prefix length " + len + " outside 1.." + semanticLevels);
    }
    return sids.prefixKey(item, len);
  }

  /** Level-1 code per item; do not modify. */
  char[] level1Codes() {
    return level1;
  }

  /** Dense prefix ids of length {@code len} (2..semanticLevels) per item; do not modify. */
  int[] prefixIds(int len) {
    return prefixIds[len - 1];
  }

  /** Current SimHash signature of the item. */
  public long signature(int item) {
    return signatures[item];
  }

  /** The live signature array ({@code numItems+1} entries, indexed by item), updated in place. */
  public long[] signatures() {
    return signatures;
  }

  /** Recomputes every item's signature from a row-major {@code (numItems+1) × dim} embedding table. */
  public void signAll(SimHash hash, float[] table, int dim) {
    hash.signAll(table, dim, signatures);
  }

  /** Recomputes the signatures of {@code rows[0..count)} from a row-major embedding table. */
  public void refresh(SimHash hash, float[] table, int dim, int[] rows, int count) {
    hash.signRows(table, dim, rows, count, signatures);
  }

  /**
   * Recomputes the signatures of items {@code ids[0..count)} from gathered vectors: row {@code i} of
   * the row-major {@code count × dim} array {@code vectors} is item {@code ids[i]}'s embedding.
   */
  public void refreshGathered(SimHash hash, float[] vectors, int dim, int[] ids, int count) {
    hash.signGathered(vectors, dim, ids, count, signatures);
  }

  /** Checks that an item id is in range, naming the role of the id in the message. */
  void checkItem(int item, String role) {
    if (item < 0 || item > numItems) {
      throw new IndexOutOfBoundsException(role + " item " + item + " outside 0.." + numItems);
    }
  }
}
