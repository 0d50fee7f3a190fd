package org.r2led.train;

import java.util.Map;
import org.r2led.io.Progress;
import org.r2led.nn.Adam;
import org.r2led.nn.ParamStore;

/**
 * What {@link TrainingLoop} trains: a task's batches, training step, validation metric, and the
 * parameters and optimizer its checkpoints hold. The CTR, retrieval and sequential tasks implement it.
 *
 * <p>Determinism: {@link #batch} is called on one preparation thread in (epoch, index) order, each
 * batch once, while the previous step trains; a batch must depend only on the run's seed and its
 * position, so a resumed run (which asks for its first batch directly) gets the batches of the
 * uninterrupted one.
 *
 * @param <B> a prepared batch (Java arrays; tensors are created by {@link #trainStep})
 */
public interface TrainTask<B> {
  /** The model name recorded in checkpoint headers. */
  String name();

  /** The trained parameters (and buffers), as checkpoints save them. */
  ParamStore params();

  /** The optimizer whose moments and step count checkpoints save. */
  Adam optimizer();

  /** Optimizer steps of every epoch (at least 1). */
  int batchesPerEpoch();

  /** Prepares batch {@code index} of epoch {@code epoch} (both 0-based). */
  B batch(int epoch, int index);

  /** Examples in {@code batch} (samples, sequences), counted by the throughput. */
  int size(B batch);

  /** What one batch adds to the epoch's progress bar (default: its {@link #size}). */
  default long progressUnits(B batch) { return size(batch); }

  /**
   * One optimizer step on {@code batch} at learning rate {@code lr}; {@code step} is the number of steps
   * taken before it (seeds dropout). Returns the batch's loss; fails when it is not finite.
   */
  float trainStep(B batch, double lr, long step);

  /** Lets the model react to the last update (called while no batch is being prepared). */
  default void afterStep() {}

  /** Rows of the last update not yet passed to {@link #afterStep}, by table (saved in mid-epoch checkpoints). */
  default Map<String, int[]> pendingRows() { return Map.of(); }

  /** Restores rows saved by {@link #pendingRows} after a resume. */
  default void restorePendingRows(Map<String, int[]> rows) {}

  /** Called after parameters were read from a checkpoint (e.g. to refresh derived tables). */
  default void afterLoad() {}

  /** Validates the current parameters; {@code state} is the run's (a task may record its own history there). */
  Validation validate(TrainState state, double trainLoss);

  /**
   * The progress bar of epoch {@code epoch} (0-based) of {@code epochs}, from batch {@code fromBatch}
   * on; it counts {@link #progressUnits}.
   */
  Progress epochProgress(int epoch, int epochs, int fromBatch);

  /**
   * A validation's outcome.
   *
   * @param score the monitored metric oriented so that higher is better
   * @param monitor the metric's name, for the early-stopping message
   * @param line the log line of this validation, or null for none
   * @param bestMark appended to {@code line} when the validation is the best so far
   */
  record Validation(double score, String monitor, String line, String bestMark) {}
}
