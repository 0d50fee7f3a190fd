package org.r2led.recall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.config.Config;
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
import org.r2led.train.ResumeRules;
import org.r2led.train.TrainState;
import org.r2led.train.TrainingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A retrieval run directory: {@code retrieval.json} (model, dataset, configuration, epoch log,
 * validation and test metrics) and, for neural models, {@code params.ckpt}. Non-neural models are
 * refitted from the dataset's training positions on load (deterministic). Written through
 * {@link StagedDir}: replaced only when complete. While a neural model trains, its resumable state is
 * kept in place in {@code checkpoint/} ({@link #LAST}, {@link #BEST}, {@link #TRAINING}), so a run that
 * was killed or paused at {@code max_steps} continues exactly with {@code --resume}; the swap of the
 * finished output removes it.
 */
public final class RecallRun {
  private static final Logger log = LoggerFactory.getLogger(RecallRun.class);

  public static final String INFO = "retrieval.json";
  public static final String PARAMS = "params.ckpt";
  /** Resumable state of a training run (parameters, Adam moments, data position). */
  public static final String LAST = "checkpoint/last.ckpt";
  /** Parameters of the best validation so far of a training run. */
  public static final String BEST = "checkpoint/best.ckpt";
  /** What a training run resumes with: model, dataset and configuration. */
  public static final String TRAINING = "checkpoint/training.json";
  /**
   * The output kind of {@code retrieve train}; a run of an earlier version (no recorded file list), or
   * one whose training is under way, is replaced when it holds nothing but a run's files.
   */
  public static final StagedDir.Kind KIND = new StagedDir.Kind("retrieval-run", dir ->
      (Files.isRegularFile(dir.resolve(INFO)) || Files.isRegularFile(dir.resolve(TRAINING)))
          && StagedDir.holdsOnly(dir, List.of(INFO, PARAMS, LAST, BEST, TRAINING)));
  /** Cutoffs reported by runs and evaluations. */
  public static final int[] CUTOFFS = {10, 50, 200};

  /** What {@code retrieval.json} holds; {@code convergence} is null for models without training (and older runs). */
  public record Info(String model, String dataset, String datasetFingerprint, Map<String, String> config,
      List<RecallTrainer.EpochLog> epochs, Map<String, Object> valid, Map<String, Object> test, double trainSeconds,
      Convergence convergence) {
    /** Whether {@code max_steps} paused the training (then the output was not written; {@code --resume} continues). */
    public boolean paused() { return convergence != null && Convergence.MAX_STEPS.equals(convergence.stoppedBy()); }
  }

  /** What {@link #TRAINING} records: a training run's model, dataset and resolved configuration. */
  public record Training(String model, String dataset, String datasetFingerprint, Map<String, String> config) {}

  /** A loaded run: its record, the settings it retrieves with (the record's, plus any overrides), model and data. */
  public record Loaded(Info info, Config config, Retriever retriever, NextItemData data, PreparedDataset dataset) {}

  private RecallRun() {}

  /** Trains {@code model} on {@code dataDir}, evaluates on validation and test, and writes {@code out}. */
  public static Info train(Path dataDir, String model, Map<String, String> overrides, Path out, boolean progress) {
    return train(dataDir, model, overrides, out, progress, false);
  }

  /**
   * {@link #train(Path, String, Map, Path, boolean)}, or with {@code resume} the continuation of the
   * training in {@code out} from its last checkpoint ({@code dataDir} and {@code model} may then be null
   * for the recorded ones; {@code overrides} may change only {@link ResumeRules#SCHEDULE_KEYS}). A run
   * paused at {@code max_steps} keeps its checkpoints and writes no output.
   */
  public static Info train(Path dataDir, String model, Map<String, String> overrides, Path out, boolean progress, boolean resume) {
    try (StagedDir staged = StagedDir.open(out, KIND)) {
      Path stage = staged.stage(); // refuses an output holding files r2led did not write before training
      Path dir = staged.target();
      Training recorded = resume ? resumable(dir, model) : null;
      String name = resume ? recorded.model() : model;
      Path data = dataDir != null ? dataDir : Path.of(recorded.dataset());
      Config cfg = resume ? resumedConfig(dir, name, recorded.config(), overrides) : RecallModels.config(name, overrides);
      PreparedDataset ds = PreparedDataset.open(data);
      if (resume && !ds.manifest().fingerprint().equals(recorded.datasetFingerprint())) {
        throw new IllegalArgumentException("cannot resume " + dir + ": dataset " + data + " has fingerprint " + ds.manifest().fingerprint()
            + ", the run was trained on " + recorded.datasetFingerprint() + " (" + recorded.dataset() + ")");
      }
      NextItemData nd = NextItemProtocol.load(ds);
      long t0 = System.nanoTime();
      Retriever r = RecallModels.create(name, nd, cfg);
      RecallTrainer.Result trained = null;
      if (r instanceof NeuralRecall nr) {
        startTraining(dir, resume, new Training(name, data.toAbsolutePath().normalize().toString(), ds.manifest().fingerprint(),
            RecallKeys.toMap(cfg)));
        trained = RecallTrainer.train(nr, nd, cfg, new TrainingLoop.Checkpoints(dir.resolve(BEST), dir.resolve(LAST)), resume, progress);
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> valid = metrics(RecallEvaluation.of(r, nd.examples(Split.VALID), Progress.silent(), CUTOFFS));
      Map<String, Object> test = metrics(RecallEvaluation.of(r, nd.examples(Split.TEST), Progress.silent(), CUTOFFS));
      Info info = new Info(name, data.toAbsolutePath().normalize().toString(), ds.manifest().fingerprint(),
          RecallKeys.toMap(cfg), trained == null ? List.of() : trained.epochs(), valid, test, secs,
          trained == null ? null : trained.convergence());
      if (trained != null && trained.paused()) {
        log.info("paused at max_steps=" + cfg.get(RecallKeys.MAX_STEPS) + " (figures of the best validation so far); the output is not written. "
            + "Continue with `retrieve train --out " + out + " --resume --set max_steps=0`");
        return info;
      }
      if (r instanceof NeuralRecall nr) Checkpoint.write(stage.resolve(PARAMS), name, nr.params(), null, new TrainState());
      Json.write(stage.resolve(INFO), info);
      staged.commit();
      return info;
    }
  }

  /** The training record of {@code dir}, checked to be resumable as {@code modelOrNull}. */
  private static Training resumable(Path dir, String modelOrNull) {
    for (String f : List.of(TRAINING, LAST)) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IllegalArgumentException("cannot resume: " + dir.resolve(f) + " does not exist (only a neural model's training "
            + "that was paused or killed can be resumed; a finished run keeps no training state)");
      }
    }
    Training t = Json.read(dir.resolve(TRAINING), Training.class);
    if (modelOrNull != null && !modelOrNull.equals(t.model())) {
      throw new IllegalArgumentException("cannot resume " + dir + ": model is " + t.model() + " in the run, the request gives "
          + modelOrNull + ". Nothing was changed; train a new run with another --out");
    }
    return t;
  }

  /** The recorded configuration of {@code model} with {@code overrides}; fails naming every fixed key they change. */
  private static Config resumedConfig(Path dir, String model, Map<String, String> recorded, Map<String, String> overrides) {
    Path training = dir.resolve(TRAINING);
    Config run = RecallKeys.resolve(RecallModels.spec(model).keys(), recorded, training.toString());
    Map<String, String> m = new LinkedHashMap<>(recorded);
    m.putAll(overrides);
    Config requested = RecallKeys.resolve(RecallModels.spec(model).keys(), m, "--set or " + training);
    ResumeRules.refuseFixedChanges(dir, run, requested);
    return requested;
  }

  /**
   * Prepares {@code dir} for in-place training state: marked as this kind's output without a path list
   * (so {@link #KIND}'s rule accepts the checkpoints), the checkpoints of an earlier training removed
   * unless resuming, and {@code training} recorded.
   */
  private static void startTraining(Path dir, boolean resume, Training training) {
    try {
      Files.createDirectories(dir.resolve(LAST).getParent());
      StagedDir.writeMarker(dir, KIND);
      if (!resume) {
        Files.deleteIfExists(dir.resolve(LAST));
        Files.deleteIfExists(dir.resolve(BEST));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir + " for training", e);
    }
    Json.write(dir.resolve(TRAINING), training);
  }

  /** Loads a run: reopens its dataset, rebuilds the model and (neural) its parameters and item index. */
  public static Loaded load(Path runDir) {
    return load(runDir, Map.of());
  }

  /**
   * {@link #load(Path)} retrieving with {@code searchOverrides} in place of the recorded values of
   * those keys; only {@link RecallKeys#SEARCH_KEYS} may be given (the parameters stay the run's). A
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
    Config cfg = RecallKeys.withSearchOverrides(info.config(), searchOverrides);
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
