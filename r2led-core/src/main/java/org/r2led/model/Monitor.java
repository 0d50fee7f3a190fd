package org.r2led.model;

/** The validation metric a model is early-stopped and checkpointed on ({@link CtrModel#monitor()}). */
public enum Monitor {
  AUC(true), GAUC(true), LOGLOSS(false);

  private final boolean higherIsBetter;

  Monitor(boolean higherIsBetter) { this.higherIsBetter = higherIsBetter; }

  public boolean higherIsBetter() { return higherIsBetter; }

  /** The metric turned into a score where higher is better (NaN stays NaN). */
  public double score(double value) { return higherIsBetter ? value : -value; }
}
