package org.r2led.model;

import static org.r2led.config.ConfigKey.choice;
import static org.r2led.config.ConfigKey.integer;

import org.r2led.config.Config;
import org.r2led.config.ConfigKey;
import org.r2led.config.KeySet;
import org.r2led.sid.SidTable;

/**
 * The keys that pick and seed a model ({@code model}, {@code seed}) and the building of a model
 * from a configuration: what the training loop (which adds its own keys) and serving (which reads
 * only these and the model's) share.
 */
public final class ModelConfig {
  private ModelConfig() {}

  public static final ConfigKey<String> MODEL = choice("model", "din", "model name (./r2led models lists them)");
  public static final ConfigKey<Integer> SEED =
      integer("seed", 2024, 0, Integer.MAX_VALUE, "seed of initialisation, shuffling, dropout and SimHash projections");

  /** The spec of the model the settings name (their last {@code model} setting; {@code din} when none). */
  public static ModelSpec spec(Config.Builder settings) { return spec(settings, ModelRegistry.builtIn()); }

  /** {@link #spec(Config.Builder)} resolved in {@code registry}. */
  public static ModelSpec spec(Config.Builder settings, ModelRegistry registry) {
    Object m = settings.raw(MODEL.name());
    return registry.spec(m == null ? MODEL.defaultValue() : MODEL.convert(m, "model"));
  }

  /**
   * The model's part of saved settings (e.g. a run's or an exported model's {@code config.yaml}):
   * {@code model}, {@code seed} and the keys of the model's spec, validated; settings of other keys
   * (the training loop's) are not read.
   */
  public static Config modelPart(Config.Builder settings, ModelSpec spec) {
    KeySet keys = KeySet.of(MODEL, SEED).plus(spec.keys());
    return settings.retain(keys::contains).build(keys);
  }

  /** Builds {@code spec}'s model for {@code data} (a dataset's or an exported model's) with the configuration's seed. */
  public static CtrModel create(ModelSpec spec, Config config, ModelData data, SidTable sidsOrNull) {
    return spec.factory().create(new ModelContext(spec.name(), config, data, sidsOrNull, config.get(SEED)));
  }
}
