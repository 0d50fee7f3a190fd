package org.r2led.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.io.Hashing;
import org.r2led.io.Json;
import org.r2led.sid.SidTable;

/**
 * What a run's {@code run.json} recorded about its inputs (resolved configuration, dataset
 * fingerprint, SID table hash), and the checks that the inputs found now are those: {@code evaluate}
 * and {@code --resume} refuse a run whose inputs changed since training.
 */
final class RunProvenance {
  private final Path runDir;
  private final Path runJson;
  private final JsonNode run;

  private RunProvenance(Path runDir, Path runJson, JsonNode run) {
    this.runDir = runDir;
    this.runJson = runJson;
    this.run = run;
  }

  /** Reads {@code runDir/run.json}; fails naming it when it is missing. */
  static RunProvenance read(Path runDir) {
    Path f = runDir.resolve(RunFiles.RUN);
    if (!Files.isRegularFile(f)) throw new IllegalArgumentException("not a run directory: " + f + " does not exist");
    return new RunProvenance(runDir, f, Json.read(f, JsonNode.class));
  }

  /** The recorded status: running, paused or finished. */
  String status() { return run.path("status").asText(""); }

  /** The dataset directory the run was trained on. */
  Path datasetDir() { return Path.of(run.path("dataset").path("dir").asText()); }

  /** The SID directory the run was trained with, or null. */
  Path sidsDir() { return run.has("sids") ? Path.of(run.path("sids").path("dir").asText()) : null; }

  /** What the run was warm-started from ({@link WarmStart#record}), or null for a run trained from scratch. */
  @SuppressWarnings("unchecked")
  Map<String, Object> init() { return run.has("init") ? Json.MAPPER.convertValue(run.get("init"), Map.class) : null; }

  /** Fails naming the keys whose value in {@code cfg} (read from {@code configFile}) differs from the recorded fixed keys. */
  void checkConfig(Config cfg, Path configFile) {
    Map<?, ?> recorded = Json.MAPPER.convertValue(run.path("config"), Map.class);
    if (recorded == null) return;
    List<ConfigDifference> diffs = ConfigDifference.between(recorded, cfg, runJson.toString(), ResumeRules::fixed);
    if (diffs.isEmpty()) return;
    throw new IllegalArgumentException(configFile + " does not match the configuration " + runJson + " recorded ("
        + diffs.stream().map(d -> d.key() + ": recorded " + d.recorded() + ", found " + d.current()).collect(Collectors.joining("; "))
        + "); was it edited after training? Restore it or train a new run");
  }

  /** Fails when {@code ds} is not the dataset the run was trained on (manifest fingerprint). */
  void checkDataset(PreparedDataset ds) {
    String recorded = run.path("dataset").path("manifest_fingerprint").asText();
    String found = ds.manifest().fingerprint();
    if (!found.equals(recorded)) {
      throw new IllegalArgumentException("dataset " + ds.dir() + " has fingerprint " + found + ", but " + runJson + " records "
          + recorded + " (the dataset changed since training, or it is another one)");
    }
  }

  /** Fails when {@code sidsDirOrNull} is not the SID table the run was trained with (presence and codes sha256). */
  void checkSids(Path sidsDirOrNull) {
    Path recordedDir = sidsDir();
    if (recordedDir == null && sidsDirOrNull == null) return;
    if (recordedDir == null) throw new IllegalArgumentException("run " + runDir + " was trained without SIDs; drop --sids " + sidsDirOrNull);
    if (sidsDirOrNull == null) {
      throw new IllegalArgumentException("run " + runDir + " was trained with the SIDs in " + recordedDir + "; pass --sids");
    }
    String recorded = run.path("sids").path("codes_sha256").asText();
    String found = Hashing.sha256(sidsDirOrNull.resolve(SidTable.CODES_FILE));
    if (!found.equals(recorded)) {
      throw new IllegalArgumentException("SID table " + sidsDirOrNull + " has codes sha256 " + found + ", but " + runJson
          + " records " + recorded + " (from " + recordedDir + "): the SIDs were rebuilt or replaced since training."
          + " Restore the SIDs the run used, or train a new run");
    }
  }
}
