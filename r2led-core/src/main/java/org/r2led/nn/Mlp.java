package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * Multi-layer perceptron: hidden layers with an activation, then an optional linear output layer.
 * x {@code (..., in)} → {@code (..., out)} (or {@code (..., hidden[last])} when {@code out == 0}).
 */
public final class Mlp {
  private final Linear[] hidden;
  private final Linear output;
  private final Act act;
  private final int outDim;

  public Mlp(ParamStore store, String name, int in, int[] hiddenUnits, Act act, int out) {
    this.hidden = new Linear[hiddenUnits.length];
    this.act = act;
    int d = in;
    for (int i = 0; i < hiddenUnits.length; i++) {
      hidden[i] = new Linear(store, name + ".h" + i, d, hiddenUnits[i], true);
      d = hiddenUnits[i];
    }
    this.output = out > 0 ? new Linear(store, name + ".out", d, out, true) : null;
    this.outDim = out > 0 ? out : d;
  }

  public NDArray forward(Step s, NDArray x) {
    for (Linear l : hidden) x = act.apply(l.forward(s, x));
    return output == null ? x : output.forward(s, x);
  }

  public int outDim() { return outDim; }
}
