package org.r2led.recall.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.r2led.data.Split;
import org.r2led.io.FileTrees;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nextitem.UserSequence;
import org.r2led.config.Config;
import org.r2led.recall.RecallKeys;
import org.r2led.train.Convergence;
import org.r2led.train.TrainState;
import org.r2led.train.TrainingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link NeuralRecall} model on the next-item task: the {@link TrainingLoop} on the
 * {@link RecallTask} (per epoch the most recent {@code max_train_per_user} training targets of every
 * user, shuffled by seed; Adam with row-sparse updates for the tables, gradients clipped to
 * {@code grad_clip_norm}; after every epoch validation NDCG@50 over the full catalog with exact search),
 * keeping the best epoch's parameters, stopping after {@code patience} epochs without improvement, not
 * before {@code min_steps} optimizer steps (which also raise the epoch limit), pausing at
 * {@code max_steps}. Checkpoints go where the caller says, so a killed or paused run resumes exactly.
 */
public final class RecallTrainer {
  private static final Logger log = LoggerFactory.getLogger(RecallTrainer.class);

  private RecallTrainer() {}

  /** Per-epoch validation figures, immutable. */
  public record EpochLog(int epoch, double loss, double validNdcg50, double seconds) {}

  /**
   * The epoch logs of a training run and how it ended.
   *
   * @param paused {@code max_steps} paused the run ({@code --resume} continues it)
   */
  public record Result(List<EpochLog> epochs, Convergence convergence, boolean paused) {
    public Result {
      epochs = List.copyOf(epochs);
    }
  }

  /** Trains {@code model} in place (the best epoch's parameters are loaded at the end), with checkpoints in a temporary directory. */
  public static Result train(NeuralRecall model, NextItemData data, Config cfg, boolean showProgress) {
    Path dir;
    try {
      dir = Files.createTempDirectory("r2led-recall-train");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary checkpoint directory", e);
    }
    try {
      return train(model, data, cfg, new TrainingLoop.Checkpoints(dir.resolve("best.ckpt"), dir.resolve("last.ckpt")), false,
          showProgress);
    } finally {
      try {
        FileTrees.delete(dir);
      } catch (IOException e) {
        log.warn("cannot remove temporary checkpoints " + dir + ": " + e.getMessage());
      }
    }
  }

  /**
   * Trains {@code model} in place with checkpoints at {@code files}, from the last one when {@code resume};
   * the best epoch's parameters are loaded at the end and the item index built from them.
   */
  public static Result train(NeuralRecall model, NextItemData data, Config cfg, TrainingLoop.Checkpoints files,
      boolean resume, boolean showProgress) {
    List<NextItemExample> train = trainingExamples(data, cfg.get(RecallKeys.MAX_TRAIN_PER_USER));
    if (train.isEmpty()) throw new IllegalArgumentException("dataset " + data.source() + " has no training targets");
    RecallTask task = new RecallTask(model, train, data.examples(Split.VALID), cfg, showProgress);
    TrainState st;
    if (resume) {
      st = TrainingLoop.resume(task, files.last());
      log.info(String.format(Locale.ROOT, "resuming %s at epoch %d, batch %d (step %d)", model.name(), st.epoch + 1, st.nextBatch,
          st.globalStep));
    } else {
      st = TrainingLoop.fresh(cfg.get(RecallKeys.LEARNING_RATE));
    }
    boolean paused = TrainingLoop.run(task, RecallKeys.schedule(cfg), files, st, showProgress);
    if (Files.isRegularFile(files.best())) TrainingLoop.loadBest(task, files.best());
    model.afterTraining();
    Convergence conv = TrainingLoop.convergence(st, task.batchesPerEpoch(), paused);
    if (showProgress) log.info(model.name() + ": " + conv.describe());
    List<EpochLog> logs = new ArrayList<>();
    for (TrainState.Score s : st.scores) logs.add(new EpochLog(s.epoch(), s.trainLoss(), s.score(), s.seconds()));
    return new Result(logs, conv, paused);
  }

  /** The most recent {@code maxPerUser} training targets of every user, in user order. */
  public static List<NextItemExample> trainingExamples(NextItemData data, int maxPerUser) {
    List<NextItemExample> out = new ArrayList<>();
    for (UserSequence s : data.sequences()) {
      for (int p = Math.max(1, s.trainLength() - maxPerUser); p < s.trainLength(); p++) out.add(new NextItemExample(s, p));
    }
    return out;
  }
}
