package org.r2led.train;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.r2led.data.SampleSplit;
import org.r2led.io.Futures;
import org.r2led.io.Progress;
import org.r2led.model.CtrModel;
import org.r2led.model.SplitSamples;
import org.r2led.model.TokenBatch;
import org.r2led.config.Config;
import org.r2led.nn.Adam;
import org.r2led.nn.Fork;
import org.r2led.nn.Gradients;
import org.r2led.nn.Param;
import org.r2led.nn.Profile;
import org.r2led.nn.Step;
import org.r2led.train.parallel.ShardGradients;
import org.r2led.train.parallel.Shards;
import org.r2led.train.parallel.Workers;

/**
 * The engine under every training run: a model, its Adam state and a batch-preparation thread.
 * {@link #trainStep} runs forward, backward and the (row-sparse) update on the calling thread;
 * {@link #prepareAsync} builds the next batch's Java arrays (including retrieval) on the
 * preparation thread meanwhile. Used by {@link Trainer} and by the training benchmark.
 *
 * <p>With {@code workers = N > 1} ({@link TrainKeys#WORKERS}) the session also owns N {@link Workers}:
 * a global batch is cut into N contiguous shards ({@link Shards}), each prepared
 * ({@link #prepareShards}) and run forward and backward ({@link #computeGradients}) on its worker,
 * and the shards' gradients are merged ({@link ShardGradients#merge}) into one synchronous update
 * ({@link #trainStep(List, double)}); evaluation batches are spread over the workers too.
 */
public final class TrainingSession implements AutoCloseable {
  private final CtrModel model;
  private final Adam adam;
  private final ExecutorService prep;
  /** Rows changed by the last update, per sparse table, not yet passed to the model's afterUpdate. */
  private final Map<Param, int[]> pending = new LinkedHashMap<>();
  private final long seed;
  /** Whether every row of the sparse tables changes at every step (then every row is passed to afterUpdate). */
  private final boolean wholeTableDecay;
  private final Map<Param, int[]> allRows = new java.util.IdentityHashMap<>();
  private final Workers workers;
  private long graphNanos;
  /** Gradient exchange volume of the data-parallel steps: steps, dense floats and sparse rows over all shards. */
  private long exchangeSteps;
  private long exchangeDenseFloats;
  private long exchangeSparseRows;
  private long updateNanos;
  private long hookNanos;

  public TrainingSession(CtrModel model, Config cfg) {
    this.model = model;
    this.seed = cfg.get(TrainKeys.SEED);
    boolean w = cfg.get(TrainKeys.OPTIMIZER).equals("adamw");
    this.adam = new Adam(model.params(), new Adam.Settings(0.9, 0.999, 1e-8, cfg.get(TrainKeys.NET_REGULARIZER),
        cfg.get(TrainKeys.EMBEDDING_REGULARIZER), w, cfg.get(TrainKeys.GRAD_CLIP_NORM)),
        cfg.get(TrainKeys.EMBEDDING_REGULARIZER_SCOPE).equals("table"));
    this.wholeTableDecay = cfg.get(TrainKeys.EMBEDDING_REGULARIZER_SCOPE).equals("table")
        && cfg.get(TrainKeys.EMBEDDING_REGULARIZER) != 0;
    this.prep = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "r2led-batch-prep");
      t.setDaemon(true);
      return t;
    });
    int n = cfg.get(TrainKeys.WORKERS);
    this.workers = n > 1 ? new Workers(n) : null;
  }

  /** Number of data-parallel workers (1: steps run on the calling thread). */
  public int workers() { return workers == null ? 1 : workers.size(); }

  public CtrModel model() { return model; }

  public Adam optimizer() { return adam; }

  /** Seeded permutation of {@code 0..n-1} for an epoch (Fisher–Yates; depends only on seed and epoch). */
  public static int[] permutation(int n, long seed, int epoch) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 31L * epoch + 7);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Builds a batch on the preparation thread. */
  public Future<TokenBatch> prepareAsync(SampleSplit split, int[] order, int from, int to) {
    return prep.submit(() -> prepare(split, order, from, to));
  }

  /**
   * The shards of the batch {@code order[from..to)}, one per worker ({@link Shards}), prepared on the
   * workers (in parallel, whichever worker is free; call from one thread at a time); empty shards (a
   * batch of fewer samples than workers) are left out, and the dropout seeds of
   * {@link #trainStep(List, double)} follow the position in the returned list. With one worker: the whole batch, prepared on the calling thread.
   */
  public List<TokenBatch> prepareShards(SampleSplit split, int[] order, int from, int to) {
    if (workers == null) return List.of(prepare(split, order, from, to));
    int n = workers.size();
    List<TokenBatch> shards = workers.runEach(n, k -> {
      int a = Shards.start(from, to, n, k);
      int b = Shards.end(from, to, n, k);
      return a == b ? null : () -> prepare(split, order, a, b);
    });
    return shards.stream().filter(java.util.Objects::nonNull).toList();
  }

  private TokenBatch prepare(SampleSplit split, int[] order, int from, int to) {
    long t = Profile.start();
    TokenBatch b = model.prepare(new SplitSamples(split, order, from, to));
    Profile.stop("prep", t);
    return b;
  }

  /** {@link #prepareShards} on the preparation thread. */
  public Future<List<TokenBatch>> prepareShardsAsync(SampleSplit split, int[] order, int from, int to) {
    return prep.submit(() -> prepareShards(split, order, from, to));
  }

  /**
   * One synchronous data-parallel optimizer step on a batch's {@code shards} (from {@link #prepareShards};
   * shard {@code k} on worker {@code k}): each worker computes its shard's gradients; the worker that
   * finishes last merges them with weights {@code shard size / batch size} and applies one update, its
   * row pieces shared with the other workers ({@link Workers#from}). The calling thread waits. Returns the
   * batch's loss (the weighted mean of the shards' losses). One shard: {@link #trainStep(TokenBatch, double)}.
   */
  public float trainStep(List<TokenBatch> shards, double lr) {
    if (shards.size() == 1) return trainStep(shards.get(0), lr);
    if (workers == null || shards.size() > workers.size()) {
      throw new IllegalArgumentException(shards.size() + " shards for " + workers() + " workers");
    }
    long step = adam.steps();
    long t0 = System.nanoTime();
    int n = shards.size();
    ShardGradients[] parts = new ShardGradients[n];
    AtomicInteger left = new AtomicInteger(n);
    CompletableFuture<Float> loss = new CompletableFuture<>();
    for (int k = 0; k < n; k++) {
      int shard = k;
      workers.submitFirst(k, () -> {
        try {
          parts[shard] = computeGradients(shards.get(shard), step, shard);
        } catch (Throwable e) {
          loss.completeExceptionally(e);
        }
        // The last shard to finish merges and updates; the other workers go on with the next batch's
        // preparation and take pieces of the merge and update when they are free.
        if (left.decrementAndGet() == 0 && !loss.isDone()) {
          try {
            loss.complete(mergeAndApply(List.of(parts), lr, workers.from(shard), System.nanoTime() - t0));
          } catch (Throwable e) {
            loss.completeExceptionally(e);
          }
        }
        return null;
      });
    }
    return Futures.await(loss, "data-parallel training step");
  }

  private float mergeAndApply(List<ShardGradients> parts, double lr, Fork fork, long graphNanos) {
    long t1 = System.nanoTime();
    long pm = Profile.start();
    ShardGradients merged = ShardGradients.merge(parts, fork);
    exchangeSteps++;
    for (ShardGradients p : parts) {
      exchangeDenseFloats += p.gradients().denseFloats();
      exchangeSparseRows += p.gradients().sparseRows();
    }
    Profile.stop("merge", pm);
    applyGradients(merged, lr, fork);
    addPhaseNanos(graphNanos, System.nanoTime() - t1);
    return merged.loss();
  }

  /** Waits for a prepared batch. */
  public static <T> T await(Future<T> f) { return TrainingLoop.await(f); }

  /**
   * One optimizer step on {@code batch} with learning rate {@code lr}; returns the model's loss (mean BCE by default).
   * The rows it changed are kept for {@link #finishStep()}. Equals {@link #computeGradients} of shard 0
   * followed by {@link #applyGradients}.
   */
  public float trainStep(TokenBatch batch, double lr) {
    long t0 = System.nanoTime();
    ShardGradients g = computeGradients(batch, adam.steps(), 0);
    long t1 = System.nanoTime();
    graphNanos += t1 - t0;
    applyGradients(g, lr);
    updateNanos += System.nanoTime() - t1;
    return g.loss();
  }

  /**
   * The dropout seed of shard {@code shard} at optimizer step {@code step} (steps taken before it):
   * it depends on the run seed, the step and the shard only, so a resumed run draws the same masks.
   * Shard 0 draws the masks of a single worker; N workers therefore draw different masks than one
   * worker over the same global batch (equivalence of N workers and one holds without dropout).
   */
  public static long dropoutSeed(long runSeed, long step, int shard) {
    long s = runSeed * 1_000_003L + step;
    return shard == 0 ? s : s + shard * 0xD1B54A32D192ED03L;
  }

  /**
   * Forward and backward of one (sub-)batch at optimizer step {@code step}, without updating anything:
   * the gradients of the batch's mean loss. Thread-safe: the workers of a data-parallel step call it at
   * the same time on their shards (each thread with its own {@link Step}); the model is read only.
   */
  public ShardGradients computeGradients(TokenBatch batch, long step, int shard) {
    try (Step s = new Step(true, dropoutSeed(seed, step, shard))) {
      long tf = Profile.start();
      NDArray logits = model.forward(s, batch);
      NDArray loss = model.loss(s, logits, batch);
      Profile.stop("forward", tf);
      Gradients g = s.backward(loss);
      return new ShardGradients(g, loss.getFloat(), batch.size());
    }
  }

  /**
   * Applies the (merged) gradients of one step: checks the loss is finite, clips, updates with Adam at
   * learning rate {@code lr} and keeps the changed rows for {@link #finishStep()}. Not thread-safe: one
   * caller, after every worker's {@link #computeGradients} of the step returned.
   */
  public void applyGradients(ShardGradients step, double lr) { applyGradients(step, lr, Fork.SERIAL); }

  /** {@link #applyGradients(ShardGradients, double)} with the sparse rows' updates split over {@code fork} (same result). */
  public void applyGradients(ShardGradients step, double lr, Fork fork) {
    float l = step.loss();
    if (!Float.isFinite(l)) throw new IllegalStateException("training loss became " + l + " at optimizer step " + (adam.steps() + 1)
        + " (lower learning_rate or set grad_clip_norm)");
    Gradients g = step.gradients();
    long pu = Profile.start();
    adam.update(g, lr, fork);
    pending.clear();
    if (wholeTableDecay) {
      for (Param p : model.params().all()) {
        if (p.sparse()) pending.put(p, allRows.computeIfAbsent(p, q -> java.util.stream.IntStream.range(0, q.rows()).toArray()));
      }
    } else {
      for (Gradients.Sparse sp : g.sparse()) pending.put(sp.table(), sp.ids().ids());
    }
    Profile.stop("update", pu);
  }

  /** Adds the wall time of a step's gradient computation and of its update to {@link #phaseSeconds()}. */
  private void addPhaseNanos(long graph, long update) {
    graphNanos += graph;
    updateNanos += update;
  }

  /**
   * Lets the model react to the last update (e.g. refresh SimHash signatures of updated rows). Call
   * only while no batch is being prepared.
   */
  public void finishStep() {
    long t0 = System.nanoTime();
    long p0 = Profile.start();
    try {
      finishStepInternal();
    } finally {
      hookNanos += System.nanoTime() - t0;
      Profile.stop("hooks", p0);
    }
  }

  private void finishStepInternal() {
    for (Map.Entry<Param, int[]> e : pending.entrySet()) model.afterUpdate(e.getKey(), e.getValue(), e.getValue().length);
    pending.clear();
  }

  /** The rows of the last update not yet passed to {@link #finishStep()}, by table name (for checkpoints). */
  public Map<String, int[]> pendingRows() {
    Map<String, int[]> m = new LinkedHashMap<>();
    for (Map.Entry<Param, int[]> e : pending.entrySet()) m.put(e.getKey().name(), e.getValue());
    return m;
  }

  /** Restores pending rows saved by {@link #pendingRows()}. */
  public void setPendingRows(Map<String, int[]> rows) {
    pending.clear();
    if (rows != null) for (Map.Entry<String, int[]> e : rows.entrySet()) pending.put(model.params().get(e.getKey()), e.getValue());
  }

  /** Click probabilities for every sample of {@code split}, in split order; {@code bar} (or null) counts samples and is finished. */
  public float[] predict(SampleSplit split, int batchSize, Progress bar) {
    if (workers != null) return predictOnWorkers(split, batchSize, bar);
    int n = split.size();
    float[] out = new float[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Future<TokenBatch> next = n > 0 ? prepareAsync(split, order, 0, Math.min(n, batchSize)) : null;
    for (int from = 0; from < n; from += batchSize) {
      TokenBatch b = await(next);
      int to = Math.min(n, from + batchSize);
      if (to < n) next = prepareAsync(split, order, to, Math.min(n, to + batchSize));
      float[] p = model.probabilities(b);
      System.arraycopy(p, 0, out, from, p.length);
      if (bar != null) bar.update(to);
    }
    if (bar != null) bar.finish();
    return out;
  }

  /** {@link #predict} with the batches prepared and scored on the workers, whichever is free. */
  private float[] predictOnWorkers(SampleSplit split, int batchSize, Progress bar) {
    int n = split.size();
    float[] out = new float[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    List<Future<Integer>> done = new java.util.ArrayList<>();
    for (int from = 0; from < n; from += batchSize) {
      int a = from;
      int b = Math.min(n, from + batchSize);
      done.add(workers.submit(() -> {
        float[] p = model.probabilities(prepare(split, order, a, b));
        System.arraycopy(p, 0, out, a, p.length);
        return b;
      }));
    }
    for (Future<Integer> f : done) {
      int to = Workers.await(f);
      if (bar != null) bar.update(to);
    }
    if (bar != null) bar.finish();
    return out;
  }

  /** Evaluates AUC, LogLoss and GAUC on a split. */
  public SplitMetrics evaluate(SampleSplit split, int batchSize, Progress bar) {
    return SplitMetrics.of(predict(split, batchSize, bar), split);
  }

  /**
   * Cumulative seconds spent in: forward+backward+gradient copy, the optimizer update, and the
   * model's after-update hooks (e.g. signature refresh).
   */
  public double[] phaseSeconds() { return new double[] {graphNanos / 1e9, updateNanos / 1e9, hookNanos / 1e9}; }

  /**
   * What the workers' gradient exchange carried per data-parallel step so far, on average: {dense floats,
   * sparse rows} summed over the shards of a step ({0, 0} before the first such step). A row is a
   * table's dim floats plus its id.
   */
  public double[] exchangePerStep() {
    if (exchangeSteps == 0) return new double[] {0, 0};
    return new double[] {exchangeDenseFloats / (double) exchangeSteps, exchangeSparseRows / (double) exchangeSteps};
  }

  @Override
  public void close() {
    prep.shutdownNow();
    if (workers != null) workers.close();
  }
}
