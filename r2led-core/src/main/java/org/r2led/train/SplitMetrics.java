package org.r2led.train;

import org.r2led.data.SampleSplit;
import org.r2led.eval.Metrics;

/** AUC, LogLoss and GAUC of one split ({@link Metrics}); NaN where undefined. */
public record SplitMetrics(double auc, double logloss, double gauc, int samples) {
  public static SplitMetrics of(float[] probs, int[] labels, int[] users) {
    return new SplitMetrics(Metrics.auc(probs, labels), Metrics.logLoss(probs, labels), Metrics.gauc(probs, labels, users),
        probs.length);
  }

  /** The metrics of {@code probs[i]} (one per sample of {@code split}, in split order) against the split's labels and users. */
  public static SplitMetrics of(float[] probs, SampleSplit split) {
    int n = split.size();
    if (probs.length != n) throw new IllegalArgumentException(probs.length + " probabilities for a split of " + n + " samples");
    int[] labels = new int[n];
    int[] users = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = split.label(i);
      users[i] = split.user(i);
    }
    return of(probs, labels, users);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "AUC %.5f  LogLoss %.5f  GAUC %.5f  (%d samples)", auc, logloss, gauc, samples);
  }
}
