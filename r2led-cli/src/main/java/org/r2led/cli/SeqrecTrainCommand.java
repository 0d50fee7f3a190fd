package org.r2led.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.config.Config;
import org.r2led.seqrec.SeqRecKeys;
import org.r2led.seqrec.SeqRecResult;
import org.r2led.seqrec.SeqRecRunFiles;
import org.r2led.seqrec.SeqRecTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led seqrec train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a sequential recommender with early stopping on validation NDCG@10 (full catalog); writes "
        + "config.yaml, run.json, best.ckpt and metrics.json (HR@K/NDCG@K, K=5,10,20, full catalog and 100 sampled "
        + "negatives) into the run directory.")
public final class SeqrecTrainCommand implements Callable<Integer> {
  @Option(names = "--data", description = "prepared dataset directory (required unless --resume: then the run's)")
  Path data;

  @Option(names = "--backbone", description = "sasrec, gru4rec or bert4rec (default: the config's, else sasrec)")
  String backbone;

  @Option(names = "--enhance", description = "none or dmesr (default: the config's, else none)")
  String enhance;

  @Option(names = "--config", description = "YAML file of config keys")
  Path config;

  @Option(names = "--set", description = "override a key, e.g. --set embedding_dim=64, --set views=title_genres,file:mllm.txt (repeatable)")
  List<String> settings = new ArrayList<>();

  @Option(names = "--cache", description = "item-view cache (text embeddings, token outputs); default: DATA's parent/seqrec-cache/DATA's name")
  Path cache;

  @Option(names = "--out", required = true, description = "run directory")
  Path out;

  @Option(names = "--no-progress", description = "do not draw the progress bar")
  boolean noProgress;

  @Option(names = "--resume", description = "continue the run in --out from its last checkpoint (paused at max_steps or "
      + "killed); only epochs, min_steps, max_steps, patience and checkpoint_steps may change")
  boolean resume;

  @Override
  public Integer call() {
    if (!resume && data == null) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--data is required (unless --resume)");
    }
    Path d = data != null ? data : SeqRecRunFiles.dataDir(out);
    Config.Builder b = Config.builder();
    if (resume) b.file(out.resolve(SeqRecRunFiles.CONFIG));
    if (config != null) b.file(config);
    if (backbone != null) b.set(SeqRecKeys.BACKBONE.name(), backbone, "--backbone");
    if (enhance != null) b.set(SeqRecKeys.ENHANCE.name(), enhance, "--enhance");
    Config cfg = b.overrides(settings).build(SeqRecKeys.ALL);
    SeqRecResult r = SeqRecTrainer.train(new SeqRecTrainer.Request(d, out, cfg, cacheDir(cache, d), !noProgress,
        org.r2led.sid.embed.BgeSmallEncoder::new, resume));
    System.out.printf(Locale.ROOT, "%s  run %s (best epoch %d of %d, %,.0f sequences/s)%nvalid%n%s%ntest%n%s%n", r.config(),
        r.runDir(), r.bestEpoch(), r.epochs(), r.samplesPerSecond(), r.valid().format(), r.test().format());
    return 0;
  }

  /** The item-view cache directory: {@code cache} or {@code <data parent>/seqrec-cache/<data name>}. */
  static Path cacheDir(Path cache, Path data) {
    if (cache != null) return cache;
    Path abs = data.toAbsolutePath().normalize();
    Path parent = abs.getParent() == null ? abs : abs.getParent();
    return parent.resolve("seqrec-cache").resolve(abs.getFileName().toString());
  }
}
