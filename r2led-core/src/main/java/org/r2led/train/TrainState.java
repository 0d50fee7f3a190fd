package org.r2led.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Mutable progress of a training run, saved in checkpoints so {@code --resume} continues exactly:
 * the data position (epoch and next batch within its seeded permutation), optimizer step count,
 * current learning rate and early-stopping counters.
 */
public final class TrainState {
  public int epoch;
  public int nextBatch;
  public long globalStep;
  /** Step of the last validation (eval_steps counts from there, so an epoch-end evaluation resets it). */
  public long lastEvalStep;
  public double learningRate;
  /** Best monitored validation score so far (the model's {@code monitor()}, higher is better; named for compatibility). */
  public double bestValidAuc = Double.NEGATIVE_INFINITY;
  public long bestStep = -1;
  public int badEvals;
  public int lrBadEvals;
  public long samplesTrained;
  public double trainSeconds;
  public boolean stopped;
  public List<EvalRecord> history = new ArrayList<>();
  /** Rows updated by the last step whose model hooks (signature refresh) have not run yet, by table. */
  public java.util.Map<String, int[]> pendingRows = new java.util.LinkedHashMap<>();

  /** One validation result. */
  public record EvalRecord(int epoch, long step, double learningRate, double auc, double logloss, double gauc,
      double trainLoss) {}
}
