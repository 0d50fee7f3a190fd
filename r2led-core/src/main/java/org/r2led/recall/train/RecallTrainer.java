package org.r2led.recall.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.r2led.data.Split;
import org.r2led.io.Progress;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nextitem.UserSequence;
import org.r2led.nn.Adam;
import org.r2led.nn.Gradients;
import org.r2led.nn.Param;
import org.r2led.nn.Step;
import org.r2led.recall.RecallConfig;
import org.r2led.recall.RecallEvaluation;
import org.r2led.train.Convergence;

/**
 * Trains a {@link NeuralRecall} model on the next-item task: per epoch the most recent
 * {@code max_train_per_user} training targets of every user, shuffled by seed; Adam with row-sparse
 * updates for the tables (the project's {@link Adam} and {@link Step}); after every epoch validation
 * NDCG@50 (not HR@50, which saturates on small catalogs) over the full catalog with exact search; the best epoch's parameters are kept, training stops
 * after {@code patience} epochs without improvement, not before {@code min_steps} optimizer steps (which also
 * raise the epoch limit).
 *
 * <p>Why not the CTR {@code Trainer}: its samples, labels and AUC monitor are the CTR task's; this loop
 * shares its blocks (steps, optimizer, parameters) and differs in what a batch and a metric are.
 */
public final class RecallTrainer {
  private RecallTrainer() {}

  /** Per-epoch validation figures, immutable. */
  public record EpochLog(int epoch, double loss, double validNdcg50, double seconds) {}

  /** The epoch logs of a training run and how it ended. */
  public record Result(List<EpochLog> epochs, Convergence convergence) {
    public Result {
      epochs = List.copyOf(epochs);
    }
  }

  /** Trains {@code model} in place (the best epoch's parameters are loaded at the end). */
  public static Result train(NeuralRecall model, NextItemData data, RecallConfig cfg, boolean showProgress) {
    List<NextItemExample> train = trainingExamples(data, cfg.maxTrainPerUser());
    List<NextItemExample> valid = data.examples(Split.VALID);
    if (train.isEmpty()) throw new IllegalArgumentException("dataset " + data.source() + " has no training targets");
    Adam adam = new Adam(model.params(), Adam.Settings.adam(0, 5.0));
    SplittableRandom rnd = new SplittableRandom(cfg.seed());
    List<EpochLog> logs = new ArrayList<>();
    float[][] best = null;
    double bestHr = -1;
    int bad = 0;
    int bs = cfg.batchSize();
    long step = 0;
    int bestEpoch = 0;
    long bestStep = 0;
    String stoppedBy = Convergence.EPOCH_LIMIT;
    int limit = Convergence.epochLimit(cfg.epochs(), cfg.minSteps(), (train.size() + bs - 1) / bs);
    for (int epoch = 1; epoch <= limit; epoch++) {
      long t0 = System.nanoTime();
      List<NextItemExample> order = new ArrayList<>(train);
      shuffle(order, new SplittableRandom(cfg.seed() * 1_000_003L + epoch));
      int batches = (order.size() + bs - 1) / bs;
      double lossSum = 0;
      Progress p = Progress.builder(model.name() + " epoch " + epoch + "/" + limit).total(batches).unit("batches")
          .enabled(showProgress).build();
      for (int k = 0; k < batches; k++) {
        RecallBatch b = model.trainingBatch(order.subList(k * bs, Math.min(order.size(), (k + 1) * bs)), rnd);
        double loss;
        try (Step s = new Step(true, cfg.seed() * 7919 + step++)) {
          NDArray l = model.loss(s, b);
          loss = l.toFloatArray()[0];
          Gradients g = s.backward(l);
          adam.update(g, cfg.learningRate());
        }
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException(model.name() + ": loss became " + loss + " at epoch " + epoch + ", batch " + k
              + " (try a smaller learning_rate than " + cfg.learningRate() + ")");
        }
        lossSum += loss;
        double avg = lossSum / (k + 1);
        p.update(k + 1, () -> String.format(Locale.ROOT, "loss %.4f", avg));
      }
      p.finish();
      model.useIndex(model.buildIndex(true));
      double hr = RecallEvaluation.of(model, valid, Progress.silent(), 50).report().ndcg(50);
      double secs = (System.nanoTime() - t0) / 1e9;
      logs.add(new EpochLog(epoch, lossSum / batches, hr, secs));
      if (showProgress) {
        System.err.printf(Locale.ROOT, "%s epoch %d: loss %.4f, valid NDCG@50 %.4f (%.1f s)%n", model.name(), epoch,
            lossSum / batches, hr, secs);
      }
      if (hr > bestHr) {
        bestHr = hr;
        best = snapshot(model);
        bestEpoch = epoch;
        bestStep = step;
        bad = 0;
      } else if (++bad >= cfg.patience() && Convergence.mayStop(step, cfg.minSteps())) {
        stoppedBy = Convergence.EARLY_STOPPING;
        break;
      }
    }
    restore(model, best);
    model.afterTraining();
    Convergence conv = Convergence.of(bestEpoch, logs.size(), bestStep, step, stoppedBy);
    if (showProgress) System.err.println(model.name() + ": " + conv.describe());
    return new Result(logs, conv);
  }

  /** The most recent {@code maxPerUser} training targets of every user, in user order. */
  public static List<NextItemExample> trainingExamples(NextItemData data, int maxPerUser) {
    List<NextItemExample> out = new ArrayList<>();
    for (UserSequence s : data.sequences()) {
      for (int p = Math.max(1, s.trainLength() - maxPerUser); p < s.trainLength(); p++) out.add(new NextItemExample(s, p));
    }
    return out;
  }

  private static void shuffle(List<NextItemExample> a, SplittableRandom r) {
    for (int i = a.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      NextItemExample t = a.get(i);
      a.set(i, a.get(j));
      a.set(j, t);
    }
  }

  private static float[][] snapshot(NeuralRecall m) {
    List<Param> ps = m.params().all();
    float[][] s = new float[ps.size()][];
    for (int i = 0; i < s.length; i++) s[i] = ps.get(i).values().clone();
    return s;
  }

  private static void restore(NeuralRecall m, float[][] s) {
    List<Param> ps = m.params().all();
    for (int i = 0; i < s.length; i++) System.arraycopy(s[i], 0, ps.get(i).values(), 0, s[i].length);
  }
}
