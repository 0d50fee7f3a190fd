package org.r2led.train;

import java.util.List;
import org.r2led.config.Config;
import org.r2led.data.SampleSplit;
import org.r2led.model.Monitor;
import org.r2led.model.TokenBatch;

/**
 * The CTR task of the {@link TrainingLoop}: batches of training samples in a seeded permutation per
 * epoch ({@link TrainingSession#permutation}), binary cross-entropy steps with row-sparse Adam, and
 * validation AUC, LogLoss and GAUC with the model's monitored metric ({@link Monitor}).
 *
 * <p>A batch is the list of its shards, one per data-parallel worker of the session (a single batch
 * with one worker), each prepared on its worker ({@link TrainingSession#prepareShards}).
 */
final class CtrTask extends AbstractCtrTask<List<TokenBatch>> {
  CtrTask(TrainingSession session, Config cfg, SampleSplit train, SampleSplit valid, boolean progress) {
    super(session, cfg, train, valid, progress);
  }

  @Override
  public List<TokenBatch> batch(int epoch, int index) {
    int[] order = order(epoch);
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
  public Validation validate(TrainState st, double trainLoss) {
    return validation(st, trainLoss, session.evaluate(valid, evalBatchSize, Trainer.progress("  valid", valid.size(), progress)));
  }
}
