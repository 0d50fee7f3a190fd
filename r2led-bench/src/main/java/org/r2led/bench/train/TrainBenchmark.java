package org.r2led.bench.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import org.r2led.config.Config;
import org.r2led.data.DatasetLayout;
import org.r2led.data.Manifest;
import org.r2led.data.PreparedDataset;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.io.ResidentMemory;
import org.r2led.io.StagedDir;
import org.r2led.model.CtrModel;
import org.r2led.model.ModelKeys;
import org.r2led.model.TokenBatch;
import org.r2led.nn.Profile;
import org.r2led.sid.SidTable;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainingSession;

/**
 * Training-throughput benchmark on generated data of fixed shapes: the real model, the real
 * {@link TrainingSession} (forward, backward, row-sparse Adam, background batch preparation incl.
 * retrieval), timed over a number of steps after warm-up. Figures are measured, never constants.
 * With {@code workers=N} in the settings, each step is the sessions's data-parallel step (shards
 * prepared and trained on N worker threads, merged gradients, one update).
 */
public final class TrainBenchmark {
  private TrainBenchmark() {}

  /** One measured case. */
  public record Figure(String name, String model, int items, int batch, int historyLength, int steps,
      double samplesPerSecond, double stepsPerSecond, long rssMb, long peakRssMb, double graphMs, double updateMs,
      double hookMs, int workers, double exchangeDenseFloats, double exchangeSparseRows, double cpuMs, double runQueueMs,
      double jitMs) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-36s %7.0f samples/s  %5.2f steps/s  RSS %,6d MB (peak %,d MB)"
          + "  [ms/step: graph %.0f, update %.0f, hooks %.0f]", name, samplesPerSecond, stepsPerSecond, rssMb, peakRssMb,
          graphMs, updateMs, hookMs);
    }
  }

  /**
   * Writes a dataset of {@code users} users with {@code seqLen} events each and {@code samplesPerUser}
   * training samples per user at the end of the sequence, plus SIDs in its {@code sids/} (3 levels
   * derived from category and item hashes). Items are drawn from {@code baseItems} ids (skewed
   * popularity, 1,000 categories) and then spread over {@code items = baseItems × spread} ids (id
   * {@code b} becomes one of {@code (b−1)·spread+1 .. b·spread}, fixed per base id), so datasets that
   * differ only in {@code spread} have the same number of distinct items per batch and differ only in
   * table size. The directory is a staged dataset output ({@link StagedDir}, kind {@code dataset}).
   */
  public static PreparedDataset generate(Path dir, int baseItems, int spread, int users, int seqLen, int samplesPerUser,
      long seed) {
    try (StagedDir out = StagedDir.open(dir, DatasetLayout.KIND)) {
      write(out.stage(), baseItems, spread, users, seqLen, samplesPerUser, seed);
      out.commit();
    }
    return PreparedDataset.open(dir);
  }

  private static void write(Path dir, int baseItems, int spread, int users, int seqLen, int samplesPerUser, long seed) {
    int items = Math.multiplyExact(baseItems, spread);
    SplittableRandom r = new SplittableRandom(seed);
    int cats = 1000;
    Manifest manifest;
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, false)) {
      for (int u = 0; u < users; u++) {
        w.beginUser("u" + u);
        long ts = 1_600_000_000L + r.nextInt(100_000);
        int first = seqLen - samplesPerUser;
        for (int e = 0; e < seqLen; e++) {
          ts += 1 + r.nextInt(7200);
          int b = drawItem(r, baseItems);
          int item = (b - 1) * spread + 1 + (int) (((b * 0x9E3779B97F4A7C15L) >>> 33) % spread);
          if (e >= first) w.addSample(e == seqLen - 1 ? Split.VALID : Split.TRAIN, e, item, category(item, cats), r.nextInt(2), ts, Float.NaN);
          w.addEvent(item, category(item, cats), 1 + r.nextInt(4), ts);
        }
      }
      List<String> raw = new ArrayList<>(items + 1);
      List<int[]> c = new ArrayList<>(items + 1);
      raw.add("<pad>");
      c.add(new int[0]);
      for (int i = 1; i <= items; i++) {
        raw.add(Integer.toString(i));
        c.add(new int[] {category(i, cats)});
      }
      w.writeItems(raw, c, null);
      List<String> cn = new ArrayList<>(cats + 1);
      for (int i = 0; i <= cats; i++) cn.add("c" + i);
      w.writeCategories(cn);
      manifest = w.finish("synthetic", List.of(), Map.of("benchmark", "train", "seed", seed),
          Map.of("items", (long) items, "categories", (long) cats), List.of("pv", "cart", "fav", "buy"), null);
    }
    int[] codes = new int[(items + 1) * 3];
    for (int i = 1; i <= items; i++) {
      int h = (i * 0x9E3779B9) >>> 8;
      codes[i * 3] = category(i, cats) % 32 + 1;
      codes[i * 3 + 1] = h % 16 + 1;
      codes[i * 3 + 2] = (h >>> 4) % 16 + 1;
    }
    new SidTable(new SidTable.Meta(manifest.fingerprint(), items, new int[] {32, 16, 16}, 3, "benchmark", "hash",
        Map.of()), codes).save(dir.resolve("sids"));
  }

  private static int drawItem(SplittableRandom r, int items) {
    double u = r.nextDouble();
    return r.nextBoolean() ? 1 + (int) (items * u * u * u) : 1 + r.nextInt(items);
  }

  private static int category(int item, int cats) { return 1 + (int) ((item * 2654435761L) % cats); }

  /** Trains {@code steps} timed steps (after {@code warmup}) of {@code model} configured by {@code settings}. */
  public static Figure measure(String name, PreparedDataset ds, SidTable sids, String model, List<String> settings,
      int warmup, int steps) {
    return measure(name, ds, sids, model, settings, warmup, steps, null);
  }

  private static Figure measure(String name, PreparedDataset ds, SidTable sids, String model, List<String> settings,
      int warmup, int steps, Path torchTrace) {
    TrainKeys.Resolved resolved = TrainKeys.resolve(model, settings);
    Config cfg = resolved.config();
    CtrModel m = resolved.create(ds, sids);
    SampleSplit train = ds.split(Split.TRAIN);
    int bs = cfg.get(TrainKeys.BATCH_SIZE);
    int nb = train.size() / bs;
    if (nb < 1) {
      throw new IllegalArgumentException("benchmark data has " + train.size() + " training samples; need at least one batch of " + bs);
    }
    // Step k trains batch k mod nb of epoch k / nb's shuffled order: a run may be longer than an epoch,
    // so that the warm-up can outlast the JIT's compilation on small datasets.
    EpochOrders orders = new EpochOrders(train.size());
    double lr = cfg.get(TrainKeys.LEARNING_RATE);
    try (TrainingSession s = new TrainingSession(m, cfg)) {
      List<TokenBatch> next = TrainingSession.await(prepare(s, train, orders, 0, nb, bs));
      long t0 = 0;
      long cpu0 = 0;
      long flt0 = 0;
      long wait0 = 0;
      long jit0 = 0;
      double[] ph0 = null;
      for (int k = 0; k < warmup + steps; k++) {
        if (k == warmup) {
          t0 = System.nanoTime();
          ph0 = s.phaseSeconds();
          Profile.reset();
          cpu0 = processCpuNanos();
          flt0 = minorFaults();
          wait0 = runQueueNanos();
          jit0 = compileMillis();
          if (torchTrace != null) TorchTrace.start();
        }
        List<TokenBatch> cur = next;
        Future<List<TokenBatch>> f = k + 1 < warmup + steps ? prepare(s, train, orders, k + 1, nb, bs) : null;
        long ts = Profile.start();
        s.trainStep(cur, lr);
        Profile.stop("train_step", ts);
        long tw = Profile.start();
        if (f != null) next = TrainingSession.await(f);
        Profile.stop("wait_batch", tw);
        s.finishStep();
      }
      double sec = (System.nanoTime() - t0) / 1e9;
      if (torchTrace != null) TorchTrace.stop(torchTrace);
      long cpu = processCpuNanos() - cpu0;
      long waited = runQueueNanos() - wait0;
      long jit = compileMillis() - jit0;
      Profile.add("process_cpu", cpu);
      // counted, not timed: shown as thousands of minor page faults per step
      Profile.add("page_faults_k", (minorFaults() - flt0) * 1000);
      ResidentMemory rss = ResidentMemory.read();
      double[] ph = s.phaseSeconds();
      return new Figure(name, model, ds.numItems(), bs, model.equals("din") ? cfg.get(ModelKeys.SHORT_SEQ_LEN) : cfg.get(ModelKeys.MAX_SEQ_LEN),
          steps, steps * (double) bs / sec, steps / sec, rss.currentMb(), rss.peakMb(), 1000 * (ph[0] - ph0[0]) / steps,
          1000 * (ph[1] - ph0[1]) / steps, 1000 * (ph[2] - ph0[2]) / steps, s.workers(), s.exchangePerStep()[0],
          s.exchangePerStep()[1], cpu / 1e6 / steps, waited / 1e6 / steps, jit / (double) steps);
    }
  }

  /** Step {@code k}'s batch: batch {@code k mod nb} of epoch {@code k / nb}'s order, prepared on the session's threads. */
  private static Future<List<TokenBatch>> prepare(TrainingSession s, SampleSplit train, EpochOrders orders, int k, int nb, int bs) {
    int b = k % nb;
    return s.prepareShardsAsync(train, orders.of(k / nb), b * bs, (b + 1) * bs);
  }

  /** The training loop's shuffled sample order of each epoch (seed 1), the current one kept. */
  private static final class EpochOrders {
    private final int size;
    private int epoch = -1;
    private int[] order;

    EpochOrders(int size) { this.size = size; }

    int[] of(int e) {
      if (e != epoch) {
        order = TrainingSession.permutation(size, 1, e);
        epoch = e;
      }
      return order;
    }
  }

  /** Milliseconds the JIT compilers have spent so far (0 where unavailable): compilation left in the timed steps. */
  private static long compileMillis() {
    java.lang.management.CompilationMXBean c = java.lang.management.ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
  }

  /** A measurement with its time breakdown: milliseconds per timed step of every {@link Profile} section. */
  public record Profiled(Figure figure, Map<String, Double> msPerStep) {}

  /**
   * {@link #measure} with {@link Profile} sections recorded over the timed steps (the breakdown costs
   * about two clock reads per section call; compare unprofiled figures for the headline speed).
   */
  public static Profiled measureProfiled(String name, PreparedDataset ds, SidTable sids, String model, List<String> settings,
      int warmup, int steps) {
    return measureProfiled(name, ds, sids, model, settings, warmup, steps, null);
  }

  /** {@link #measureProfiled}, also writing PyTorch's op trace of the timed steps to {@code torchTrace} when not null. */
  public static Profiled measureProfiled(String name, PreparedDataset ds, SidTable sids, String model, List<String> settings,
      int warmup, int steps, Path torchTrace) {
    boolean was = Profile.enabled();
    Profile.enable(true);
    try {
      Figure f = measure(name, ds, sids, model, settings, warmup, steps, torchTrace);
      Map<String, Profile.Section> snap = Profile.snapshot();
      // Batch preparation runs on its own thread, one batch per step but not aligned with the timed
      // window: its sections are per prepared batch.
      Profile.Section prep = snap.get("prep");
      long preps = prep == null ? steps : Math.max(1, prep.calls());
      Map<String, Double> ms = new java.util.LinkedHashMap<>();
      snap.forEach((k, v) -> ms.put(k, v.ms() / (k.startsWith("prep") ? preps : steps)));
      return new Profiled(f, ms);
    } finally {
      Profile.enable(was);
      Profile.reset();
    }
  }

  /** CPU time of this process (all threads), or 0 where unavailable. */
  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o
        ? Math.max(0, o.getProcessCpuTime()) : 0;
  }

  /**
   * Time this process's threads spent runnable but waiting for a CPU so far ({@code /proc/self/task/}*{@code /schedstat},
   * second field; 0 where unavailable): large when other processes load the machine.
   */
  private static long runQueueNanos() {
    long sum = 0;
    try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          sum += Long.parseLong(Files.readString(t.resolve("schedstat")).trim().split(" ")[1]);
        } catch (IOException | RuntimeException e) {
          // thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return sum;
  }

  /** Minor page faults of this process so far (0 where unavailable). */
  private static long minorFaults() {
    try {
      String st = Files.readString(Path.of("/proc/self/stat"));
      String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[7]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Deletes a generated benchmark directory. */
  public static void delete(Path dir) {
    try {
      org.r2led.io.FileTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
