package org.r2led.train;

import java.nio.file.Path;
import java.util.List;
import org.r2led.config.Config;
import org.r2led.model.ModelRegistry;

/**
 * What to train.
 *
 * @param data prepared dataset directory
 * @param sids SID table directory, or null
 * @param model model name (overrides the config's {@code model}), or null to use the config's
 * @param configFile YAML config, or null
 * @param overrides {@code key=value} settings applied last
 * @param runDir output run directory
 * @param resume continue from {@code runDir/checkpoint/last.ckpt}
 * @param ledger results ledger (TSV) to append to, or null for {@code results.tsv} beside the run dir
 * @param progress whether to show a progress bar on stderr
 * @param models where the model name resolves (null: {@link ModelRegistry#builtIn()})
 * @param initFrom an exported model or run directory a new run starts from ({@link WarmStart}), or null
 */
public record TrainRequest(Path data, Path sids, String model, Path configFile, List<String> overrides, Path runDir,
    boolean resume, Path ledger, boolean progress, ModelRegistry models, Path initFrom) {
  public TrainRequest {
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
    models = models == null ? ModelRegistry.builtIn() : models;
  }

  /** A request without a warm start. */
  public TrainRequest(Path data, Path sids, String model, Path configFile, List<String> overrides, Path runDir,
      boolean resume, Path ledger, boolean progress, ModelRegistry models) {
    this(data, sids, model, configFile, overrides, runDir, resume, ledger, progress, models, null);
  }

  /** A request whose model name resolves in the built-in registry. */
  public TrainRequest(Path data, Path sids, String model, Path configFile, List<String> overrides, Path runDir,
      boolean resume, Path ledger, boolean progress) {
    this(data, sids, model, configFile, overrides, runDir, resume, ledger, progress, null, null);
  }

  /** The same request with the model name resolved in {@code registry} (e.g. one with an application's own models). */
  public TrainRequest withModels(ModelRegistry registry) {
    return new TrainRequest(data, sids, model, configFile, overrides, runDir, resume, ledger, progress, registry, initFrom);
  }

  /** Settings of {@code savedConfig} (a run's or model's config.yaml) with this request's config file, model and overrides applied last. */
  Config.Builder settingsOver(Path savedConfig) {
    Config.Builder cb = Config.builder().file(savedConfig);
    if (configFile != null) cb.file(configFile);
    if (model != null) cb.set(TrainKeys.MODEL.name(), model, "--model");
    return cb.overrides(overrides);
  }

  /** The same request with {@code settings} as its overrides ({@code key=value}, applied last). */
  public TrainRequest withOverrides(List<String> settings) {
    return new TrainRequest(data, sids, model, configFile, settings, runDir, resume, ledger, progress, models, initFrom);
  }

  /** The same request starting from the parameters of {@code modelOrRunDir} ({@link WarmStart}). */
  public TrainRequest withInitFrom(Path modelOrRunDir) {
    return new TrainRequest(data, sids, model, configFile, overrides, runDir, resume, ledger, progress, models, modelOrRunDir);
  }
}
