package org.r2led.seqrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.r2led.config.Config;
import org.r2led.io.Progress;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nextitem.SampledNegatives;
import org.r2led.nn.Adam;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;
import org.r2led.train.StreamedBatches;
import org.r2led.train.TrainState;
import org.r2led.train.TrainTask;

/**
 * The sequential-recommendation task of the {@link org.r2led.train.TrainingLoop}: per epoch the seeded
 * windows of {@link TrainingWindows} in batches (negatives and masks drawn from the epoch's random
 * stream), the model's loss with Adam, and validation NDCG@10 over the full catalog.
 *
 * <p>An epoch's batches come from one random stream seeded by the run seed and the epoch, so a batch
 * depends on the batches before it in its epoch; a resumed run replays those ({@link StreamedBatches}).
 */
final class SeqRecTask implements TrainTask<TrainBatch> {
  private final SeqRecModel model;
  private final TrainingWindows windows;
  private final Adam adam;
  private final SampledNegatives negatives;
  private final List<NextItemExample> valid;
  private final String label;
  private final int seed;
  private final int batchSize;
  private final int evalBatchSize;
  private final int numNegatives;
  private final StreamedBatches<TrainBatch> batches;

  SeqRecTask(SeqRecModel model, TrainingWindows windows, Config cfg, List<NextItemExample> valid, String label) {
    this.model = model;
    this.windows = windows;
    this.adam = new Adam(model.params(), Adam.Settings.adam(cfg.get(SeqRecKeys.NET_REGULARIZER), cfg.get(SeqRecKeys.GRAD_CLIP_NORM)));
    this.negatives = SeqRecKeys.sampledNegatives(cfg);
    this.valid = valid;
    this.label = label;
    this.seed = cfg.get(SeqRecKeys.SEED);
    this.batchSize = cfg.get(SeqRecKeys.BATCH_SIZE);
    this.evalBatchSize = cfg.get(SeqRecKeys.EVAL_BATCH_SIZE);
    this.numNegatives = cfg.get(SeqRecKeys.NUM_NEGATIVES);
    this.batches = new Batches();
  }

  /** An epoch's batches: its windows, masks and negatives drawn from one random stream seeded by the run seed and the epoch. */
  private final class Batches extends StreamedBatches<TrainBatch> {
    private SplittableRandom rnd;
    private List<int[]> epochWindows;

    Batches() { super(batchesPerEpoch()); }

    @Override
    protected int streamStart(int epoch) { return epoch; }

    @Override
    protected void restart(int epoch) {
      rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch + 1);
      epochWindows = windows.epoch(rnd);
    }

    @Override
    protected TrainBatch build(int epoch, int index) {
      int from = index * batchSize;
      return windows.batch(epochWindows, from, Math.min(epochWindows.size(), from + batchSize), numNegatives, rnd);
    }
  }

  @Override
  public String name() { return "seqrec:" + label; }

  @Override
  public ParamStore params() { return model.params(); }

  @Override
  public Adam optimizer() { return adam; }

  @Override
  public int batchesPerEpoch() { return (windows.perEpoch() + batchSize - 1) / batchSize; }

  @Override
  public TrainBatch batch(int epoch, int index) { return batches.get(epoch, index); }

  @Override
  public int size(TrainBatch batch) { return batch.size(); }

  @Override
  public float trainStep(TrainBatch batch, double lr, long step) {
    try (NDScope scope = new NDScope(); Step s = new Step(true, seed * 1_000_003L + step)) {
      NDArray loss = model.loss(s, batch);
      adam.update(s.backward(loss), lr);
      return loss.getFloat();
    }
  }

  @Override
  public Validation validate(TrainState st, double trainLoss) {
    SeqRecMetrics v = SeqRecEvaluator.evaluate(model, valid, negatives, evalBatchSize, Progress.silent());
    double score = v.fullCatalog().ndcg(10);
    String line = String.format(Locale.ROOT, "%s epoch %d: loss %.4f, valid full-catalog NDCG@10 %.4f HR@10 %.4f", label, st.epoch,
        trainLoss, score, v.fullCatalog().hr(10));
    return new Validation(score, "NDCG@10", line, " (best)");
  }

  @Override
  public Progress epochProgress(int epoch, int epochs, int fromBatch) {
    return Progress.builder(String.format(Locale.ROOT, "%s epoch %d", label, epoch + 1))
        .total(windows.perEpoch() - (long) fromBatch * batchSize).unit("seqs").build();
  }
}
