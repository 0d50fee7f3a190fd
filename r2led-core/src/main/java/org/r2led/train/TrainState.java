package org.r2led.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Mutable progress of a training run, saved in checkpoints so {@code --resume} continues exactly:
 * the data position (epoch and next batch within its seeded permutation), optimizer step count,
 * current learning rate and early-stopping counters. {@link TrainingLoop} keeps it for every task.
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
  /** Sum and count of the training losses of the current epoch so far (its running mean survives a resume). */
  public double epochLossSum;
  public long epochLossCount;
  public long samplesTrained;
  public double trainSeconds;
  public boolean stopped;
  /** CTR validation results (AUC, LogLoss, GAUC), as {@code metrics.json} lists them. */
  public List<EvalRecord> history = new ArrayList<>();
  /** Every task's validations: the monitored score, the mean training loss and the wall time since the previous one. */
  public List<Score> scores = new ArrayList<>();
  /** Rows updated by the last step whose model hooks (signature refresh) have not run yet, by table. */
  public java.util.Map<String, int[]> pendingRows = new java.util.LinkedHashMap<>();

  /**
   * One validation of any task.
   *
   * @param epoch epochs completed when it ran
   * @param score the monitored validation metric, higher is better
   * @param seconds wall time since the previous validation (training and this validation)
   */
  public record Score(int epoch, long step, double trainLoss, double score, double seconds) {}

  /** One validation result. */
  public record EvalRecord(int epoch, long step, double learningRate, double auc, double logloss, double gauc,
      double trainLoss) {}
}
