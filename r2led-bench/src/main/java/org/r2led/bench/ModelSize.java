package org.r2led.bench;

import org.r2led.model.CtrModel;
import org.r2led.nn.Param;

/**
 * Parameter counts of a model: all floats of its {@link org.r2led.nn.ParamStore}, and those
 * outside the row-sparse embedding tables (item, category, SID code tables) — the dense weights,
 * biases and small dense tables (behavior, time gap, route embeddings).
 */
public record ModelSize(long total, long nonEmbedding) {
  public static ModelSize of(CtrModel model) {
    long dense = 0;
    for (Param p : model.params().all()) if (!p.sparse()) dense += p.size();
    return new ModelSize(model.params().totalSize(), dense);
  }
}
