package org.r2led.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.io.AtomicFiles;
import org.r2led.io.Columns;
import org.r2led.io.Hashing;
import org.r2led.io.Json;
import org.r2led.io.StagedDir;
import org.r2led.model.ModelData;
import org.r2led.model.ModelRegistry;
import org.r2led.serving.ModelManifest;
import org.r2led.serving.ScoringModel;
import org.r2led.sid.CodebookFiles;

/**
 * {@code r2led export}: turns a finished run into a self-contained model directory
 * ({@link ModelManifest} lists the files) that {@link ScoringModel#load} reads without the training
 * dataset. Written through {@link StagedDir} (kind {@code model}): all or nothing.
 */
public final class ModelExporter {
  private ModelExporter() {}

  /**
   * {@link ModelManifest#KIND}; an export of an earlier version (no recorded file list) is replaced
   * when it holds nothing but {@code model.json} and the files it lists.
   */
  static final StagedDir.Kind KIND = new StagedDir.Kind(ModelManifest.KIND.name(), dir -> {
    try {
      java.util.List<String> own = new java.util.ArrayList<>(ModelManifest.read(dir).files().keySet());
      own.add(ModelManifest.FILE);
      return StagedDir.holdsOnly(dir, own);
    } catch (RuntimeException e) {
      return false;
    }
  });

  /**
   * Exports the best checkpoint of {@code runDir} into {@code outDir}. Refuses a run that is not
   * finished (no best checkpoint, or {@code run.json} status running/paused) and a run whose inputs
   * changed since training (as {@code evaluate} does).
   */
  public static ModelManifest export(Path runDir, Path outDir) { return export(runDir, outDir, ModelRegistry.builtIn()); }

  /** {@link #export(Path, Path)} for a run whose model resolves in {@code models}. */
  public static ModelManifest export(Path runDir, Path outDir, ModelRegistry models) {
    RunInputs run = RunInputs.open(runDir, models);
    if (!Files.isRegularFile(run.bestCheckpoint())) {
      throw new IllegalArgumentException("cannot export " + runDir + ": it has no best checkpoint (" + RunFiles.BEST
          + "); the run never reached its first validation. Train it to the end first");
    }
    if (!"finished".equals(run.status())) {
      throw new IllegalArgumentException("cannot export " + runDir + ": the run is not finished (" + RunFiles.RUN + " status '"
          + run.status() + "'); finish it with `r2led train --resume --set max_steps=0 ...` first");
    }
    run.loadBest(); // the checkpoint loads into the model (checksum, shapes, finite values) before anything is written
    PreparedDataset ds = run.dataset();
    try (StagedDir out = StagedDir.open(outDir, KIND)) {
      Path s = out.stage();
      copy(run.bestCheckpoint(), s.resolve(ModelManifest.PARAMS));
      copy(runDir.resolve(RunFiles.CONFIG), s.resolve(ModelManifest.CONFIG));
      copy(ds.dir().resolve(ModelManifest.ITEM_RAW_IDS), s.resolve(ModelManifest.ITEM_RAW_IDS));
      copy(ds.dir().resolve(ModelManifest.ITEM_CATEGORY), s.resolve(ModelManifest.ITEM_CATEGORY));
      copy(ds.dir().resolve(ModelManifest.CATEGORY_RAW_IDS), s.resolve(ModelManifest.CATEGORY_RAW_IDS));
      Columns.writeInts(s.resolve(ModelManifest.ITEM_TRAIN_COUNT), ModelData.of(ds).trainTargetCounts());
      if (run.sids() != null) {
        run.sids().save(s.resolve(ModelManifest.SIDS));
        copyCodebooks(run.sidsDir(), s.resolve(ModelManifest.SIDS));
      }
      ModelManifest m = ModelManifest.seal(s, run.resolved().spec().name(), ds.numItems(), ds.numCategories(),
          ds.manifest().behaviors(), run.config().asMap(), provenance(run));
      out.commit();
      return m;
    }
  }

  /** Where the model comes from: the run, its dataset and SIDs as run.json records them, metrics, versions. */
  private static Map<String, Object> provenance(RunInputs run) {
    Path runDir = run.runDir();
    Map<String, Object> recorded = Json.read(runDir.resolve(RunFiles.RUN), Map.class);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("run_dir", runDir.toAbsolutePath().normalize().toString());
    p.put("run_json_sha256", Hashing.sha256(runDir.resolve(RunFiles.RUN)));
    p.put("seed", recorded.get("seed"));
    p.put("dataset", recorded.get("dataset"));
    if (recorded.containsKey("sids")) p.put("sids", recorded.get("sids"));
    if (recorded.containsKey("init")) p.put("init", recorded.get("init"));
    Path metrics = runDir.resolve(RunFiles.METRICS);
    if (Files.isRegularFile(metrics)) {
      Map<String, Object> mm = Json.read(metrics, Map.class);
      Map<String, Object> keep = new LinkedHashMap<>();
      for (String k : new String[] {"valid", "test"}) if (mm.containsKey(k)) keep.put(k, mm.get(k));
      p.put("metrics", keep);
    }
    p.put("trained_with", recorded.get("versions"));
    p.put("exported_with", RunInfo.versions());
    return p;
  }

  /**
   * The SID build's codebooks ({@code codebooks/}, when it saved them), so that {@code sid extend} can code
   * items new to the exported model with the codebooks its SIDs came from.
   */
  private static void copyCodebooks(Path sidsDir, Path to) {
    Path from = sidsDir.resolve(CodebookFiles.DIR);
    if (!Files.isDirectory(from)) return;
    try (java.util.stream.Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to.resolve(CodebookFiles.DIR));
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (Files.isRegularFile(f)) copy(f, to.resolve(CodebookFiles.DIR).resolve(f.getFileName().toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the codebooks of " + sidsDir, e);
    }
  }

  /** Copies a file byte for byte, fsynced ({@link AtomicFiles}). */
  private static void copy(Path from, Path to) {
    try {
      AtomicFiles.write(to, out -> Files.copy(from, out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }
}
