package org.r2led.train;

import org.r2led.eval.Metrics;

/** AUC, LogLoss and GAUC of one split ({@link Metrics}); NaN where undefined. */
public record SplitMetrics(double auc, double logloss, double gauc, int samples) {
  public static SplitMetrics of(float[] probs, int[] labels, int[] users) {
    return new SplitMetrics(Metrics.auc(probs, labels), Metrics.logLoss(probs, labels), Metrics.gauc(probs, labels, users),
        probs.length);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "AUC %.5f  LogLoss %.5f  GAUC %.5f  (%d samples)", auc, logloss, gauc, samples);
  }
}
