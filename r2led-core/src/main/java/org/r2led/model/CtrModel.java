package org.r2led.model;

import ai.djl.ndarray.NDArray;
import org.r2led.data.SampleSplit;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;

/**
 * A CTR model: declares its parameters in a {@link ParamStore}, builds the Java-side inputs of a
 * batch from prepared samples (including any retrieval), and runs the forward pass to logits.
 *
 * <p>Threading: {@link #prepare} runs on a batch-preparation thread concurrently with the training
 * step of the previous batch; it may read the dataset and model state that only changes in
 * {@link #afterUpdate} (which the trainer never runs concurrently with {@code prepare}), never the
 * parameter values. {@link #forward} and {@link #afterUpdate} run on the training thread.
 */
public interface CtrModel {
  /** Registry name. */
  String name();

  ParamStore params();

  /** Java-side inputs of the samples {@code order[from..to)} of {@code split}. */
  ModelBatch prepare(SampleSplit split, int[] order, int from, int to);

  /** Logits {@code (B)}. */
  NDArray forward(Step step, ModelBatch batch);

  /**
   * Called once per sparse table after an optimizer update, with the rows that update changed
   * ({@code rows[0..count)}), e.g. to refresh SimHash signatures. The trainer calls it after the
   * next batch was prepared, so it never runs concurrently with {@link #prepare}.
   */
  default void afterUpdate(Param table, int[] rows, int count) {}

  /** Called after parameters were loaded from a checkpoint or changed wholesale. */
  default void afterLoad() {}
}
