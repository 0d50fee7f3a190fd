package org.r2led.recall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.io.Json;
import org.r2led.io.Progress;
import org.r2led.io.StagedDir;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.NextItemProtocol;
import org.r2led.recall.train.NeuralRecall;
import org.r2led.recall.train.RecallTrainer;
import org.r2led.train.Checkpoint;
import org.r2led.train.Convergence;
import org.r2led.train.TrainState;

/**
 * A retrieval run directory: {@code retrieval.json} (model, dataset, configuration, epoch log,
 * validation and test metrics) and, for neural models, {@code params.ckpt}. Non-neural models are
 * refitted from the dataset's training positions on load (deterministic). Written through
 * {@link StagedDir}: replaced only when complete.
 */
public final class RecallRun {
  public static final String INFO = "retrieval.json";
  public static final String PARAMS = "params.ckpt";
  /**
   * The output kind of {@code retrieve train}; a run of an earlier version (no recorded file list) is
   * replaced when it holds nothing but a run's files.
   */
  public static final StagedDir.Kind KIND = new StagedDir.Kind("retrieval-run", dir -> {
    try (var s = Files.list(dir)) {
      return Files.isRegularFile(dir.resolve(INFO))
          && s.map(p -> p.getFileName().toString()).allMatch(n -> n.equals(INFO) || n.equals(PARAMS) || n.equals(StagedDir.MARKER));
    } catch (java.io.IOException e) {
      return false;
    }
  });
  /** Cutoffs reported by runs and evaluations. */
  public static final int[] CUTOFFS = {10, 50, 200};

  /** What {@code retrieval.json} holds; {@code convergence} is null for models without training (and older runs). */
  public record Info(String model, String dataset, String datasetFingerprint, Map<String, String> config,
      List<RecallTrainer.EpochLog> epochs, Map<String, Object> valid, Map<String, Object> test, double trainSeconds,
      Convergence convergence) {}

  /** A loaded run: its record, the settings it retrieves with (the record's, plus any overrides), model and data. */
  public record Loaded(Info info, RecallConfig config, Retriever retriever, NextItemData data, PreparedDataset dataset) {}

  private RecallRun() {}

  /** Trains {@code model} on {@code dataDir}, evaluates on validation and test, and writes {@code out}. */
  public static Info train(Path dataDir, String model, Map<String, String> overrides, Path out, boolean progress) {
    RecallConfig cfg = RecallModels.config(model, overrides);
    PreparedDataset ds = PreparedDataset.open(dataDir);
    NextItemData data = NextItemProtocol.load(ds);
    try (StagedDir staged = StagedDir.open(out, KIND)) {
      Path stage = staged.stage(); // refuses an output holding files r2led did not write before training
      long t0 = System.nanoTime();
      Retriever r = RecallModels.create(model, data, cfg);
      RecallTrainer.Result trained = r instanceof NeuralRecall nr ? RecallTrainer.train(nr, data, cfg, progress) : null;
      double secs = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> valid = metrics(RecallEvaluation.of(r, data.examples(Split.VALID), Progress.silent(), CUTOFFS));
      Map<String, Object> test = metrics(RecallEvaluation.of(r, data.examples(Split.TEST), Progress.silent(), CUTOFFS));
      Info info = new Info(model, dataDir.toAbsolutePath().normalize().toString(), ds.manifest().fingerprint(),
          cfg.toMap(), trained == null ? List.of() : trained.epochs(), valid, test, secs,
          trained == null ? null : trained.convergence());
      if (r instanceof NeuralRecall nr) Checkpoint.write(stage.resolve(PARAMS), model, nr.params(), null, new TrainState());
      Json.write(stage.resolve(INFO), info);
      staged.commit();
      return info;
    }
  }

  /** Loads a run: reopens its dataset, rebuilds the model and (neural) its parameters and item index. */
  public static Loaded load(Path runDir) {
    return load(runDir, Map.of());
  }

  /**
   * {@link #load(Path)} retrieving with {@code searchOverrides} in place of the recorded values of
   * those keys; only {@link RecallConfig#SEARCH_KEYS} may be given (the parameters stay the run's). A
   * swap a killed writer left half done is completed or undone first ({@link StagedDir#settle}).
   */
  public static Loaded load(Path runDir, Map<String, String> searchOverrides) {
    StagedDir.settle(runDir);
    Path f = runDir.resolve(INFO);
    if (!Files.isRegularFile(f)) {
      throw new IllegalArgumentException("not a retrieval run: " + runDir + " has no " + INFO
          + " (create one with `r2led retrieve train`)");
    }
    Info info = Json.read(f, Info.class);
    PreparedDataset ds = PreparedDataset.open(Path.of(info.dataset()));
    if (!ds.manifest().fingerprint().equals(info.datasetFingerprint())) {
      throw new IllegalArgumentException("run " + runDir + " was trained on dataset fingerprint "
          + info.datasetFingerprint() + "; " + info.dataset() + " now has " + ds.manifest().fingerprint());
    }
    NextItemData data = NextItemProtocol.load(ds);
    RecallConfig cfg = RecallConfig.withSearchOverrides(info.config(), searchOverrides);
    Retriever r = RecallModels.create(info.model(), data, cfg);
    if (r instanceof NeuralRecall nr) {
      Checkpoint.read(runDir.resolve(PARAMS), nr.params(), null);
      nr.afterTraining();
    }
    return new Loaded(info, cfg, r, data, ds);
  }

  /** Metrics as a JSON-friendly map. */
  public static Map<String, Object> metrics(RecallEvaluation e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("users", e.report().users());
    e.report().hr().forEach((n, v) -> m.put("hr@" + n, v));
    e.report().recall().forEach((n, v) -> m.put("recall@" + n, v));
    e.report().ndcg().forEach((n, v) -> m.put("ndcg@" + n, v));
    m.put("latency_mean_ms", e.meanMillis());
    m.put("latency_p99_ms", e.p99Millis());
    return m;
  }

}
