package org.r2led.seqrec;

import ai.djl.ndarray.NDArray;
import org.r2led.nn.Gru;
import org.r2led.nn.Linear;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;

/**
 * GRU4Rec (Hidasi et al. 2016, in its later sequence-to-sequence form): dropout on the item tokens, one GRU
 * layer with hidden size {@code d}, then a linear output map {@code d → d}; the output after item {@code t}
 * scores item {@code t+1}. The output map frees the scores' scale from the GRU state's tanh range, which
 * otherwise only growing item embeddings can supply (as RecBole's GRU4Rec, whose {@code dense} layer this is).
 */
final class Gru4RecBackbone implements Backbone {
  private final Gru gru;
  private final Linear output;
  private final double dropout;

  Gru4RecBackbone(ParamStore store, int dim, double dropout) {
    this.gru = new Gru(store, "gru4rec.gru", dim, dim);
    this.output = new Linear(store, "gru4rec.out", dim, dim, true);
    this.dropout = dropout;
  }

  @Override
  public boolean cloze() { return false; }

  @Override
  public NDArray forward(Step s, NDArray tokens, NDArray mask) {
    return output.forward(s, gru.forward(s, s.dropout(tokens, dropout), mask));
  }
}
