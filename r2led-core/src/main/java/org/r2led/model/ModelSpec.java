package org.r2led.model;

import java.util.Map;
import org.r2led.config.KeySet;

/**
 * A registered model: its name, a one-line summary, the hyper-parameter keys it reads (with their
 * documented defaults) and its factory. {@link #preset} derives a named variant with other
 * defaults (e.g. R2LED's ablations).
 */
public record ModelSpec(String name, String summary, KeySet keys, Factory factory) {
  /** Builds a model from its context. */
  @FunctionalInterface
  public interface Factory {
    CtrModel create(ModelContext ctx);
  }

  /** Supplies specs to the registry through {@link java.util.ServiceLoader} (for models in other jars). */
  public interface Provider {
    java.util.List<ModelSpec> specs();
  }

  public ModelSpec {
    if (!name.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("model name must be snake_case, got '" + name + "'");
  }

  /** The same model under another name with some defaults changed (raw values as YAML gives them). */
  public ModelSpec preset(String presetName, String presetSummary, Map<String, ?> defaults) {
    return new ModelSpec(presetName, presetSummary, keys.withDefaults(defaults), factory);
  }
}
