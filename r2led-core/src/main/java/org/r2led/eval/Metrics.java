package org.r2led.eval;

import java.util.Arrays;

/**
 * Binary-classification metrics of the CTR field: AUC (ties counted as one half), LogLoss (natural
 * log, probabilities clipped to [1e-7, 1-1e-7]) and GAUC (per-user AUC weighted by the user's sample
 * count; users whose samples are all one class are skipped).
 */
public final class Metrics {
  private Metrics() {}

  public static final double EPS = 1e-7;

  /** AUC of {@code scores} against 0/1 {@code labels}; NaN when only one class is present. */
  public static double auc(float[] scores, int[] labels) {
    checkLengths(scores.length, labels.length);
    Integer[] order = null;
    int n = scores.length;
    long[] keys = new long[n];
    // Sort indices by score using a primitive sort on (score bits, index) pairs.
    for (int i = 0; i < n; i++) keys[i] = ((long) sortableBits(scores[i]) << 32) | i;
    Arrays.sort(keys);
    long pos = 0;
    long neg = 0;
    double rankSumPos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      int bits = (int) (keys[i] >> 32);
      while (j < n && (int) (keys[j] >> 32) == bits) j++;
      double avgRank = (i + 1 + j) / 2.0; // 1-based average rank of the tie group
      for (int k = i; k < j; k++) {
        int idx = (int) keys[k];
        if (labels[idx] == 1) { pos++; rankSumPos += avgRank; } else if (labels[idx] == 0) { neg++; }
        else throw new IllegalArgumentException("label at " + idx + " is " + labels[idx] + "; expected 0 or 1");
      }
      i = j;
    }
    if (pos == 0 || neg == 0) return Double.NaN;
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Mean binary cross-entropy of probabilities {@code probs} against 0/1 {@code labels}. */
  public static double logLoss(float[] probs, int[] labels) {
    checkLengths(probs.length, labels.length);
    if (probs.length == 0) return Double.NaN;
    double sum = 0;
    for (int i = 0; i < probs.length; i++) {
      double p = Math.min(Math.max(probs[i], EPS), 1 - EPS);
      sum -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    return sum / probs.length;
  }

  /**
   * Group AUC: per-user AUC weighted by that user's number of samples, over users that have both
   * classes. NaN when no user has both classes.
   */
  public static double gauc(float[] scores, int[] labels, int[] users) {
    checkLengths(scores.length, labels.length);
    checkLengths(scores.length, users.length);
    int n = scores.length;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) keys[i] = ((long) users[i] << 32) | i;
    Arrays.sort(keys);
    double weighted = 0;
    long weight = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      int u = (int) (keys[i] >> 32);
      while (j < n && (int) (keys[j] >> 32) == u) j++;
      int m = j - i;
      float[] s = new float[m];
      int[] l = new int[m];
      for (int k = 0; k < m; k++) {
        int idx = (int) keys[i + k];
        s[k] = scores[idx];
        l[k] = labels[idx];
      }
      double a = auc(s, l);
      if (!Double.isNaN(a)) {
        weighted += a * m;
        weight += m;
      }
      i = j;
    }
    return weight == 0 ? Double.NaN : weighted / weight;
  }

  /** Maps a float to an int whose signed order equals the float's numeric order. */
  private static int sortableBits(float f) {
    if (Float.isNaN(f)) throw new IllegalArgumentException("score is NaN");
    if (f == 0f) f = 0f; // merge -0.0 and 0.0
    int b = Float.floatToIntBits(f);
    return b >= 0 ? b : b ^ 0x7fffffff;
  }

  private static void checkLengths(int a, int b) {
    if (a != b) throw new IllegalArgumentException("length mismatch: " + a + " vs " + b);
  }
}
