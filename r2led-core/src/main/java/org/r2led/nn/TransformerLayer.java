package org.r2led.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * One pre-norm transformer encoder layer: {@code x + Drop(MHA(LN(x)))}, then
 * {@code x + Drop(W2 GELU(W1 LN(x)))} with a feed-forward width of {@code ffnDim}. x {@code (B, L, d)},
 * mask broadcastable to {@code (B, L, L)} (key padding, causality) → {@code (B, L, d)}.
 */
public final class TransformerLayer {
  private final LayerNorm ln1;
  private final LayerNorm ln2;
  private final MultiHeadAttention attention;
  private final Linear ff1;
  private final Linear ff2;
  private final double dropout;

  public TransformerLayer(ParamStore store, String name, int dim, int heads, int ffnDim, double dropout) {
    this.ln1 = new LayerNorm(store, name + ".ln1", dim);
    this.ln2 = new LayerNorm(store, name + ".ln2", dim);
    this.attention = new MultiHeadAttention(store, name + ".att", dim, dim, dim, heads, dim);
    this.ff1 = new Linear(store, name + ".ff1", dim, ffnDim, true);
    this.ff2 = new Linear(store, name + ".ff2", ffnDim, dim, true);
    this.dropout = dropout;
  }

  public NDArray forward(Step s, NDArray x, NDArray mask) {
    NDArray h = ln1.forward(s, x);
    x = x.add(s.dropout(attention.forward(s, h, h, mask), dropout));
    NDArray f = ff2.forward(s, s.dropout(Activation.gelu(ff1.forward(s, ln2.forward(s, x))), dropout));
    return x.add(s.dropout(f, dropout));
  }
}
