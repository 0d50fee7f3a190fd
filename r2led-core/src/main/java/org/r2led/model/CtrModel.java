package org.r2led.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.r2led.nn.Losses;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Profile;
import org.r2led.nn.Step;

/**
 * A CTR model: declares its parameters in a {@link ParamStore}, builds a batch's Java-side inputs
 * (its retrieval rule, through the shared {@link TokenBatchBuilder}), and runs the forward pass to
 * logits. Loss and monitored metric are hooks with BCE / AUC defaults.
 *
 * <p>Threading: {@link #prepare} runs on a batch-preparation thread concurrently with the training
 * step of the previous batch; it may read the dataset and model state that only changes in
 * {@link #afterUpdate} (which the trainer never runs concurrently with {@code prepare}), never the
 * parameter values. {@link #forward} and {@link #afterUpdate} run on the training thread.
 */
public interface CtrModel {
  /** Registry name (of the spec or preset it was created from). */
  String name();

  ParamStore params();

  /** Java-side inputs of a batch of samples. */
  TokenBatch prepare(SampleSource samples);

  /**
   * The most recent history events a sample's batch reads (its selector's window): a history cut to
   * its last {@code historyWindow()} events gives the same batch. Unbounded by default.
   */
  default int historyWindow() { return Integer.MAX_VALUE; }

  /** Logits {@code (B)}. */
  NDArray forward(Step step, TokenBatch batch);

  /**
   * Click probabilities {@code σ(logit)} of a batch, length B: one forward pass in its own evaluation
   * {@link Step} (own NDManager, no gradient), so concurrent callers do not share native state.
   * Evaluation and serving both score through here.
   */
  default float[] probabilities(TokenBatch batch) {
    try (Step s = new Step(false)) {
      long t = Profile.start();
      NDArray logits = forward(s, batch);
      Profile.stop("forward", t);
      t = Profile.start();
      float[] p = Activation.sigmoid(logits).toFloatArray();
      Profile.stop("forward.readback", t);
      return p;
    }
  }

  /** Training loss (scalar) of the logits; mean binary cross-entropy by default. */
  default NDArray loss(Step step, NDArray logits, TokenBatch batch) {
    return Losses.bceWithLogits(logits, batch.labels(step));
  }

  /** Validation metric for early stopping and the best checkpoint; AUC by default. */
  default Monitor monitor() { return Monitor.AUC; }

  /**
   * Called once per sparse table after an optimizer update, with the rows that update changed
   * ({@code rows[0..count)}), e.g. to refresh SimHash signatures. The trainer calls it after the
   * next batch was prepared, so it never runs concurrently with {@link #prepare}.
   */
  default void afterUpdate(Param table, int[] rows, int count) {}

  /** Called after parameters were loaded from a checkpoint or changed wholesale. */
  default void afterLoad() {}

  /**
   * Declares the parameters final for evaluation or serving: the model may precompute values that
   * depend on parameters alone (e.g. R2LED's SID-fused item embeddings) and use them in evaluation
   * steps; {@link #afterLoad} and {@link #afterUpdate} drop them. {@code evaluate}, {@code export}
   * and serving call it after loading a checkpoint, so they score through the same path. Does
   * nothing by default.
   */
  default void freeze() {}
}
