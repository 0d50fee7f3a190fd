package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * Multi-layer perceptron: hidden layers with an activation, then an optional linear output layer.
 * Optional inverted dropout after each hidden layer ({@code net_dropout}). x {@code (..., in)} → {@code (..., out)} (or {@code (..., hidden[last])} when {@code out == 0}).
 */
public final class Mlp {
  private final Linear[] hidden;
  private final Linear output;
  private final Act act;
  private final int outDim;
  private final double dropout;

  public Mlp(ParamStore store, String name, int in, int[] hiddenUnits, Act act, int out) {
    this(store, name, in, hiddenUnits, act, out, 0);
  }

  /** With inverted dropout of rate {@code dropout} after each hidden layer (training steps only). */
  public Mlp(ParamStore store, String name, int in, int[] hiddenUnits, Act act, int out, double dropout) {
    this.dropout = dropout;
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
    for (Linear l : hidden) x = s.dropout(act.apply(l.forward(s, x)), dropout);
    return output == null ? x : output.forward(s, x);
  }

  public int outDim() { return outDim; }
}
