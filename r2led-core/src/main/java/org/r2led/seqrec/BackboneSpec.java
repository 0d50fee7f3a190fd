package org.r2led.seqrec;

import org.r2led.config.Config;
import org.r2led.config.KeySet;
import org.r2led.nn.ParamStore;

/**
 * A registered sequence encoder: its name (a value of {@link SeqRecKeys#BACKBONE}), a one-line summary,
 * the keys it reads beyond the shared ones and its factory, as {@link org.r2led.model.ModelSpec} does
 * for CTR models.
 */
public record BackboneSpec(String name, String summary, KeySet keys, Factory factory) {
  /** Builds the encoder's parameters in {@code store} from a run's configuration. */
  @FunctionalInterface
  public interface Factory {
    Backbone create(ParamStore store, Config cfg);
  }
}
