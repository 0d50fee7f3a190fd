package org.r2led.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.r2led.config.Config;
import org.r2led.nn.Act;
import org.r2led.nn.Mlp;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;

/**
 * DIN's output block, shared by the token models: the prediction MLP ({@link ModelKeys#HEAD} keys,
 * parameters {@code dnn.*}) over {@code [h_v, u, h_v⊙u, extra...]} → one logit per sample, with
 * {@code h_v} the target token {@code (B, d)}, {@code u} the pooled user interest {@code (B, d)} and
 * optional extra inputs (a short-term interest, dense features) appended by the model.
 */
public final class InterestHead {
  private final Mlp mlp;

  /** Declares the MLP in {@code store}: {@code in} inputs (3·d plus the extras' widths) → 1 logit. */
  public InterestHead(ParamStore store, Config c, int in) {
    this.mlp = new Mlp(store, "dnn", in, c.ints(ModelKeys.DNN_HIDDEN_UNITS), Act.parse(c.get(ModelKeys.DNN_ACTIVATION)), 1,
        c.get(ModelKeys.NET_DROPOUT));
  }

  /** The head's first inputs {@code [h_v, u, h_v⊙u]}, each {@code (B, d)}; a model may add extras. */
  public static NDList inputs(NDArray target, NDArray interest) { return new NDList(target, interest, target.mul(interest)); }

  /** Logits {@code (B)} of the concatenated inputs (each {@code (B, ·)}). */
  public NDArray logits(Step s, NDList inputs, int batch) {
    return mlp.forward(s, NDArrays.concat(inputs, -1)).reshape(batch);
  }
}
