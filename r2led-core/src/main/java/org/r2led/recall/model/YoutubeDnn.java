package org.r2led.recall.model;

import ai.djl.ndarray.NDArray;
import org.r2led.nextitem.NextItemData;
import org.r2led.nn.Act;
import org.r2led.nn.Mlp;
import org.r2led.nn.SelfAttention;
import org.r2led.nn.Step;
import org.r2led.config.Config;
import org.r2led.recall.RecallKeys;
import org.r2led.recall.ann.Hits;
import org.r2led.recall.train.NeuralRecall;
import org.r2led.recall.train.RecallBatch;

/**
 * YouTube-DNN-style two-tower (Covington et al., 2016): user = MLP(mean of the last {@code short_seq_len}
 * item embeddings), trained by sampled softmax against {@code num_negatives} uniform catalog negatives;
 * retrieval = inner-product search over all items.
 */
public final class YoutubeDnn extends NeuralRecall {
  private final Mlp tower;

  public YoutubeDnn(NextItemData data, Config cfg) {
    super(data, cfg);
    this.tower = new Mlp(store, "tower", dim, new int[] {2 * dim}, Act.RELU, dim);
  }

  @Override
  public String name() { return "youtube_dnn"; }

  @Override
  protected RecallBatch.Shape shape() { return new RecallBatch.Shape(cfg.get(RecallKeys.SHORT_SEQ_LEN), 0, 0, 0, cfg.get(RecallKeys.CATALOG_NEGATIVES)); }

  private NDArray user(Step s, RecallBatch b, Rows r) {
    NDArray x = r.itemEmb(b.shortItem, b.b, b.shortLen);
    return tower.forward(s, SelfAttention.meanPool(x, s.floats(b.shortMask, b.b, b.shortLen)));
  }

  @Override
  protected NDArray loss(Step s, RecallBatch b, Rows r) {
    NDArray u = withBias(user(s, b, r));
    return sampledSoftmax(s, u, r.itemOut(b.target, b.b), null, null,
        r.itemOut(b.catalogNeg, b.catalogNegatives), b.catalogNegMask);
  }

  @Override
  public Hits retrieve(int[] items, int[] categories, int n) {
    RecallBatch b = RecallBatch.inference(items, categories, 1, null, shape());
    float[] u;
    try (Step s = new Step(false)) {
      u = user(s, b, new Rows(s, b)).toFloatArray();
    }
    return index().search(query(u, 0, dim), n);
  }
}
