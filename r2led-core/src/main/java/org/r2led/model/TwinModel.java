package org.r2led.model;

import org.r2led.nn.Param;
import org.r2led.retrieval.BilinearTopK;

/**
 * TWIN (Chang et al., 2023), consistency-preserved retrieval. Retrieval ({@link BilinearTopK}): the
 * score of a behavior is the long-term target attention's own query–key logit, computed cheaply from
 * the live item ID embeddings: {@code score_i = (e_v W_q)·(e_i W_k)} summed over heads, with
 * {@code W_q, W_k} the refinement attention's projections ({@code long_attention.wq/.wk}), i.e.
 * {@code r = e_vᵀ A}, {@code score_i = r·e_i} with the snapshot {@code A = W_q W_kᵀ} (d×d); the
 * {@code topk} best of the history capped at {@code max_seq_len} are kept, ties → more recent.
 * O(d² + T·d) per target (T the capped history). Refinement: multi-head target attention over them,
 * plus the short-term DIN ({@link LongShortHead}); O(topk·d·a) per target.
 *
 * <p>Retrieval reads only snapshots taken on the training thread ({@link #afterUpdate},
 * {@link #afterLoad}): the item vectors ({@link LiveItemVectors}) and {@code A}; both are saved with
 * checkpoints (buffers {@code twin_item_vectors}, {@code twin_score_matrix}), so a resumed run
 * retrieves exactly as the uninterrupted one.
 */
public final class TwinModel extends LongShortModel {
  public static final ModelSpec SPEC = new ModelSpec("twin",
      "TWIN: top-topk by the target attention's own query-key logit on live ID embeddings, multi-head target attention",
      KEYS, TwinModel::new);

  private final Param wq;
  private final Param wk;
  private final int attDim;
  /** {@code W_q W_kᵀ} of the long attention (group 0), row-major (d, d); read by retrieval. */
  private final float[] scoreMatrix;
  /** Its float bits, saved with checkpoints. */
  private final long[] savedMatrix;

  private TwinModel(ModelContext ctx) {
    super(ctx, 1);
    int d = dim();
    this.wq = params().get("long_attention.wq");
    this.wk = params().get("long_attention.wk");
    this.attDim = ctx.config().get(ModelKeys.ATTENTION_DIM);
    this.scoreMatrix = new float[d * d];
    this.savedMatrix = new long[d * d];
    params().buffer("twin_score_matrix", savedMatrix);
    LiveItemVectors live =
        live(new LiveItemVectors(encoder().embeddings().itemTable(), null).persistIn(params(), "twin_item_vectors", true));
    refreshScoreMatrix();
    int topk = ctx.config().get(ModelKeys.TOPK);
    ThreadLocal<BilinearTopK> sel = ThreadLocal.withInitial(BilinearTopK::new);
    ThreadLocal<int[]> buf = ThreadLocal.withInitial(() -> new int[topk]);
    retrieve((h, targetItem, targetCategory, targetTs, out) -> {
      int[] pos = buf.get();
      int n = sel.get().select(h.items(), 0, h.length(), targetItem, live.vectors(), d, scoreMatrix, topk, pos);
      out.addAll(0, pos, null, n);
    });
  }

  private void refreshScoreMatrix() {
    BilinearTopK.product(wq.values(), wk.values(), dim(), attDim, scoreMatrix);
    for (int i = 0; i < scoreMatrix.length; i++) savedMatrix[i] = Float.floatToRawIntBits(scoreMatrix[i]);
  }

  /** The retrieval snapshot of {@code W_q W_kᵀ} (for tests). */
  float[] scoreMatrix() { return scoreMatrix; }

  @Override
  public void afterUpdate(Param table, int[] rows, int count) {
    if (table != encoder().embeddings().itemTable()) return;
    super.afterUpdate(table, rows, count);
    refreshScoreMatrix(); // the dense projections change every step; once per step (with the item table)
  }

  @Override
  public void afterLoad() { // the snapshots as saved (a pause may fall between an update and its refresh)
    super.afterLoad();
    for (int i = 0; i < scoreMatrix.length; i++) scoreMatrix[i] = Float.intBitsToFloat((int) savedMatrix[i]);
  }
}
