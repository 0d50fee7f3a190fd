package org.r2led.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.data.stats.DatasetStats;
import org.r2led.data.synth.SynthConfig;
import org.r2led.data.synth.SyntheticGenerator;
import org.r2led.io.InPlaceDir;
import org.r2led.io.FileTrees;
import org.r2led.io.StagedDir;
import org.r2led.sid.SidBuildConfig;
import org.r2led.sid.SidBuilder;
import org.r2led.train.Evaluator;
import org.r2led.train.RunFiles;
import org.r2led.train.RunResult;
import org.r2led.train.SplitMetrics;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code r2led quickstart}: the main job end to end on an embedded synthetic dataset — generate data
 * with a known click model, build Semantic IDs from the item titles with the sentence encoder, train
 * DIN and R2LED briefly, compare their test AUC with the oracle AUC, then export the R2LED run (the
 * last trained model when R2LED was not among them) and score a few users through the HTTP service.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on a built-in synthetic dataset (no external data): data synth → "
        + "data stats → sid build → train din and r2led → a comparison table with the oracle AUC → export r2led → "
        + "serve it briefly on loopback, post a few events and score a few users.")
public final class QuickstartCommand implements Callable<Integer> {
  /** Training settings of the quickstart: brief, and the same for every model (each gets the keys it reads). */
  static final List<String> TRAIN_SETTINGS = List.of("epochs=2", "max_seq_len=500", "topk=20", "short_seq_len=20");

  @Option(names = "--out", description = "output directory (default: ${DEFAULT-VALUE})", defaultValue = "out/quickstart")
  Path out;

  @Option(names = "--seed", description = "seed of data generation, SIDs and training (default: ${DEFAULT-VALUE})",
      defaultValue = "7")
  int seed;

  @Option(names = "--models", split = ",", description = "models to train (default: ${DEFAULT-VALUE})",
      defaultValue = "din,lr_shortcuts,r2led")
  List<String> models;

  @Option(names = "--set", description = "extra training setting key=value for every model (repeatable)")
  List<String> settings = new ArrayList<>();

  @Option(names = "--synth", paramLabel = "KEY=VALUE",
      description = "synthetic-data setting on top of the quickstart preset, e.g. users=200 (repeatable; see `data synth`)")
  java.util.Map<String, String> synthSettings = new java.util.LinkedHashMap<>();

  /** The runs' results ledger in {@code runs/}. */
  private static final String LEDGER = "results.tsv";

  /** The entries the quickstart writes into its directory. */
  private static final List<String> OWN = List.of("data", "sids", "runs", "model", "summary.md", "embedding-cache");

  /**
   * The quickstart's own output directory, written in place under its lock ({@link InPlaceDir}):
   * rerunning replaces it (the dataset and SIDs are reused when up to date, runs are retrained); any
   * other non-empty directory is refused, and so is one of its entries that the quickstart did not write.
   */
  static final StagedDir.Kind KIND = new StagedDir.Kind("quickstart", dir -> {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).allMatch(n -> n.startsWith(".") || OWN.contains(n));
    } catch (IOException e) {
      return false;
    }
  });

  @Override
  public Integer call() throws IOException {
    List<String> writes = OWN.stream().map(n -> n.equals("summary.md") ? n : n + "/").toList();
    try (InPlaceDir dir = InPlaceDir.open(out, KIND, OWN::contains, writes)) {
      dir.mark();
      return run(dir);
    }
  }

  private int run(InPlaceDir dir) throws IOException {
    long t0 = System.nanoTime();
    Path dataDir = dir.claim("data/");

    step(1, "synthetic dataset → " + dataDir);
    SynthConfig synth = SynthConfig.quickstart().with(synthSettings).with("seed", seed);
    SyntheticGenerator.generateOrReuse(synth, dataDir, System.err);
    PreparedDataset ds = PreparedDataset.open(dataDir);
    System.out.println(DatasetStats.compute(ds).toMarkdown());

    Path sidDir = dir.claim("sids/");
    step(2, "Semantic IDs from item titles (bge-small-en-v1.5 + RQ-KMeans) → " + sidDir);
    SidBuildConfig sidCfg = SidBuildConfig.defaults().with(SidBuildConfig.SEED, (long) seed, "--seed")
        .with(SidBuildConfig.CACHE_DIR, dir.claim("embedding-cache/").toString());
    SidBuilder.build(ds, sidCfg, sidDir);
    System.out.println(readReport(sidDir));

    Path runsDir = dir.claim("runs/");
    if (Files.exists(runsDir)) {
      checkOwnRuns(runsDir);
      System.err.println("quickstart: replacing the runs of a previous quickstart in " + runsDir);
      FileTrees.delete(runsDir);
    }
    List<RunResult> results = new ArrayList<>();
    int n = 3;
    for (String model : models) {
      step(n++, "train " + model + " → " + runsDir.resolve(model));
      // the shared settings that this model reads (e.g. din has no topk or max_seq_len)
      List<String> overrides = new ArrayList<>(org.r2led.train.TrainKeys.readBy(model, TRAIN_SETTINGS,
          org.r2led.model.ModelRegistry.builtIn().names()));
      overrides.add("seed=" + seed);
      overrides.addAll(settings);
      results.add(Trainer.train(new TrainRequest(dataDir, sidDir, model, null, overrides, runsDir.resolve(model),
          false, runsDir.resolve(LEDGER), true)));
    }

    SplitMetrics oracle = Evaluator.oracle(ds, Split.TEST);
    String table = summary(results, oracle, (System.nanoTime() - t0) / 1e9);
    write(dir.claim("summary.md"), table);
    System.out.println();
    System.out.println(table);

    if (!results.isEmpty()) {
      RunResult served = results.stream().filter(r -> r.model().equals("r2led")).findFirst().orElse(results.get(results.size() - 1));
      Path modelDir = dir.claim("model/");
      step(n, "export " + served.model() + " → " + modelDir + ", serve it briefly, post events, score users");
      org.r2led.train.ModelExporter.export(served.runDir(), modelDir);
      ServeDemo.run(modelDir, ds, dataDir, System.out);
    }
    System.out.println("outputs: " + out.toAbsolutePath() + "  (summary.md, data/, sids/, runs/, model/)");
    return 0;
  }

  /** Refuses to replace {@code runsDir} when it holds anything but a quickstart's runs and their ledger. */
  static void checkOwnRuns(Path runsDir) throws IOException {
    List<String> foreign = new ArrayList<>();
    try (java.util.stream.Stream<Path> s = Files.list(runsDir)) {
      for (Path p : s.sorted().toList()) {
        String n = p.getFileName().toString();
        if (n.equals(LEDGER) || (n.startsWith(".") && (n.endsWith(".tmp") || n.endsWith(".lock")))) continue; // temp and lock files
        if (Files.isDirectory(p)) RunFiles.foreignPaths(p).forEach(f -> foreign.add(n + "/" + f));
        else foreign.add(n);
      }
    }
    if (!foreign.isEmpty()) {
      throw new IllegalArgumentException("refusing to replace the quickstart's runs in " + runsDir + ": it holds files the"
          + " quickstart did not write (" + StagedDir.shown(foreign) + "); move them out and run again");
    }
  }

  static String summary(List<RunResult> results, SplitMetrics oracle, double seconds) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Quickstart: test metrics on the synthetic dataset\n\n");
    sb.append("| model | test AUC | test LogLoss | test GAUC | gap to oracle AUC | train samples/s |\n");
    sb.append("|---|---:|---:|---:|---:|---:|\n");
    for (RunResult r : results) {
      sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %,.0f |%n", r.model(), r.test().auc(),
          r.test().logloss(), r.test().gauc(), oracle.auc() - r.test().auc(), r.trainSamplesPerSecond()));
    }
    sb.append(String.format(Locale.ROOT, "| oracle (true click probabilities) | %.4f | %.4f | %.4f | 0 | |%n",
        oracle.auc(), oracle.logloss(), oracle.gauc()));
    sb.append(String.format(Locale.ROOT, "%nTraining settings: %s. Total time %.0f s.%n",
        String.join(", ", TRAIN_SETTINGS), seconds));
    return sb.toString();
  }

  private static String readReport(Path sidDir) {
    try {
      Path md = sidDir.resolve(org.r2led.sid.SidReport.MD_FILE);
      return Files.isRegularFile(md) ? Files.readString(md, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      org.r2led.io.AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void step(int n, String what) {
    System.err.println();
    System.err.println("== [" + n + "] " + what);
  }
}
