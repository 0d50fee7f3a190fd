package org.r2led.recall;

import java.util.Map;
import org.r2led.config.Config;
import org.r2led.config.KeySet;
import org.r2led.nextitem.NextItemData;

/**
 * A registered retrieval model: its name, a one-line summary, the keys it is configured with (with
 * their defaults) and its factory; {@link #preset} derives a named variant with other defaults (e.g.
 * ULIM's ablations), as {@link org.r2led.model.ModelSpec} does for CTR models.
 */
public record RecallSpec(String name, String summary, KeySet keys, Factory factory) {
  /** Builds a new, untrained model (non-neural ones are fitted here, from the training positions). */
  @FunctionalInterface
  public interface Factory {
    Retriever create(NextItemData data, Config cfg);
  }

  public RecallSpec {
    if (!name.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("model name must be snake_case, got '" + name + "'");
  }

  /** The same model under another name with some defaults changed (raw values as YAML gives them). */
  public RecallSpec preset(String presetName, String presetSummary, Map<String, ?> defaults) {
    return new RecallSpec(presetName, presetSummary, keys.withDefaults(defaults), factory);
  }
}
