package org.r2led.seqrec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.io.AtomicFiles;
import org.r2led.io.Json;
import org.r2led.io.StagedDir;
import org.r2led.nextitem.RankingReport;
import org.r2led.train.ResumeRules;

/**
 * Files of a sequential-recommendation run directory: {@code config.yaml} (resolved keys),
 * {@code run.json} (task, dataset path and fingerprint, view-cache path, item-view coverage, status),
 * {@code best.ckpt} (parameters of the best validation epoch, {@code org.r2led.train.Checkpoint} format),
 * {@code last.ckpt} (the resumable state) and
 * {@code metrics.json} (both protocols on valid and test, training figures).
 */
public final class SeqRecRunFiles {
  private SeqRecRunFiles() {}

  public static final String CONFIG = "config.yaml";
  public static final String RUN = "run.json";
  public static final String BEST = "best.ckpt";
  /** Resumable state of the last validation, checkpoint step or pause (parameters, Adam moments, data position). */
  public static final String LAST = "last.ckpt";
  public static final String METRICS = "metrics.json";
  public static final String TASK = "seqrec";

  /** Refuses a run directory holding anything but the files a run writes (a run killed before its checkpoint). */
  static void checkFreshTarget(Path runDir) {
    if (!Files.isDirectory(runDir)) return;
    List<String> foreign = StagedDir.pathsBesides(runDir, List.of(CONFIG, RUN, BEST, LAST, METRICS));
    if (!foreign.isEmpty()) {
      throw new IllegalArgumentException("refusing to train into " + runDir + ": it is not empty and is not a seqrec run "
          + "directory (found " + StagedDir.shown(foreign) + "); choose a new or empty --out");
    }
  }

  static void writeConfig(Path runDir, Config cfg) {
    try {
      Files.createDirectories(runDir);
      AtomicFiles.write(runDir.resolve(CONFIG), cfg.toYaml().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to run directory " + runDir, e);
    }
  }

  static void writeRun(Path runDir, PreparedDataset ds, Path cache, Map<String, Object> views, String status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", TASK);
    m.put("data", ds.dir().toAbsolutePath().normalize().toString());
    m.put("dataset_fingerprint", ds.manifest().fingerprint());
    m.put("cache", cache.toAbsolutePath().normalize().toString());
    if (views != null) m.put("views", views);
    m.put("status", status);
    Json.write(runDir.resolve(RUN), m);
  }

  /**
   * Fails naming the file or key when the run in {@code runDir} cannot continue as {@code requested} on
   * {@code ds}: its config and last checkpoint must exist, {@code requested} may change only
   * {@link ResumeRules#SCHEDULE_KEYS}, and {@code ds} must be the dataset it was trained on.
   */
  static void checkResumable(Path runDir, Config requested, PreparedDataset ds) {
    for (String f : List.of(CONFIG, LAST)) {
      if (!Files.isRegularFile(runDir.resolve(f))) throw new IllegalArgumentException("cannot resume: " + runDir.resolve(f) + " does not exist");
    }
    ResumeRules.refuseFixedChanges(runDir, readConfig(runDir), requested);
    Object fp = readRun(runDir).get("dataset_fingerprint");
    if (fp != null && !fp.equals(ds.manifest().fingerprint())) {
      throw new IllegalArgumentException("cannot resume " + runDir + ": dataset " + ds.dir() + " has fingerprint "
          + ds.manifest().fingerprint() + ", the run was trained on " + fp + " (" + readRun(runDir).get("data") + ")");
    }
  }

  /** The dataset directory {@code run.json} records. */
  public static Path dataDir(Path runDir) { return Path.of(String.valueOf(readRun(runDir).get("data"))); }

  /** The run's resolved configuration. */
  public static Config readConfig(Path runDir) {
    return Config.builder().file(runDir.resolve(CONFIG)).build(SeqRecKeys.ALL);
  }

  /** run.json as a map; fails naming the file when it is not a seqrec run. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readRun(Path runDir) {
    Path f = runDir.resolve(RUN);
    if (!Files.isRegularFile(f)) throw new IllegalArgumentException("not a seqrec run: " + f + " not found");
    Map<String, Object> m = Json.read(f, Map.class);
    if (!TASK.equals(m.get("task"))) {
      throw new IllegalArgumentException(f + ": task is '" + m.get("task") + "'; expected '" + TASK + "' (a `seqrec train` run)");
    }
    return m;
  }

  static Map<String, Object> metricsJson(SeqRecResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("config", r.config());
    m.put("valid", split(r.valid()));
    m.put("test", split(r.test()));
    m.put("best_epoch", r.bestEpoch());
    m.put("epochs", r.epochs());
    m.put("steps", r.steps());
    m.put("samples_per_second", r.samplesPerSecond());
    m.put("convergence", r.convergence());
    return m;
  }

  static Map<String, Object> split(SeqRecMetrics m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("full_catalog", report(m.fullCatalog()));
    o.put("sampled_100", report(m.sampled()));
    return o;
  }

  private static Map<String, Object> report(RankingReport r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("protocol", r.protocol());
    o.put("users", r.users());
    for (int k : SeqRecMetrics.CUTOFFS) o.put("HR@" + k, r.hr(k));
    for (int k : SeqRecMetrics.CUTOFFS) o.put("NDCG@" + k, r.ndcg(k));
    return o;
  }

  /** The logged value {@code metrics.json → split → protocol → metric} (e.g. test, full_catalog, NDCG@10). */
  @SuppressWarnings("unchecked")
  public static double logged(Path runDir, String split, String protocol, String metric) {
    Map<String, Object> m = Json.read(runDir.resolve(METRICS), Map.class);
    Object v = ((Map<String, Object>) ((Map<String, Object>) m.get(split)).get(protocol)).get(metric);
    if (!(v instanceof Number n)) throw new IllegalArgumentException(runDir.resolve(METRICS) + ": no " + split + "/" + protocol + "/" + metric);
    return n.doubleValue();
  }

}
