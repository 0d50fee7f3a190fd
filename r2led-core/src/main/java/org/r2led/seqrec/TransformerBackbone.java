package org.r2led.seqrec;

import ai.djl.ndarray.NDArray;
import org.r2led.nn.LayerNorm;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;
import org.r2led.nn.TransformerLayer;

/**
 * SASRec (Kang &amp; McAuley 2018; causal self-attention, next-item at every position) or BERT4Rec
 * (Sun et al. 2019; bidirectional, cloze task): tokens plus learned position embeddings, dropout,
 * {@code num_blocks} pre-norm transformer layers ({@link TransformerLayer}, feed-forward width {@code 4d})
 * and a final layer norm. Attention never reads padding; SASRec also never reads later positions.
 */
final class TransformerBackbone implements Backbone {
  private final Param positions;
  private final TransformerLayer[] layers;
  private final LayerNorm norm;
  private final double dropout;
  private final boolean causal;
  private final int maxLen;

  TransformerBackbone(ParamStore store, String name, int dim, int maxLen, int blocks, int heads, double dropout, boolean causal) {
    this.positions = store.denseTable(name + ".pos", maxLen, dim, 0.02);
    this.layers = new TransformerLayer[blocks];
    for (int b = 0; b < blocks; b++) layers[b] = new TransformerLayer(store, name + ".block" + b, dim, heads, 4 * dim, dropout);
    this.norm = new LayerNorm(store, name + ".norm", dim);
    this.dropout = dropout;
    this.causal = causal;
    this.maxLen = maxLen;
  }

  @Override
  public boolean cloze() { return !causal; }

  @Override
  public NDArray forward(Step s, NDArray tokens, NDArray mask) {
    long b = tokens.getShape().get(0);
    int len = (int) tokens.getShape().get(1);
    if (len > maxLen) throw new IllegalArgumentException("sequence length " + len + " exceeds max_seq_len " + maxLen);
    NDArray pos = s.p(positions).get("{}:", maxLen - len);                       // right-aligned positions
    NDArray x = s.dropout(tokens.add(pos), dropout).mul(mask.expandDims(-1));
    NDArray att = mask.reshape(b, 1, len);                                        // key padding (B,1,L)
    if (causal) att = att.mul(s.floats(lowerTriangle(len), 1, len, len));         // (B,L,L)
    for (TransformerLayer l : layers) x = l.forward(s, x, att).mul(mask.expandDims(-1));
    return norm.forward(s, x);
  }

  private static float[] lowerTriangle(int n) {
    float[] m = new float[n * n];
    for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) m[i * n + j] = 1f;
    return m;
  }
}
