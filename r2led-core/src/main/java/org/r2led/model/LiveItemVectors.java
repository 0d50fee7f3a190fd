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
 * changed, and {@link #refreshAll} from {@link CtrModel#afterLoad} — or, for a bit-exact
 * {@code --resume}, {@link #persistIn} at construction and {@link #afterLoad} from
 * {@link CtrModel#afterLoad}.
 */
public final class LiveItemVectors {
  private final Param table;
  private final int dim;
  private final float[] vectors;
  private final SimHash hash;
  private final long[] signatures;
  /** With {@link #persistIn} (vectors): the snapshot's float bits, two per long (saved with checkpoints). */
  private long[] saved;
  private boolean savedSignatures;

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
    if (saved != null) {
      for (int i = 0; i < count; i++) for (int o = rows[i] * dim, e = o + dim; o < e; o++) pack(o);
    }
    if (hash != null) hash.signRows(vectors, dim, rows, count, signatures);
  }

  /** Copies every row (after parameters were loaded). */
  public void refreshAll() {
    System.arraycopy(table.values(), 0, vectors, 0, vectors.length);
    if (saved != null) for (int o = 0; o < vectors.length; o++) pack(o);
    if (hash != null) hash.signAll(vectors, dim, signatures);
  }

  /**
   * Saves this snapshot with the model's checkpoints (as buffer {@code name} of {@code store}), so
   * that {@link #afterLoad} restores exactly the snapshot a run had when it was checkpointed. The
   * trainer refreshes a step's rows only after the next batch was prepared, so at a pause the
   * snapshot still lacks the last step's rows; restoring it (instead of {@link #refreshAll}) makes
   * {@code --resume} repeat an uninterrupted run bit for bit. Call once, at model construction.
   *
   * @param withVectors save the vectors (a buffer of {@code rows·d/2} longs, as large as the snapshot)
   *     for rules that read them (SIM soft); false saves only the signatures ({@code rows} longs; needs
   *     a hash) for rules that read only signatures (ETA)
   * @return this
   */
  public LiveItemVectors persistIn(ParamStore store, String name, boolean withVectors) {
    if (saved != null || savedSignatures) throw new IllegalStateException("snapshot already persisted");
    if (withVectors) {
      saved = new long[(vectors.length + 1) / 2];
      for (int o = 0; o < vectors.length; o++) pack(o);
      store.buffer(name, saved);
    } else {
      if (hash == null) throw new IllegalArgumentException("persisting signatures needs a SimHash");
      store.buffer(name, signatures);
      savedSignatures = true;
    }
    return this;
  }

  /**
   * After parameters (and buffers) were loaded from a checkpoint: restores the persisted snapshot
   * ({@link #persistIn}); without persistence (or for the vectors when only signatures are
   * persisted) copies every row from the table.
   */
  public void afterLoad() {
    if (saved != null) {
      for (int o = 0; o < vectors.length; o++) {
        long w = saved[o >> 1];
        vectors[o] = Float.intBitsToFloat((o & 1) == 0 ? (int) w : (int) (w >>> 32));
      }
      if (hash != null) hash.signAll(vectors, dim, signatures);
    } else if (savedSignatures) {
      System.arraycopy(table.values(), 0, vectors, 0, vectors.length); // signatures come from the checkpoint
    } else {
      refreshAll();
    }
  }

  private void pack(int o) {
    long bits = Float.floatToRawIntBits(vectors[o]) & 0xFFFFFFFFL;
    int i = o >> 1;
    saved[i] = (o & 1) == 0 ? (saved[i] & 0xFFFFFFFF00000000L) | bits : (saved[i] & 0xFFFFFFFFL) | (bits << 32);
  }
}
