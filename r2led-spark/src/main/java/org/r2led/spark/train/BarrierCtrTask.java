package org.r2led.spark.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.r2led.config.Config;
import org.r2led.data.SampleSplit;
import org.r2led.model.SplitSamples;
import org.r2led.model.TokenBatch;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.train.AbstractCtrTask;
import org.r2led.train.SplitMetrics;
import org.r2led.train.TrainState;
import org.r2led.train.TrainingSession;
import org.r2led.train.parallel.ShardGradients;
import org.r2led.train.parallel.Shards;

/**
 * The CTR task of one Spark barrier task (shard {@code k} of {@code n}), run by the core's
 * {@code TrainingLoop}: batch {@code i} of an epoch is the same global batch as in {@code train} (the
 * seeded permutation), of which this task prepares only its contiguous shard ({@link Shards}); a step
 * computes the shard's gradients, all-gathers every task's encoded {@link ShardGradients}, merges them
 * in partition order and applies one update, identically on every task, so the replicas stay
 * bit-identical. Validation spreads the evaluation batches over the tasks, all-gathers the
 * predictions (every task then computes the same metrics, hence the same early-stopping decision)
 * and checks that every replica holds the same parameters (a CRC32 over them).
 */
final class BarrierCtrTask extends AbstractCtrTask<BarrierCtrTask.Shard> {
  /** This task's shard of a global batch (null when the batch has fewer samples than tasks) and the batch size. */
  record Shard(TokenBatch batch, int globalSize) {}

  private final Exchange ex;
  private final long failAt;
  private final StepCost cost = new StepCost();

  BarrierCtrTask(TrainingSession session, Config cfg, SampleSplit train, SampleSplit valid, Exchange ex, boolean progress,
      long failAt) {
    super(session, cfg, train, valid, progress);
    this.ex = ex;
    this.failAt = failAt;
  }

  /** Where this task's step time went and what it exchanged. */
  StepCost cost() { return cost; }

  @Override
  public Shard batch(int epoch, int index) {
    int[] order = order(epoch);
    int from = index * batchSize;
    int to = Math.min(train.size(), from + batchSize);
    int a = Shards.start(from, to, ex.tasks(), ex.task());
    int b = Shards.end(from, to, ex.tasks(), ex.task());
    return new Shard(a == b ? null : session.model().prepare(new SplitSamples(train, order, a, b)), to - from);
  }

  /** Global samples of the step (every task counts the whole batch, as one worker would). */
  @Override
  public int size(Shard batch) { return batch.globalSize(); }

  @Override
  public float trainStep(Shard batch, double lr, long step) {
    if (step == failAt) throw new IllegalStateException("injected failure of task " + ex.task() + " before step " + (step + 1));
    long t0 = System.nanoTime();
    ShardGradients mine = batch.batch() == null ? null : session.computeGradients(batch.batch(), step, ex.task());
    byte[] msg = mine == null ? new byte[0] : mine.encode();
    long t1 = System.nanoTime();
    byte[][] all = ex.allGather(msg);
    long t2 = System.nanoTime();
    List<ShardGradients> parts = new ArrayList<>(all.length);
    // every task decodes every part (its own too) and merges in partition order: the same bits everywhere
    for (byte[] part : all) if (part.length > 0) parts.add(ShardGradients.decode(part, params()));
    ShardGradients merged = ShardGradients.merge(parts);
    long t3 = System.nanoTime();
    session.applyGradients(merged, lr);
    long t4 = System.nanoTime();
    cost.add(t1 - t0, t2 - t1, t3 - t2, t4 - t3, msg.length, all, mine == null ? 0 : mine.gradients().denseFloats(),
        mine == null ? 0 : mine.gradients().sparseRows(), merged.gradients().sparseRows());
    return merged.loss();
  }

  @Override
  public Validation validate(TrainState st, double trainLoss) {
    checkReplicas(st.globalStep);
    Validation v = validation(st, trainLoss, evaluate(valid));
    if (progress) System.err.println(v.line() + (v.score() > st.bestValidAuc || st.bestStep < 0 ? v.bestMark() : ""));
    return v;
  }

  /**
   * AUC, LogLoss and GAUC of {@code split}: evaluation batch {@code j} (the batches of {@code train}'s
   * evaluation) is scored by task {@code j mod n}, the predictions all-gathered; every task returns the
   * same metrics.
   */
  SplitMetrics evaluate(SampleSplit split) {
    int n = split.size();
    int tasks = ex.tasks();
    List<float[]> mine = new ArrayList<>();
    int count = 0;
    for (int from = 0, j = 0; from < n; from += evalBatchSize, j++) {
      if (j % tasks != ex.task()) continue;
      float[] p = session.model().probabilities(session.model().prepare(SplitSamples.range(split, from, Math.min(n, from + evalBatchSize))));
      mine.add(p);
      count += p.length;
    }
    float[] flat = new float[count];
    int at = 0;
    for (float[] p : mine) {
      System.arraycopy(p, 0, flat, at, p.length);
      at += p.length;
    }
    byte[][] all = ex.allGather(Exchange.floats(flat));
    float[][] parts = new float[tasks][];
    for (int k = 0; k < tasks; k++) parts[k] = Exchange.floats(all[k]);
    float[] probs = new float[n];
    int[] used = new int[tasks];
    for (int from = 0, j = 0; from < n; from += evalBatchSize, j++) {
      int k = j % tasks;
      int len = Math.min(n, from + evalBatchSize) - from;
      System.arraycopy(parts[k], used[k], probs, from, len);
      used[k] += len;
    }
    return SplitMetrics.of(probs, split);
  }

  /** Fails unless every task's parameters have the same CRC32 (the replicas must be bit-identical). */
  void checkReplicas(long step) {
    String mine = Long.toHexString(checksum(params()));
    String[] all = ex.allGather(mine);
    for (int k = 0; k < all.length; k++) {
      if (!all[k].equals(all[0])) {
        throw new IllegalStateException("replicas diverged at step " + step + ": parameter CRC32 of task " + k + " is " + all[k]
            + ", task 0 has " + all[0] + " (every task must apply the same merged update)");
      }
    }
  }

  /** CRC32 over every parameter's float bits, in store order. */
  static long checksum(ParamStore store) {
    CRC32 crc = new CRC32();
    for (Param p : store.all()) {
      ByteBuffer b = ByteBuffer.allocate(4 * p.size()).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(p.values());
      crc.update(b);
    }
    return crc.getValue();
  }
}
