package org.r2led.seqrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.r2led.config.Config;
import org.r2led.nn.Gather;
import org.r2led.nn.Losses;
import org.r2led.nn.Masks;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Scalars;
import org.r2led.nn.Step;

/**
 * A sequential recommender: item representations {@code E (N+2, d)} (row 0 padding, rows 1..N the items,
 * row N+1 BERT4Rec's [MASK]) feed a {@link Backbone}; an item's score is the dot product of a sequence
 * state with its row of {@code E} (input and output embeddings tied). Plain: {@code E} = the ID table.
 * DMESR: {@code E_i = id_i + s_i} with {@code s} the fused dual-view semantics ({@link DualViewFusion}),
 * plus the alignment loss. Training: sampled softmax over the target and {@code num_negatives} uniform
 * negatives shared by the batch (a negative equal to the target is masked).
 */
public final class SeqRecModel implements AutoCloseable {
  private final ParamStore store;
  private final Param itemTable;
  private final Backbone backbone;
  private final DualViewFusion fusion;
  private final int numItems;
  private final int maxLen;
  private final boolean alignment;
  private final float alignmentWeight;
  private final float temperature;
  private final int alignmentItems;
  private final boolean fullSoftmax;

  /** @param views the item views (required when {@code enhance = dmesr}, ignored otherwise) */
  public SeqRecModel(Config cfg, int numItems, ItemViews views) {
    this.store = new ParamStore(cfg.get(SeqRecKeys.SEED));
    this.numItems = numItems;
    this.maxLen = cfg.get(SeqRecKeys.MAX_SEQ_LEN);
    int d = cfg.get(SeqRecKeys.EMBEDDING_DIM);
    this.itemTable = store.denseTable("item.id", numItems + 2, d, 0.02);
    this.backbone = Backbones.create(store, cfg);
    boolean dmesr = cfg.get(SeqRecKeys.ENHANCE).equals("dmesr");
    if (dmesr && views == null) throw new IllegalArgumentException("enhance = dmesr needs item views; none given");
    if (dmesr && views.numItems() != numItems) {
      throw new IllegalArgumentException("item views cover " + views.numItems() + " items; the data has " + numItems);
    }
    ItemViews v = dmesr ? new ItemViews(views.numItems(), views.coarse(), FinePca.reduce(views.fine(), cfg.get(SeqRecKeys.FINE_DIM))) : null;
    this.fusion = dmesr ? new DualViewFusion(store, "dmesr", v, d, cfg.get(SeqRecKeys.ATTENTION_DIM),
        cfg.get(SeqRecKeys.FUSION), cfg.get(SeqRecKeys.MAX_FINE_TOKENS)) : null;
    if (fusion != null && cfg.get(SeqRecKeys.SEMANTICS_INIT).equals("zero")) java.util.Arrays.fill(fusion.outputWeight().values(), 0f);
    this.alignment = dmesr && cfg.get(SeqRecKeys.ALIGNMENT) && views.coarse().size() >= 2;
    this.alignmentWeight = cfg.get(SeqRecKeys.ALIGNMENT_WEIGHT).floatValue();
    this.temperature = cfg.get(SeqRecKeys.TEMPERATURE).floatValue();
    this.alignmentItems = cfg.get(SeqRecKeys.ALIGNMENT_ITEMS);
    this.fullSoftmax = cfg.get(SeqRecKeys.LOSS).equals("ce");
  }

  /** Most logits a {@code loss = ce} step may hold: 2^28 floats, 1 GiB (twice that with their gradient). */
  static final long MAX_CE_LOGITS = 1L << 28;

  /**
   * Refuses, before training, a full-catalog softmax whose logits ({@code batch_size × max_seq_len × items}) would
   * not fit. Training only: evaluating a trained run never builds these logits.
   */
  static void checkFullSoftmaxSize(int batchSize, int maxLen, int numItems) {
    long logits = (long) batchSize * maxLen * numItems;
    if (logits > MAX_CE_LOGITS) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "loss = ce needs up to %,d logits a step (batch_size %d x max_seq_len %d x %,d items), more than the %,d "
              + "(1 GiB) allowed: set loss=sampled (num_negatives uniform negatives) for a catalog this large, or lower "
              + "batch_size or max_seq_len", logits, batchSize, maxLen, numItems, MAX_CE_LOGITS));
    }
  }

  public ParamStore params() { return store; }

  public boolean cloze() { return backbone.cloze(); }

  public int numItems() { return numItems; }

  /** Id of BERT4Rec's [MASK] token. */
  public int maskId() { return numItems + 1; }

  public int maxLen() { return maxLen; }

  /** Whether the alignment loss is active (DMESR with alignment on and at least two coarse views). */
  public boolean aligns() { return alignment; }

  /** Item representations and, for DMESR, the projected coarse views. */
  private record ItemSide(NDArray e, NDArray coarse) {}

  private ItemSide itemSide(Step s) {
    NDArray id = s.p(itemTable);
    if (fusion == null) return new ItemSide(id, null);
    NDArray c = fusion.coarseViews(s);
    NDArray sem = fusion.semantics(s, c);                                              // (N+1,d)
    NDArray pad = s.floats(new float[(int) sem.getShape().get(1)], 1, sem.getShape().get(1));
    return new ItemSide(id.add(NDArrays.concat(new NDList(sem, pad), 0)), c);
  }

  /**
   * The mean training loss of a batch: {@code loss = sampled}, softmax over the target and the batch's negatives;
   * {@code loss = ce}, softmax over every item {@code 1..N} (the batch's negatives unused); plus the weighted
   * alignment loss.
   */
  public NDArray loss(Step s, TrainBatch b) {
    ItemSide side = itemSide(s);
    NDArray e = side.e();
    long d = e.getShape().get(1);
    NDArray tok = Gather.rows(s, e, s.ints(b.inputs(), b.size(), b.length()));               // (B,L,d)
    NDArray h = backbone.forward(s, tok, s.floats(b.mask(), b.size(), b.length()));
    int[] at = b.targetPositions();
    int[] tg = b.targetItems();
    NDArray hp = Gather.rows(s, h.reshape((long) b.size() * b.length(), d), s.ints(at, at.length));  // (P,d)
    NDArray pos = hp.mul(Gather.rows(s, e, s.ints(tg, tg.length))).sum(new int[] {1}, true);        // (P,1)
    NDArray loss = fullSoftmax ? Losses.softmaxCrossEntropy(hp.matMul(e.get("1:{}", numItems + 1).transpose()), pos)
        : sampledSoftmax(s, e, hp, pos, tg, b.negatives());
    if (alignment) {
      NDArray a = fusion.alignment(s, side.coarse(), b.alignmentItems(alignmentItems), temperature);
      if (a != null) loss = loss.add(Scalars.mul(a, alignmentWeight));
    }
    return loss;
  }

  /** Softmax over each target and the shared negatives {@code neg} (a negative equal to the target masked). */
  private static NDArray sampledSoftmax(Step s, NDArray e, NDArray hp, NDArray pos, int[] tg, int[] neg) {
    NDArray negScores = hp.matMul(Gather.rows(s, e, s.ints(neg, neg.length)).transpose());          // (P,K)
    float[] hits = new float[tg.length * neg.length];
    for (int p = 0; p < tg.length; p++) for (int k = 0; k < neg.length; k++) if (neg[k] == tg[p]) hits[p * neg.length + k] = Masks.NEG;
    negScores = negScores.add(s.floats(hits, tg.length, neg.length));
    NDArray logits = NDArrays.concat(new NDList(pos, negScores), 1);
    return logits.logSoftmax(1).get(":, 0").neg().mean();
  }

  /**
   * Scores of every item (index = dense item, column 0 the padding) as the next item after each history,
   * {@code (B, N+1)}. Histories are the most recent items, oldest first.
   */
  public float[][] scores(Step s, int[][] histories) {
    int len = maxLen;
    int keep = cloze() ? len - 1 : len;
    int bsz = histories.length;
    int[] in = new int[bsz * len];
    float[] mask = new float[bsz * len];
    for (int r = 0; r < bsz; r++) {
      int[] hst = histories[r];
      int n = Math.min(keep, hst.length);
      int end = cloze() ? len - 1 : len;
      for (int j = 0; j < n; j++) {
        in[r * len + end - n + j] = hst[hst.length - n + j];
        mask[r * len + end - n + j] = 1f;
      }
      if (cloze()) {
        in[r * len + len - 1] = maskId();
        mask[r * len + len - 1] = 1f;
      }
    }
    NDArray e = itemSide(s).e();
    NDArray tok = Gather.rows(s, e, s.ints(in, bsz, len));
    NDArray h = backbone.forward(s, tok, s.floats(mask, bsz, len)).get(":, {}, :", len - 1);    // (B,d)
    float[] flat = h.matMul(e.get("0:{}", numItems + 1).transpose()).toFloatArray();
    float[][] out = new float[bsz][];
    for (int r = 0; r < bsz; r++) out[r] = java.util.Arrays.copyOfRange(flat, r * (numItems + 1), (r + 1) * (numItems + 1));
    return out;
  }

  @Override
  public void close() { if (fusion != null) fusion.close(); }
}
