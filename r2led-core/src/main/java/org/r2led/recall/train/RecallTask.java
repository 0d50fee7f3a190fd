package org.r2led.recall.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.r2led.io.Progress;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nn.Adam;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;
import org.r2led.config.Config;
import org.r2led.recall.RecallKeys;
import org.r2led.recall.RecallEvaluation;
import org.r2led.train.StreamedBatches;
import org.r2led.train.TrainState;
import org.r2led.train.TrainTask;

/**
 * The retrieval task of the {@link org.r2led.train.TrainingLoop}: the training targets shuffled by
 * seed per epoch, in batches whose negatives come from one random stream over the whole run, the
 * model's sampled-softmax loss with Adam (row-sparse for the tables), and validation NDCG@50 over the
 * full catalog with exact search (not HR@50, which saturates on small catalogs).
 *
 * <p>Since a batch's negatives depend on every batch before it, a resumed run replays those batches
 * ({@link StreamedBatches}).
 */
final class RecallTask implements TrainTask<RecallBatch> {
  private final NeuralRecall model;
  private final List<NextItemExample> train;
  private final List<NextItemExample> valid;
  private final Adam adam;
  private final long seed;
  private final int batchSize;
  private final boolean logEpochs;
  private final StreamedBatches<RecallBatch> batches;
  private long sinceValidation = System.nanoTime();

  RecallTask(NeuralRecall model, List<NextItemExample> train, List<NextItemExample> valid, Config cfg, boolean logEpochs) {
    this.model = model;
    this.train = train;
    this.valid = valid;
    this.adam = new Adam(model.params(), Adam.Settings.adam(0, cfg.get(RecallKeys.GRAD_CLIP_NORM)));
    this.seed = cfg.get(RecallKeys.SEED);
    this.batchSize = cfg.get(RecallKeys.BATCH_SIZE);
    this.logEpochs = logEpochs;
    this.batches = new Batches();
  }

  /** The run's batches: one random stream (negatives) over the whole run, a seeded order of the targets per epoch. */
  private final class Batches extends StreamedBatches<RecallBatch> {
    private SplittableRandom rnd;
    private List<NextItemExample> order;
    private int orderEpoch = -1;

    Batches() { super(batchesPerEpoch()); }

    @Override
    protected int streamStart(int epoch) { return 0; }

    @Override
    protected void restart(int epoch) { rnd = new SplittableRandom(seed); }

    @Override
    protected RecallBatch build(int epoch, int index) {
      if (epoch != orderEpoch) {
        order = new ArrayList<>(train);
        shuffle(order, new SplittableRandom(seed * 1_000_003L + epoch + 1));
        orderEpoch = epoch;
      }
      return model.trainingBatch(order.subList(index * batchSize, Math.min(order.size(), (index + 1) * batchSize)), rnd);
    }
  }

  @Override
  public String name() { return model.name(); }

  @Override
  public ParamStore params() { return model.params(); }

  @Override
  public Adam optimizer() { return adam; }

  @Override
  public int batchesPerEpoch() { return (train.size() + batchSize - 1) / batchSize; }

  @Override
  public RecallBatch batch(int epoch, int index) { return batches.get(epoch, index); }

  private static void shuffle(List<NextItemExample> a, SplittableRandom r) {
    for (int i = a.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      NextItemExample t = a.get(i);
      a.set(i, a.get(j));
      a.set(j, t);
    }
  }

  @Override
  public int size(RecallBatch batch) { return batch.b; }

  @Override
  public long progressUnits(RecallBatch batch) { return 1; }

  @Override
  public float trainStep(RecallBatch batch, double lr, long step) {
    float loss;
    try (Step s = new Step(true, seed * 7919 + step)) {
      NDArray l = model.loss(s, batch);
      loss = l.toFloatArray()[0];
      adam.update(s.backward(l), lr);
    }
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException(model.name() + ": loss became " + loss + " at optimizer step " + (step + 1)
          + " (try a smaller learning_rate than " + lr + ")");
    }
    return loss;
  }

  @Override
  public Validation validate(TrainState st, double trainLoss) {
    model.useIndex(model.buildIndex(true));
    double ndcg50 = RecallEvaluation.of(model, valid, Progress.silent(), 50).report().ndcg(50);
    long now = System.nanoTime();
    double secs = (now - sinceValidation) / 1e9;
    sinceValidation = now;
    String line = logEpochs ? String.format(Locale.ROOT, "%s epoch %d: loss %.4f, valid NDCG@50 %.4f (%.1f s)", model.name(), st.epoch,
        trainLoss, ndcg50, secs) : null;
    return new Validation(ndcg50, "NDCG@50", line, "");
  }

  @Override
  public Progress epochProgress(int epoch, int epochs, int fromBatch) {
    return Progress.builder(model.name() + " epoch " + (epoch + 1) + "/" + epochs).total(batchesPerEpoch() - fromBatch)
        .unit("batches").build();
  }
}
