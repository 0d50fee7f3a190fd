package org.r2led.retrieval;

import org.r2led.sid.SidTable;

/**
 * Per-item retrieval keys shared by training and serving: the SID prefix keys of every semantic
 * level and the SimHash signature of every item's live ID embedding.
 *
 * <p>Items are the dataset's dense ids {@code 0..numItems} (0 = padding). Prefix keys are
 * precomputed from {@link SidTable#prefixKey} into one flat {@code long[numItems+1]} per semantic
 * level and never change. Signatures start at 0 and are owned by the caller: fill them with
 * {@link #signAll} and refresh the rows a training step updated with {@link #refresh} (or
 * {@link SimHash#signRows} on {@link #signatures()}).
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
  /** prefix[l][item] = SidTable.prefixKey(item, l+1). */
  private final long[][] prefix;
  private final long[] signatures;

  /**
   * @param sidsOrNull the SID table (its item ids must be the dataset's), or null for ID-only
   *     models (then {@link #semanticLevels()} is 0)
   * @param numItems number of real items; ids are 1..numItems
   */
  public ItemKeys(SidTable sidsOrNull, int numItems) {
    if (numItems < 0) throw new IllegalArgumentException("numItems must be >= 0, got " + numItems);
    this.numItems = numItems;
    if (sidsOrNull == null) {
      semanticLevels = 0;
      prefix = new long[0][];
    } else {
      if (sidsOrNull.numItems() != numItems) {
        throw new IllegalArgumentException("SID table has " + sidsOrNull.numItems() + " items but the dataset has "
            + numItems + " (SIDs built for another dataset?)");
      }
      semanticLevels = sidsOrNull.semanticLevels();
      if (semanticLevels > 4) {
        throw new IllegalArgumentException("SID prefix keys support at most 4 semantic levels, got " + semanticLevels);
      }
      prefix = new long[semanticLevels][numItems + 1];
      for (int l = 0; l < semanticLevels; l++) {
        long[] p = prefix[l];
        for (int i = 0; i <= numItems; i++) p[i] = sidsOrNull.prefixKey(i, l + 1);
      }
    }
    signatures = new long[numItems + 1];
  }

  public int numItems() { return numItems; }

  /** Number of SID levels usable by prefix routes (0 without SIDs). */
  public int semanticLevels() { return semanticLevels; }

  /** Key of the item's SID prefix of length {@code len} (1..semanticLevels). */
  public long prefixKey(int item, int len) {
    return prefix[len - 1][item];
  }

  /** The flat key array of prefix length {@code len} (1..semanticLevels), indexed by item; do not modify. */
  long[] prefixKeys(int len) {
    return prefix[len - 1];
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

  /** Checks that an item id is in range, naming the role of the id in the message. */
  void checkItem(int item, String role) {
    if (item < 0 || item > numItems) {
      throw new IndexOutOfBoundsException(role + " item " + item + " outside 0.." + numItems);
    }
  }
}
