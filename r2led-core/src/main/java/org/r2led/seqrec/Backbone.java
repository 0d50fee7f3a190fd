package org.r2led.seqrec;

import ai.djl.ndarray.NDArray;
import org.r2led.nn.Step;

/**
 * A sequence encoder over item-token embeddings: tokens {@code (B, L, d)} (left-padded, the most recent
 * item last) with mask {@code (B, L)} (1 = item, 0 = padding) → states {@code (B, L, d)}; the state at
 * position {@code t} scores the item at {@code t+1} (causal backbones) or the item hidden at {@code t}
 * (cloze backbones, BERT4Rec). {@link Backbones} registers them by name.
 */
public interface Backbone {
  NDArray forward(Step s, NDArray tokens, NDArray mask);

  /** True for the cloze (masked-item) task, false for next-item prediction at every position. */
  boolean cloze();
}
