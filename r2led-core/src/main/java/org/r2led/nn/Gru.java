package org.r2led.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * One gated recurrent unit layer (Cho et al. 2014, PyTorch's gate layout) unrolled over time:
 * {@code r = σ(x W_ir + h W_hr + b_r)}, {@code z = σ(x W_iz + h W_hz + b_z)},
 * {@code n = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn))}, {@code h' = (1 − z) ⊙ n + z ⊙ h}.
 * Input {@code (B, L, in)} with a step mask {@code (B, L)} (0 = padding: the state is carried over
 * unchanged), initial state zero; output every step's state {@code (B, L, hidden)}.
 */
public final class Gru {
  private final int hidden;
  private final Linear input;   // in → 3·hidden (r, z, n), with b_i*
  private final Linear recur;   // hidden → 3·hidden, with b_h*

  public Gru(ParamStore store, String name, int in, int hidden) {
    this.hidden = hidden;
    this.input = new Linear(store, name + ".ih", in, 3 * hidden, true);
    this.recur = new Linear(store, name + ".hh", hidden, 3 * hidden, true);
  }

  public NDArray forward(Step s, NDArray x, NDArray mask) {
    long b = x.getShape().get(0);
    int len = (int) x.getShape().get(1);
    NDArray gx = input.forward(s, x);                                   // (B,L,3h) for all steps at once
    NDArray h = s.floats(new float[Math.toIntExact(b * hidden)], b, hidden);
    NDList out = new NDList(len);
    for (int t = 0; t < len; t++) {
      NDArray gi = gx.get(":, {}, :", t);                               // (B,3h)
      NDArray gh = recur.forward(s, h);
      NDArray r = Activation.sigmoid(gi.get(":, 0:{}", hidden).add(gh.get(":, 0:{}", hidden)));
      NDArray z = Activation.sigmoid(gi.get(":, {}:{}", hidden, 2 * hidden).add(gh.get(":, {}:{}", hidden, 2 * hidden)));
      NDArray n = Activation.tanh(gi.get(":, {}:", 2 * hidden).add(r.mul(gh.get(":, {}:", 2 * hidden))));
      NDArray next = n.add(z.mul(h.sub(n)));                            // (1−z)·n + z·h
      NDArray m = mask.get(":, {}", t).expandDims(-1);                  // (B,1)
      h = h.add(m.mul(next.sub(h)));                                    // padding keeps h
      out.add(h);
    }
    return NDArrays.stack(out, 1);
  }
}
