package org.r2led.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.bench.seqrec.SeqRecBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led seqrec bench}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Train every backbone × variant × seed on one dataset (finished runs are reused) and write "
        + "results.md/.csv/.json: test HR@K and NDCG@K (K=5,10,20), mean ± std, per candidate protocol.")
public final class SeqrecBenchCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "prepared dataset directory")
  Path data;

  @Option(names = "--out", required = true, description = "bench directory (runs/ and the result files)")
  Path out;

  @Option(names = "--backbones", split = ",", defaultValue = "sasrec,gru4rec,bert4rec", description = "default: ${DEFAULT-VALUE}")
  List<String> backbones;

  @Option(names = "--variants", split = ",", defaultValue = "plain,dmesr,dmesr_no_alignment,dmesr_no_fusion",
      description = "plain, dmesr, dmesr_no_alignment, dmesr_no_fusion (default: ${DEFAULT-VALUE})")
  List<String> variants;

  @Option(names = "--seeds", defaultValue = "3", description = "seeds 1..N (default: ${DEFAULT-VALUE})")
  int seeds;

  @Option(names = "--set", description = "a key for every run, e.g. --set epochs=50 (repeatable)")
  List<String> settings = new ArrayList<>();

  @Option(names = "--cache", description = "item-view cache (default: as seqrec train)")
  Path cache;

  @Option(names = "--only-finished", description = "train nothing: tables from the finished runs under --out")
  boolean onlyFinished;

  @Option(names = "--no-progress", description = "do not draw progress bars")
  boolean noProgress;

  @Override
  public Integer call() {
    for (String v : variants) SeqRecBench.variant(v);
    SeqRecBench.run(data, out, backbones, variants, seeds, settings, SeqrecTrainCommand.cacheDir(cache, data), !noProgress,
        !onlyFinished);
    System.out.println(out.resolve("results.md"));
    return 0;
  }
}
