package org.r2led.model;

import org.r2led.data.PreparedDataset;
import org.r2led.sid.SidTable;
import org.r2led.train.TrainConfig;

/**
 * What a model is built from: the resolved config, the dataset (vocabulary sizes, sequences) and the
 * SID table (null when none was given).
 */
public record ModelContext(TrainConfig config, PreparedDataset dataset, SidTable sids) {
  /** The SID table, or an error naming the model that needs it. */
  public SidTable requireSids(String model) {
    if (sids == null) {
      throw new IllegalArgumentException("model '" + model + "' needs Semantic IDs: pass --sids DIR (built with `r2led sid build`)");
    }
    return sids;
  }
}
