package org.r2led.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.bench.sid.SidBenchmark;
import org.r2led.sid.embed.BgeSmallEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led bench sid}: RQ-KMeans time and text-encoder throughput. */
@Command(name = "sid", mixinStandardHelpOptions = true,
    description = "Time RQ-KMeans on random-but-clustered vectors and measure text-encoder throughput.")
public final class BenchSidCommand implements Callable<Integer> {
  @Option(names = "--items", defaultValue = "100000", description = "vectors to quantize (default: ${DEFAULT-VALUE})")
  int items;

  @Option(names = "--dim", defaultValue = "384", description = "vector dimension (default: ${DEFAULT-VALUE})")
  int dim;

  @Option(names = "--levels", defaultValue = "3", description = "levels (default: ${DEFAULT-VALUE})")
  int levels;

  @Option(names = "--codebook-size", defaultValue = "256", description = "codes per level (default: ${DEFAULT-VALUE})")
  int k;

  @Option(names = "--threads", defaultValue = "0", description = "threads, 0 = all processors (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--texts", defaultValue = "1500", description = "texts to encode, 0 = skip (default: ${DEFAULT-VALUE})")
  int texts;

  @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    SidBenchmark.RqKMeansTiming t = SidBenchmark.rqKMeans(items, dim, levels, k, threads, seed);
    System.out.printf(Locale.ROOT, "RQ-KMeans: %d x %d vectors, %d levels x %d codes, %d threads: %.2f s%n",
        t.n(), t.dim(), t.levels(), t.k(), t.threads(), t.seconds());
    StringBuilder mse = new StringBuilder();
    for (double m : t.mseByLevels()) mse.append(String.format(Locale.ROOT, " %.5f", m));
    System.out.println("  reconstruction MSE by levels 0.." + t.levels() + ":" + mse);
    if (texts > 0) {
      SidBenchmark.EncoderTiming e = SidBenchmark.encoder(new BgeSmallEncoder(), SidBenchmark.sampleTexts(texts, seed), 256);
      System.out.printf(Locale.ROOT, "Text encoder %s: %d texts in %.2f s = %.1f texts/s (%d processors, no cache)%n",
          e.model(), e.texts(), e.seconds(), e.textsPerSecond(), Runtime.getRuntime().availableProcessors());
    }
    return 0;
  }
}
