package org.r2led.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.r2led.config.Config;
import org.r2led.data.SampleSplit;
import org.r2led.io.Progress;
import org.r2led.model.Monitor;
import org.r2led.model.TokenBatch;
import org.r2led.nn.Adam;
import org.r2led.nn.ParamStore;

/**
 * The CTR task of the {@link TrainingLoop}: batches of training samples in a seeded permutation per
 * epoch ({@link TrainingSession#permutation}), binary cross-entropy steps with row-sparse Adam, and
 * validation AUC, LogLoss and GAUC with the model's monitored metric ({@link Monitor}).
 *
 * <p>A batch is the list of its shards, one per data-parallel worker of the session (a single batch
 * with one worker), each prepared on its worker ({@link TrainingSession#prepareShards}).
 */
final class CtrTask implements TrainTask<List<TokenBatch>> {
  private final TrainingSession session;
  private final SampleSplit train;
  private final SampleSplit valid;
  private final int batchSize;
  private final int evalBatchSize;
  private final long seed;
  private final boolean progress;
  /** The permutation of {@link #orderEpoch} (used on the preparation thread only). */
  private int[] order;
  private int orderEpoch = -1;

  CtrTask(TrainingSession session, Config cfg, SampleSplit train, SampleSplit valid, boolean progress) {
    this.session = session;
    this.train = train;
    this.valid = valid;
    this.batchSize = cfg.get(TrainKeys.BATCH_SIZE);
    this.evalBatchSize = cfg.get(TrainKeys.EVAL_BATCH_SIZE);
    this.seed = cfg.get(TrainKeys.SEED);
    this.progress = progress;
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
  public List<TokenBatch> batch(int epoch, int index) {
    if (epoch != orderEpoch) {
      order = TrainingSession.permutation(train.size(), seed, epoch);
      orderEpoch = epoch;
    }
    int from = index * batchSize;
    return session.prepareShards(train, order, from, Math.min(train.size(), from + batchSize));
  }

  @Override
  public int size(List<TokenBatch> batch) {
    int n = 0;
    for (TokenBatch b : batch) n += b.size();
    return n;
  }

  @Override
  public float trainStep(List<TokenBatch> batch, double lr, long step) { return session.trainStep(batch, lr); }

  @Override
  public void afterStep() { session.finishStep(); }

  @Override
  public Map<String, int[]> pendingRows() { return session.pendingRows(); }

  @Override
  public void restorePendingRows(Map<String, int[]> rows) { session.setPendingRows(rows); }

  @Override
  public void afterLoad() { session.model().afterLoad(); }

  @Override
  public Validation validate(TrainState st, double trainLoss) {
    SplitMetrics m = session.evaluate(valid, evalBatchSize, Trainer.progress("  valid", valid.size(), progress));
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
  public Progress epochProgress(int epoch, int epochs, int fromBatch) {
    return Trainer.progress(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs),
        train.size() - (long) fromBatch * batchSize, true);
  }
}
