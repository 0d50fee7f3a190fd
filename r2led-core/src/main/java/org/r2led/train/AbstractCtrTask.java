package org.r2led.train;

import java.util.Locale;
import java.util.Map;
import org.r2led.config.Config;
import org.r2led.data.SampleSplit;
import org.r2led.io.Progress;
import org.r2led.model.Monitor;
import org.r2led.nn.Adam;
import org.r2led.nn.ParamStore;

/**
 * What every CTR task over a {@link TrainingSession} shares, whatever its batch type {@code B} (the
 * shards of one process's workers in {@link CtrTask}, or one replica's shard in a distributed job):
 * the model's parameters and optimizer, {@code ceil(train samples / batch_size)} batches per epoch in
 * the seeded permutation of {@link TrainingSession#permutation}, the session's pending embedding rows,
 * the epoch progress bar (in samples), and the validation record scored by the model's
 * {@link Monitor}. Subclasses prepare batches, take steps and compute validation metrics.
 *
 * @param <B> one global batch as the subclass prepares it
 */
public abstract class AbstractCtrTask<B> implements TrainTask<B> {
  protected final TrainingSession session;
  protected final SampleSplit train;
  protected final SampleSplit valid;
  /** Samples of a global batch (config key {@code batch_size}). */
  protected final int batchSize;
  /** Samples of an evaluation batch (config key {@code eval_batch_size}). */
  protected final int evalBatchSize;
  /** Whether this task draws progress on stderr. */
  protected final boolean progress;
  private final long seed;
  /** The permutation of {@link #orderEpoch} (used on the preparation thread only). */
  private int[] order;
  private int orderEpoch = -1;

  /** A task training {@code session} on {@code train}, validated on {@code valid}, with the batch sizes and seed of {@code cfg}. */
  protected AbstractCtrTask(TrainingSession session, Config cfg, SampleSplit train, SampleSplit valid, boolean progress) {
    this.session = session;
    this.train = train;
    this.valid = valid;
    this.batchSize = cfg.get(TrainKeys.BATCH_SIZE);
    this.evalBatchSize = cfg.get(TrainKeys.EVAL_BATCH_SIZE);
    this.seed = cfg.get(TrainKeys.SEED);
    this.progress = progress;
  }

  /** The seeded order of the training samples in {@code epoch} (the same array until the epoch changes). */
  protected final int[] order(int epoch) {
    if (epoch != orderEpoch) {
      order = TrainingSession.permutation(train.size(), seed, epoch);
      orderEpoch = epoch;
    }
    return order;
  }

  /**
   * Records validation metrics {@code m} in {@code st}'s history and scores them by the model's
   * monitored metric; the line is the one {@code train} logs.
   */
  protected final Validation validation(TrainState st, double trainLoss, SplitMetrics m) {
    st.history.add(new TrainState.EvalRecord(st.epoch, st.globalStep, st.learningRate, m.auc(), m.logloss(), m.gauc(), trainLoss));
    Monitor monitor = session.model().monitor();
    double score = monitor.score(switch (monitor) {
      case AUC -> m.auc();
      case GAUC -> m.gauc();
      case LOGLOSS -> m.logloss();
    });
    String line = String.format(Locale.ROOT, "step %d (epoch %d): train loss %.5f, valid %s", st.globalStep, st.epoch, trainLoss, m);
    return new Validation(score, monitor.toString(), line, "  * best");
  }

  @Override
  public String name() { return session.model().name(); }

  @Override
  public ParamStore params() { return session.model().params(); }

  @Override
  public Adam optimizer() { return session.optimizer(); }

  @Override
  public int batchesPerEpoch() { return (train.size() + batchSize - 1) / batchSize; }

  @Override
  public void afterStep() { session.finishStep(); }

  @Override
  public Map<String, int[]> pendingRows() { return session.pendingRows(); }

  @Override
  public void restorePendingRows(Map<String, int[]> rows) { session.setPendingRows(rows); }

  @Override
  public void afterLoad() { session.model().afterLoad(); }

  @Override
  public Progress epochProgress(int epoch, int epochs, int fromBatch) {
    return Trainer.progress(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs),
        train.size() - (long) fromBatch * batchSize, true);
  }
}
