package org.r2led.sid.quant;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * RQ-VAE quantizer trained with DJL (PyTorch engine, CPU): an MLP autoencoder whose latent is
 * residually quantized ({@link RqVaeBlock}). Training: {@code warmupEpochs} of plain autoencoding,
 * then the codebooks are initialised by RQ-KMeans on the encoder outputs and the whole model is
 * trained with reconstruction + codebook + β·commitment loss (straight-through estimator), Adam.
 * Inputs are scaled to unit per-coordinate RMS for training; reported MSEs are in input units.
 * Codes are the residual nearest-codeword assignments of the final encoder outputs. Codebooks live in
 * the latent space.
 */
public final class RqVaeQuantizer implements Quantizer {
  /**
   * @param codebookSizes codes per level
   * @param hidden hidden width of encoder and decoder
   * @param latent latent (codebook) dimension
   * @param epochs total epochs, including warm-up
   * @param warmupEpochs plain-autoencoder epochs before the codebooks are initialised
   * @param batchSize rows per step
   * @param learningRate Adam learning rate
   * @param beta commitment-loss weight
   */
  public record Config(int[] codebookSizes, long seed, int hidden, int latent, int epochs, int warmupEpochs,
      int batchSize, float learningRate, float beta) {
    public Config {
      if (hidden < 1 || latent < 1 || batchSize < 1) throw new IllegalArgumentException("hidden, latent, batchSize must be >= 1");
      if (epochs < 1 || warmupEpochs < 0) throw new IllegalArgumentException("epochs must be >= 1, warmupEpochs >= 0");
      codebookSizes = codebookSizes.clone();
    }

    /** hidden 256, latent 32, 40 epochs (10 warm-up), batch 256, lr 1e-3, β 0.25. */
    public static Config defaults(int[] codebookSizes, long seed) {
      return new Config(codebookSizes, seed, 256, 32, 40, 10, 256, 1e-3f, 0.25f);
    }
  }

  private final Config cfg;

  public RqVaeQuantizer(Config cfg) {
    this.cfg = cfg;
  }

  @Override
  public String describe() {
    return "rqvae(K=" + Arrays.toString(cfg.codebookSizes()).replace(" ", "") + ",seed=" + cfg.seed() + ",hidden="
        + cfg.hidden() + ",latent=" + cfg.latent() + ",epochs=" + cfg.epochs() + ",warmup=" + cfg.warmupEpochs()
        + ",batch=" + cfg.batchSize() + ",lr=" + cfg.learningRate() + ",beta=" + cfg.beta() + ")";
  }

  @Override
  public Quantization quantize(float[] x, int n, int dim, Consumer<String> log) {
    int[] sizes = cfg.codebookSizes();
    CodebookSizes.validate(sizes, n);
    int levels = sizes.length;
    double meanSq = RqKMeansQuantizer.meanSquaredNorm(x, n, dim);
    float scale = meanSq > 0 ? (float) Math.sqrt(dim / meanSq) : 1f;
    float[] xs = new float[n * dim];
    for (int i = 0; i < n * dim; i++) xs[i] = x[i] * scale;

    Engine.getInstance().setRandomSeed((int) cfg.seed());
    RqVaeBlock block = new RqVaeBlock(dim, cfg.hidden(), cfg.latent(), sizes, cfg.beta());
    List<Double> epochLoss = new ArrayList<>();
    double[] mse = new double[levels + 1];
    mse[0] = meanSq;
    int[] codes = new int[n * levels];
    List<Quantization.Codebook> books = new ArrayList<>();
    try (Model model = Model.newInstance("rqvae")) {
      model.setBlock(block);
      DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(cfg.learningRate())).build());
      try (Trainer tr = model.newTrainer(tc)) {
        tr.initialize(new Shape(cfg.batchSize(), dim));
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        float[] batch = new float[cfg.batchSize() * dim];
        boolean initialised = false;
        long t0 = System.nanoTime();
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
          if (epoch == cfg.warmupEpochs()) {
            initCodebooks(tr, block, xs, n, dim, log);
            initialised = true;
          }
          for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
          }
          double sum = 0;
          int steps = 0;
          for (int s = 0; s < n; s += cfg.batchSize()) {
            int b = Math.min(cfg.batchSize(), n - s);
            for (int r = 0; r < b; r++) System.arraycopy(xs, perm[s + r] * dim, batch, r * dim, dim);
            sum += step(tr, batch, b, dim);
            steps++;
          }
          epochLoss.add(sum / steps);
          if (log != null && (epoch == cfg.epochs() - 1 || (epoch + 1) % 10 == 0)) {
            double secs = (System.nanoTime() - t0) / 1e9;
            log.accept(String.format(Locale.ROOT, "RQ-VAE epoch %d/%d (%s): loss %.5f, %.1f epochs/s", epoch + 1,
                cfg.epochs(), block.mode == RqVaeBlock.Mode.QUANTIZE ? "quantized" : "warm-up", sum / steps,
                (epoch + 1) / secs));
          }
        }
        if (!initialised) initCodebooks(tr, block, xs, n, dim, log);

        // Final codes: residual nearest-codeword assignment of the encoder outputs.
        float[] z = run(tr, block, RqVaeBlock.Mode.ENCODE, xs, n, dim, cfg.latent());
        float[] residual = z.clone();
        float[] partial = new float[n * cfg.latent()];
        try (Parallel par = new Parallel(0)) {
          for (int l = 0; l < levels; l++) {
            float[] c = block.codebook(l).getArray().toFloatArray();
            books.add(new Quantization.Codebook(sizes[l], cfg.latent(), c));
            int[] a = new int[n];
            KMeans.assign(residual, n, cfg.latent(), c, sizes[l], a, new float[n], par);
            for (int i = 0; i < n; i++) {
              codes[i * levels + l] = a[i];
              for (int t = 0; t < cfg.latent(); t++) {
                float v = c[a[i] * cfg.latent() + t];
                residual[i * cfg.latent() + t] -= v;
                partial[i * cfg.latent() + t] += v;
              }
            }
            float[] xhat = run(tr, block, RqVaeBlock.Mode.DECODE, partial, n, cfg.latent(), dim);
            double err = 0;
            for (int i = 0; i < n * dim; i++) {
              double dlt = xhat[i] / scale - x[i];
              err += dlt * dlt;
            }
            mse[l + 1] = err / n;
          }
        }
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("inputScale", scale);
    details.put("finalLoss", epochLoss.get(epochLoss.size() - 1));
    details.put("firstQuantizedLoss", epochLoss.get(Math.min(cfg.warmupEpochs(), epochLoss.size() - 1)));
    details.put("epochLoss", epochLoss);
    return new Quantization(n, sizes.clone(), codes, List.copyOf(books), "latent", mse, details);
  }

  /** One Adam step on a batch; returns its loss. Temporaries live in an NDScope per step. */
  private static double step(Trainer tr, float[] batch, int b, int dim) {
    double loss;
    try (NDManager sm = tr.getManager().newSubManager(); NDScope scope = new NDScope()) {
      NDArray xb = sm.create(FloatBuffer.wrap(batch, 0, b * dim), new Shape(b, dim));
      try (GradientCollector gc = tr.newGradientCollector()) {
        NDList out = tr.forward(new NDList(xb));
        NDArray l = out.get(0).sub(xb).square().mean().add(out.get(1));
        gc.backward(l);
        loss = l.getFloat();
      }
    }
    tr.step();
    return loss;
  }

  /** Runs the block in {@code mode} over all rows (batches of 1024, no training). */
  private static float[] run(Trainer tr, RqVaeBlock block, RqVaeBlock.Mode mode, float[] in, int n, int inDim,
      int outDim) {
    RqVaeBlock.Mode saved = block.mode;
    block.mode = mode;
    float[] out = new float[n * outDim];
    try {
      for (int s = 0; s < n; s += 1024) {
        int b = Math.min(1024, n - s);
        try (NDManager sm = tr.getManager().newSubManager(); NDScope scope = new NDScope()) {
          NDArray xb = sm.create(FloatBuffer.wrap(in, s * inDim, b * inDim), new Shape(b, inDim));
          float[] r = tr.evaluate(new NDList(xb)).get(0).toFloatArray();
          System.arraycopy(r, 0, out, s * outDim, b * outDim);
        }
      }
    } finally {
      block.mode = saved;
    }
    return out;
  }

  /** Codebooks ← RQ-KMeans centroids of the current encoder outputs; switches the block to QUANTIZE. */
  private void initCodebooks(Trainer tr, RqVaeBlock block, float[] xs, int n, int dim, Consumer<String> log) {
    float[] z = run(tr, block, RqVaeBlock.Mode.ENCODE, xs, n, dim, cfg.latent());
    Quantization init = new RqKMeansQuantizer(cfg.codebookSizes(), cfg.seed(), 0).quantize(z, n, cfg.latent(), null);
    for (int l = 0; l < cfg.codebookSizes().length; l++) {
      block.codebook(l).getArray().set(FloatBuffer.wrap(init.codebooks().get(l).vectors()));
    }
    block.mode = RqVaeBlock.Mode.QUANTIZE;
    if (log != null) log.accept("RQ-VAE: codebooks initialised by RQ-KMeans on " + n + " encoder outputs");
  }
}
