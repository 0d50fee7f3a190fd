package org.r2led.data.synth;

import java.util.SplittableRandom;

/**
 * Samples an index {@code 0..n-1} with probability proportional to fixed non-negative weights in
 * O(1) per draw (Walker's alias method, Vose's construction). Immutable; draws take the caller's
 * random source, so sampling is deterministic for a seeded source.
 */
public final class AliasSampler {
  private final double[] prob;
  private final int[] alias;

  /** Builds the table; weights must be finite, non-negative and not all zero. */
  public AliasSampler(double[] weights) {
    int n = weights.length;
    if (n == 0) throw new IllegalArgumentException("alias sampler needs at least one weight");
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double w = weights[i];
      if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("weight " + i + " is " + w + "; expected finite and >= 0");
      sum += w;
    }
    if (!(sum > 0)) throw new IllegalArgumentException("all " + n + " weights are zero");
    prob = new double[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1.0) small[ns++] = i; else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      prob[s] = scaled[s];
      alias[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1.0;
      if (scaled[l] < 1.0) small[ns++] = l; else large[nl++] = l;
    }
    while (nl > 0) { int l = large[--nl]; prob[l] = 1.0; alias[l] = l; }
    while (ns > 0) { int s = small[--ns]; prob[s] = 1.0; alias[s] = s; } // rounding leftovers
  }

  /** Number of outcomes. */
  public int size() { return prob.length; }

  /** One draw. */
  public int sample(SplittableRandom rng) {
    int i = rng.nextInt(prob.length);
    return rng.nextDouble() < prob[i] ? i : alias[i];
  }
}
