package org.r2led.retrieval;

/**
 * Parameters of R2LED's multi-route mixed retrieval (docs/training.md, "Models"), with the ablation switches.
 *
 * @param topk tokens kept per retrieval route
 * @param shortSeqLen length of the short-term route (most recent behaviors)
 * @param semanticView whether SID-prefix routes exist (false: "without the semantic view")
 * @param collaborativeView whether routes are ranked by SimHash Hamming similarity and mixed-filled
 *     (false: prefix routes ranked by recency, no collaborative route)
 * @param singleRoute whether only the finest semantic level forms a route
 * @param mixedFill whether a route with fewer than topk prefix members is filled with the
 *     collaboratively nearest behaviors from outside the prefix
 * @param collaborativeRoute whether the purely collaborative route (SimHash over the whole sequence) exists
 * @param shortRoute whether the short-term route exists
 */
public record RetrievalConfig(int topk, int shortSeqLen, boolean semanticView, boolean collaborativeView,
    boolean singleRoute, boolean mixedFill, boolean collaborativeRoute, boolean shortRoute) {

  public RetrievalConfig {
    if (topk < 1) throw new IllegalArgumentException("topk must be >= 1, got " + topk);
    if (shortSeqLen < 0) throw new IllegalArgumentException("short_seq_len must be >= 0, got " + shortSeqLen);
  }

  /** The full R2LED retrieval. */
  public static RetrievalConfig r2led(int topk, int shortSeqLen) {
    return new RetrievalConfig(topk, shortSeqLen, true, true, false, true, true, true);
  }
}
