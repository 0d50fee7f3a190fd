package org.r2led.model;

import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.retrieval.SimHash;

/**
 * A snapshot of the item ID embedding table for retrieval rules that rank by the <em>live</em>
 * embeddings (SIM soft, ETA, TWIN, MIRRN, SDIM): a row-major copy {@code (numItems+1) × d} and,
 * with a {@link SimHash}, every item's signature. Retrieval runs on the batch-preparation thread
 * and must not read the parameters the optimizer writes; models call {@link #refresh} from
 * {@link CtrModel#afterUpdate} (never concurrent with batch preparation) for the rows a step
 * changed, and {@link #refreshAll} from {@link CtrModel#afterLoad} (or, with {@link #saveIn},
 * {@link #restore}, which makes resumed runs exact).
 */
public final class LiveItemVectors {
  private final Param table;
  private final int dim;
  private final float[] vectors;
  private final SimHash hash;
  private final long[] signatures;
  /** The vectors' float bits, two per long (even index in the low half), when {@link #saveIn} was called. */
  private long[] saved;

  /** @param hashOrNull signs every item when given (its dim must be the table's) */
  public LiveItemVectors(Param itemTable, SimHash hashOrNull) {
    this.table = itemTable;
    this.dim = itemTable.cols();
    this.vectors = itemTable.values().clone();
    this.hash = hashOrNull;
    this.signatures = hashOrNull == null ? null : new long[itemTable.rows()];
    if (hash != null) hash.signAll(vectors, dim, signatures);
  }

  public int dim() { return dim; }

  /** Row-major item vectors; row {@code i} is item i. Do not modify. */
  public float[] vectors() { return vectors; }

  /** SimHash signature per item (null without a hash). Do not modify. */
  public long[] signatures() { return signatures; }

  public SimHash hash() { return hash; }

  /** Inner product of item {@code item}'s vector with {@code q} (length d). */
  public float dot(int item, float[] q) {
    int o = item * dim;
    float s = 0;
    for (int j = 0; j < dim; j++) s += vectors[o + j] * q[j];
    return s;
  }

  /** Copies (and re-signs) the rows a step changed, when {@code changed} is the item table. */
  public void refresh(Param changed, int[] rows, int count) {
    if (changed != table) return;
    float[] src = table.values();
    for (int i = 0; i < count; i++) System.arraycopy(src, rows[i] * dim, vectors, rows[i] * dim, dim);
    if (saved != null) for (int i = 0; i < count; i++) pack(rows[i] * dim, (rows[i] + 1) * dim);
    if (hash != null) hash.signRows(vectors, dim, rows, count, signatures);
  }

  /** Copies every row (after parameters were loaded). */
  public void refreshAll() {
    System.arraycopy(table.values(), 0, vectors, 0, vectors.length);
    if (saved != null) pack(0, vectors.length);
    if (hash != null) hash.signAll(vectors, dim, signatures);
  }

  /**
   * Saves the snapshot with the model's checkpoints, as buffer {@code name} of {@code store} (float
   * bits, two per long; this doubles the snapshot's memory). A checkpoint written between an update
   * and the refresh of its rows (a run paused mid-epoch) then holds the snapshot retrieval was using,
   * which the parameters alone cannot give back; call {@link #restore} instead of {@link #refreshAll}
   * from {@link CtrModel#afterLoad} and a resumed run retrieves exactly as the uninterrupted one.
   * Call once, while declaring parameters.
   */
  public LiveItemVectors saveIn(ParamStore store, String name) {
    if (saved != null) throw new IllegalStateException("item vectors are already saved with checkpoints");
    saved = new long[(vectors.length + 1) / 2];
    pack(0, vectors.length);
    store.buffer(name, saved);
    return this;
  }

  /**
   * After a checkpoint was loaded: the snapshot from the buffer registered by {@link #saveIn} (and
   * its signatures); without {@link #saveIn}, {@link #refreshAll}.
   */
  public void restore() {
    if (saved == null) {
      refreshAll();
      return;
    }
    for (int i = 0; i < vectors.length; i++) vectors[i] = Float.intBitsToFloat((int) (saved[i >> 1] >>> ((i & 1) << 5)));
    if (hash != null) hash.signAll(vectors, dim, signatures);
  }

  private void pack(int from, int to) {
    for (int i = from; i < to; i++) {
      long bits = Float.floatToRawIntBits(vectors[i]) & 0xFFFFFFFFL;
      int shift = (i & 1) << 5;
      saved[i >> 1] = (saved[i >> 1] & ~(0xFFFFFFFFL << shift)) | (bits << shift);
    }
  }
}
