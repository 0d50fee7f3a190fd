package org.r2led.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.io.ToolFile;
import org.r2led.bench.retrieval.RetrievalBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led bench retrieval}: time of R2LED's multi-route retrieval per target. */
@Command(name = "retrieval", mixinStandardHelpOptions = true,
    description = "Time per target of R2LED's multi-route retrieval (all routes) over one long history, "
        + "single-threaded, median of repeated runs after JIT warm-up; also ETA's Hamming top-k and SimHash signing.")
public final class BenchRetrievalCommand implements Callable<Integer> {
  private static final RetrievalBenchmark.Options D = RetrievalBenchmark.Options.defaults();

  @Option(names = "--history", description = "behaviours in the history (default: ${DEFAULT-VALUE})")
  int history = D.history();

  @Option(names = "--topk", description = "tokens per retrieval route (default: ${DEFAULT-VALUE})")
  int topk = D.topk();

  @Option(names = "--levels", description = "SID semantic levels = prefix routes (default: ${DEFAULT-VALUE})")
  int levels = D.levels();

  @Option(names = "--hash-bits", description = "SimHash bits, 1..64 (default: ${DEFAULT-VALUE})")
  int hashBits = D.hashBits();

  @Option(names = "--short-seq-len", description = "short route length (default: ${DEFAULT-VALUE})")
  int shortSeqLen = D.shortSeqLen();

  @Option(names = "--items", description = "catalog size (default: ${DEFAULT-VALUE})")
  int items = D.items();

  @Option(names = "--codebook", description = "SID codes per level (default: ${DEFAULT-VALUE})")
  int codebook = D.codebook();

  @Option(names = "--dim", description = "embedding dimension hashed by SimHash (default: ${DEFAULT-VALUE})")
  int dim = D.dim();

  @Option(names = "--targets", description = "targets per timed run (default: ${DEFAULT-VALUE})")
  int targets = D.targets();

  @Option(names = "--batch", description = "targets sharing the history in the retrieveMany figure (default: ${DEFAULT-VALUE})")
  int batch = D.batch();

  @Option(names = "--runs", description = "timed runs (default: ${DEFAULT-VALUE})")
  int runs = D.runs();

  @Option(names = "--warmup", description = "warm-up seconds (default: ${DEFAULT-VALUE})")
  double warmup = D.warmupSeconds();

  @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed = D.seed();

  @Option(names = "--json", description = "also write the result as JSON to this file (replaces only such a file)")
  Path json;

  /** Keys of the --json file, by which an existing one is recognised as this command's. */
  private static final List<String> JSON_KEYS = List.of("options", "routes", "medianMicros", "etaMedianMicros", "signNanosPerRow");

  @Override
  public Integer call() {
    ToolFile jsonFile = json == null ? null : ToolFile.json(json, JSON_KEYS).checked();
    RetrievalBenchmark.Options o = new RetrievalBenchmark.Options(history, topk, levels, hashBits, shortSeqLen, items,
        codebook, dim, targets, batch, runs, warmup, seed);
    RetrievalBenchmark.Result r = RetrievalBenchmark.run(o, System.err::println);
    System.out.printf("retrieval benchmark: history=%d topk=%d levels=%d hash_bits=%d short_seq_len=%d items=%d "
        + "codebook=%d, %d routes, 1 thread, %d cores%n", history, topk, levels, hashBits, shortSeqLen, items, codebook,
        r.routes(), Runtime.getRuntime().availableProcessors());
    System.out.printf("  R2LED all routes : median %.2f us/target wall (p10 %.2f, p90 %.2f), %.2f us/target CPU, over "
        + "%d runs x %d targets; %.1f tokens/target; %.1f bytes allocated/target%n", r.medianMicros(), r.p10Micros(),
        r.p90Micros(), r.cpuMedianMicros(), runs, targets, r.meanRouteTokens(), r.allocatedBytesPerTarget());
    System.out.printf("  R2LED retrieveMany: median %.2f us/target (%d targets sharing the history)%n",
        r.manyMedianMicros(), batch);
    System.out.printf("  ETA Hamming top-k: median %.2f us/target%n", r.etaMedianMicros());
    System.out.printf("  SimHash signRows : %.1f ns/row (dim %d, %d bits)%n", r.signNanosPerRow(), dim, hashBits);
    System.out.printf("  target <= 50 us/target (median wall): %s; load average during the run %.2f on %d cores%n",
        r.medianMicros() <= 50 ? "met" : "NOT met", r.environment().get("load_average_1min"),
        Runtime.getRuntime().availableProcessors());
    if (jsonFile != null) {
      jsonFile.writeJson(r);
      System.out.println("  wrote " + json);
    }
    return 0;
  }
}
