package org.r2led.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.model.CheckpointFile;
import org.r2led.nn.ParamStore;

/**
 * A checked {@code --resume} request, validated before anything in the run directory is written:
 * the run's configuration with the requested changes (only {@link ResumeRules#SCHEDULE_KEYS}), its
 * recorded inputs, and where the run stands (the state of its last checkpoint). Used by
 * {@code train} and by other trainers of the same run directory layout (e.g. {@code spark train}).
 */
public final class Resumption {
  private final TrainKeys.Resolved resolved;
  private final RunProvenance provenance;
  private final Path last;
  private final CheckpointFile.Header<TrainState> header;

  private Resumption(TrainKeys.Resolved resolved, RunProvenance provenance, Path last, CheckpointFile.Header<TrainState> header) {
    this.resolved = resolved;
    this.provenance = provenance;
    this.last = last;
    this.header = header;
  }

  /**
   * Checks that {@code req.runDir()} can be resumed as requested: its files exist, its
   * {@code config.yaml} matches {@code run.json}, the request changes no fixed key, and the last
   * checkpoint is intact. Reads only.
   */
  public static Resumption check(TrainRequest req) {
    Path runDir = req.runDir();
    Path saved = runDir.resolve(RunFiles.CONFIG);
    if (!Files.isRegularFile(saved)) throw new IllegalArgumentException("cannot resume: " + saved + " does not exist");
    Path last = RunFiles.last(runDir);
    if (!Files.isRegularFile(last)) throw new IllegalArgumentException("cannot resume: checkpoint " + last + " does not exist");
    RunProvenance provenance = RunProvenance.read(runDir);
    Config runConfig = TrainKeys.resolve(Config.builder().file(saved), req.models()).config();
    provenance.checkConfig(runConfig, saved);
    Config.Builder cb = req.settingsOver(saved);
    // The model selects the key set, so a change of model is refused before the settings are resolved.
    String runModel = runConfig.get(TrainKeys.MODEL);
    String model = String.valueOf(cb.raw(TrainKeys.MODEL.name()));
    if (!model.equals(runModel)) {
      throw new IllegalArgumentException("cannot resume " + runDir + ": model is " + runModel + " in the run, the request gives "
          + model + ". Nothing was changed; train a new run with another --out");
    }
    TrainKeys.Resolved resolved = TrainKeys.resolve(cb, req.models());
    ResumeRules.refuseFixedChanges(runDir, runConfig, resolved.config());
    return new Resumption(resolved, provenance, last, Checkpoint.header(last));
  }

  /** Fails when {@code ds} or {@code sidsDirOrNull} are not the inputs the run was trained on. */
  public void checkInputs(PreparedDataset ds, Path sidsDirOrNull) {
    provenance.checkDataset(ds);
    provenance.checkSids(sidsDirOrNull);
  }

  /** Fails when the last checkpoint does not fit {@code model}'s parameters (or lacks optimizer state). */
  void checkModel(ParamStore model) { Checkpoint.requireCompatible(last, header, model, true); }

  /** The run's configuration with the requested schedule changes. */
  public TrainKeys.Resolved resolved() { return resolved; }

  /**
   * Why the run has no step left to train under the requested schedule ({@code stepsPerEpoch} steps
   * per epoch, for {@code min_steps}), or null when it has.
   */
  public String nothingToTrain(long stepsPerEpoch) {
    return TrainingLoop.Schedule.of(resolved.config()).nothingToTrain(header.state(), stepsPerEpoch);
  }

  /** What {@code run.json} records the run was warm-started from, or null. */
  public java.util.Map<String, Object> recordedInit() { return provenance.init(); }

  /** The status {@code run.json} records (running, paused, finished). */
  public String recordedStatus() { return provenance.status(); }

  /** The training state of the last checkpoint (as its header records it). */
  TrainState state() { return header.state(); }
}
