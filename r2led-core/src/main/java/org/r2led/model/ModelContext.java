package org.r2led.model;

import org.r2led.config.Config;
import org.r2led.sid.SidTable;

/**
 * What a model is built from: its registry name, the resolved config (its keys and the training
 * loop's), what it reads of the training data ({@link ModelData}: vocabulary sizes, TRAIN target
 * counts; from the prepared dataset or an exported model directory), the SID table (null when none
 * was given) and the run's seed. Histories reach the model only through {@link SampleSource}s.
 */
public record ModelContext(String name, Config config, ModelData data, SidTable sids, long seed) {
  /** The SID table, or an error naming the model that needs it. */
  public SidTable requireSids() {
    if (sids == null) {
      throw new IllegalArgumentException("model '" + name + "' needs Semantic IDs: pass --sids DIR (built with `r2led sid build`)");
    }
    return sids;
  }
}
