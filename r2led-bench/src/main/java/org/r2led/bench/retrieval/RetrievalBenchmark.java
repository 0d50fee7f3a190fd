package org.r2led.bench.retrieval;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.r2led.retrieval.HammingTopK;
import org.r2led.retrieval.ItemKeys;
import org.r2led.retrieval.MultiRouteRetriever;
import org.r2led.retrieval.RetrievalConfig;
import org.r2led.retrieval.RouteSelection;
import org.r2led.retrieval.SimHash;
import org.r2led.sid.SidTable;

/**
 * Measures the time of {@link MultiRouteRetriever#retrieve} (all routes) per target over one long
 * history, and of {@link SimHash#signRows} per row. Synthetic inputs, seeded: a catalog of
 * {@code items} items with uniformly random SID codes ({@code codebook} codes per semantic level),
 * random Gaussian {@code dim}-d embeddings signed with {@code hashBits}-bit SimHash, a history of
 * {@code history} items drawn uniformly from the catalog, and {@code targets} random target items.
 *
 * <p>One run retrieves for every target; after a warm-up of at least {@code warmupSeconds} (JIT),
 * {@code runs} runs are timed and the median, p10 and p90 of the per-target time are reported,
 * single-threaded. Allocation per target is read from the JVM's per-thread allocation counter. The
 * same is measured for {@link MultiRouteRetriever#retrieveMany} with {@code batch} targets sharing
 * the history (the candidates of one serving request).
 */
public final class RetrievalBenchmark {
  private RetrievalBenchmark() {}

  /** Benchmark parameters (see the class comment). */
  public record Options(int history, int topk, int levels, int hashBits, int shortSeqLen, int items, int codebook,
      int dim, int targets, int batch, int runs, double warmupSeconds, long seed) {
    public Options {
      if (history < 1) throw new IllegalArgumentException("--history must be >= 1, got " + history);
      if (levels < 1 || levels > 4) throw new IllegalArgumentException("--levels must be in 1..4, got " + levels);
      if (codebook < 1 || codebook > 65535) throw new IllegalArgumentException("--codebook must be in 1..65535, got " + codebook);
      if (items < 1) throw new IllegalArgumentException("--items must be >= 1, got " + items);
      if (targets < 1 || runs < 1) throw new IllegalArgumentException("--targets and --runs must be >= 1");
      if (batch < 1 || batch > targets) {
        throw new IllegalArgumentException("--batch must be in 1..targets (" + targets + "), got " + batch);
      }
    }

    public static Options defaults() {
      return new Options(10_000, 50, 3, 64, 50, 100_000, 256, 32, 2_000, 100, 21, 3.0, 42);
    }
  }

  /**
   * Measured figures; times in microseconds per target (retrieval) or nanoseconds per row (signing).
   *
   * @param routes number of routes retrieved per target
   * @param medianMicros median over runs of the mean (wall-clock) time per target
   * @param cpuMedianMicros the same in thread CPU time (robust when other processes share the cores;
   *     -1 if the JVM cannot measure it)
   * @param meanRouteTokens average tokens selected per target over all routes (sanity figure)
   * @param allocatedBytesPerTarget heap bytes allocated per target during the timed runs (-1 if unknown)
   * @param manyMedianMicros median time per target of {@link MultiRouteRetriever#retrieveMany} in batches
   * @param etaMedianMicros the same measurement for ETA's single {@link HammingTopK} retrieval
   * @param signNanosPerRow {@link SimHash#signRows} time per row of dim {@code dim}
   */
  public record Result(Options options, int routes, double medianMicros, double p10Micros, double p90Micros,
      double cpuMedianMicros, double meanRouteTokens, double allocatedBytesPerTarget, double manyMedianMicros,
      double etaMedianMicros, double signNanosPerRow,
      Map<String, Object> environment) {}

  /** Runs the benchmark, reporting progress lines to {@code log}. */
  public static Result run(Options o, Consumer<String> log) {
    Random rnd = new Random(o.seed());
    int[] sizes = new int[o.levels() + 1];
    Arrays.fill(sizes, 0, o.levels(), o.codebook());
    sizes[o.levels()] = o.items();
    int width = o.levels() + 1;
    int[] codes = new int[(o.items() + 1) * width];
    for (int i = 1; i <= o.items(); i++) {
      for (int l = 0; l < o.levels(); l++) codes[i * width + l] = 1 + rnd.nextInt(o.codebook());
      codes[i * width + o.levels()] = i;
    }
    SidTable sids = new SidTable(new SidTable.Meta("benchmark", o.items(), sizes, o.levels(), "random", "random",
        Map.of("seed", o.seed())), codes);
    ItemKeys keys = new ItemKeys(sids, o.items());
    float[] table = new float[(o.items() + 1) * o.dim()];
    for (int i = 0; i < table.length; i++) table[i] = (float) rnd.nextGaussian();
    SimHash hash = new SimHash(o.dim(), o.hashBits(), o.seed());
    keys.signAll(hash, table, o.dim());
    double signNanos = timeSigning(hash, table, o, rnd, keys);

    int[] history = new int[o.history()];
    for (int i = 0; i < history.length; i++) history[i] = 1 + rnd.nextInt(o.items());
    int[] targets = new int[o.targets()];
    for (int i = 0; i < targets.length; i++) targets[i] = 1 + rnd.nextInt(o.items());

    MultiRouteRetriever retriever = new MultiRouteRetriever(RetrievalConfig.r2led(o.topk(), o.shortSeqLen()), o.levels());
    RouteSelection sel = retriever.newSelection();
    HammingTopK eta = new HammingTopK();
    int[] etaOut = new int[o.topk()];
    long[] sink = new long[1];

    Runnable full = () -> {
      long tokens = 0;
      for (int t : targets) {
        retriever.retrieve(history, history.length, t, keys, sel);
        for (int r = 0; r < sel.counts.length; r++) tokens += sel.counts[r];
      }
      sink[0] += tokens;
    };
    RouteSelection[] sels = new RouteSelection[o.batch()];
    for (int i = 0; i < sels.length; i++) sels[i] = retriever.newSelection();
    int[] chunk = new int[o.batch()];
    Runnable many = () -> {
      long tokens = 0;
      for (int start = 0; start + o.batch() <= targets.length; start += o.batch()) {
        System.arraycopy(targets, start, chunk, 0, o.batch());
        retriever.retrieveMany(history, 0, history.length, chunk, o.batch(), keys, sels);
        tokens += sels[0].counts[0];
      }
      sink[0] += tokens;
    };
    Runnable etaRun = () -> {
      long[] sigs = keys.signatures();
      long acc = 0;
      for (int t : targets) acc += eta.select(history, 0, history.length, sigs[t], sigs, o.topk(), etaOut);
      sink[0] += acc;
    };

    log.accept(String.format("warming up (%.1f s)...", o.warmupSeconds()));
    long end = System.nanoTime() + (long) (o.warmupSeconds() * 1e9);
    while (System.nanoTime() < end) {
      full.run();
      many.run();
      etaRun.run();
    }
    long alloc0 = allocatedBytes();
    sink[0] = 0;
    double[] cpuTimes = new double[o.runs()];
    double[] fullTimes = time(full, o.runs(), o.targets(), cpuTimes);
    long alloc1 = allocatedBytes();
    double meanTokens = (double) sink[0] / ((double) o.runs() * o.targets());
    int batchedTargets = o.targets() / o.batch() * o.batch();
    double[] manyTimes = time(many, o.runs(), batchedTargets, new double[o.runs()]);
    double[] etaTimes = time(etaRun, o.runs(), o.targets(), new double[o.runs()]);
    double allocPerTarget = alloc0 < 0 || alloc1 < 0 ? -1 : (double) (alloc1 - alloc0) / ((double) o.runs() * o.targets());
    Map<String, Object> env = Map.of(
        "load_average_1min", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        "java", System.getProperty("java.version"),
        "vm", System.getProperty("java.vm.name"),
        "cores", Runtime.getRuntime().availableProcessors(),
        "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        "threads", 1);
    return new Result(o, retriever.numRoutes(), percentile(fullTimes, 0.5), percentile(fullTimes, 0.1),
        percentile(fullTimes, 0.9), cpuTimes[0] < 0 ? -1 : percentile(cpuTimes, 0.5), meanTokens, allocPerTarget,
        percentile(manyTimes, 0.5), percentile(etaTimes, 0.5), signNanos, env);
  }

  /** Per-run mean wall microseconds per target, sorted; {@code cpu} receives the same in thread CPU time. */
  private static double[] time(Runnable run, int runs, int targets, double[] cpu) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    boolean cpuOk = mx.isCurrentThreadCpuTimeSupported();
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      long c0 = cpuOk ? mx.getCurrentThreadCpuTime() : 0;
      long t0 = System.nanoTime();
      run.run();
      t[i] = (System.nanoTime() - t0) / 1e3 / targets;
      cpu[i] = cpuOk ? (mx.getCurrentThreadCpuTime() - c0) / 1e3 / targets : -1;
    }
    Arrays.sort(t);
    Arrays.sort(cpu);
    return t;
  }

  private static double percentile(double[] sorted, double q) {
    int i = (int) Math.round(q * (sorted.length - 1));
    return sorted[i];
  }

  /** Times re-signing batches of 4,096 random rows; returns ns per row (median of 15 batches after warm-up). */
  private static double timeSigning(SimHash hash, float[] table, Options o, Random rnd, ItemKeys keys) {
    int[] rows = new int[4096];
    double[] t = new double[15];
    for (int rep = 0; rep < 30 + t.length; rep++) {
      for (int i = 0; i < rows.length; i++) rows[i] = 1 + rnd.nextInt(o.items());
      long t0 = System.nanoTime();
      keys.refresh(hash, table, o.dim(), rows, rows.length);
      long dt = System.nanoTime() - t0;
      if (rep >= 30) t[rep - 30] = (double) dt / rows.length;
    }
    Arrays.sort(t);
    return t[t.length / 2];
  }

  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
      return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }
}
