package org.r2led.seqrec;

import ai.djl.ndarray.NDArray;
import org.r2led.nn.Gru;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;

/**
 * GRU4Rec (Hidasi et al. 2016, in its later sequence-to-sequence form with sampled softmax): dropout on the
 * item tokens, one GRU layer with hidden size {@code d}; the state after item {@code t} scores item {@code t+1}.
 */
final class Gru4RecBackbone implements Backbone {
  private final Gru gru;
  private final double dropout;

  Gru4RecBackbone(ParamStore store, int dim, double dropout) {
    this.gru = new Gru(store, "gru4rec.gru", dim, dim);
    this.dropout = dropout;
  }

  @Override
  public boolean cloze() { return false; }

  @Override
  public NDArray forward(Step s, NDArray tokens, NDArray mask) {
    return gru.forward(s, s.dropout(tokens, dropout), mask);
  }
}
