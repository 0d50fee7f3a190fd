package org.r2led.recall.ann;

/** Maximum-inner-product search over a fixed set of item vectors. Thread-safe for searches. */
public interface VectorIndex {
  /** The best {@code min(n, size())} items for {@code query} (length = the index's dimension), best first. */
  Hits search(float[] query, int n);

  /** Number of indexed items. */
  int size();
}
