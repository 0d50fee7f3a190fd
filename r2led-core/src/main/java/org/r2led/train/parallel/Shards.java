package org.r2led.train.parallel;

/**
 * How a global batch is cut into the contiguous sub-batches of {@code n} data-parallel workers (threads
 * of {@code train --workers} or Spark barrier tasks alike): the batch {@code [from, to)} of an epoch's
 * permutation gives worker {@code k} the positions {@code [from + ⌊k·size/n⌋, from + ⌊(k+1)·size/n⌋)},
 * {@code size = to − from}; a shard may be empty when the batch has fewer samples than workers. A
 * worker's gradient weight is its shard size over the batch size ({@link #weights}).
 */
public final class Shards {
  private Shards() {}

  /** Start (inclusive) of shard {@code k} of {@code n} of the batch {@code [from, to)}. */
  public static int start(int from, int to, int n, int k) {
    check(from, to, n, k);
    return from + (int) ((long) k * (to - from) / n);
  }

  /** End (exclusive) of shard {@code k} of {@code n} of the batch {@code [from, to)}. */
  public static int end(int from, int to, int n, int k) {
    check(from, to, n, k);
    return from + (int) ((long) (k + 1) * (to - from) / n);
  }

  /** The gradient weight of each shard: its size over the batch size (they sum to 1). */
  public static double[] weights(int from, int to, int n) {
    double[] w = new double[n];
    for (int k = 0; k < n; k++) w[k] = (end(from, to, n, k) - start(from, to, n, k)) / (double) (to - from);
    return w;
  }

  private static void check(int from, int to, int n, int k) {
    if (n < 1) throw new IllegalArgumentException("workers must be >= 1, got " + n);
    if (k < 0 || k >= n) throw new IllegalArgumentException("shard " + k + " of " + n + " workers");
    if (to <= from) throw new IllegalArgumentException("empty batch [" + from + ", " + to + ")");
  }
}
