package org.r2led.retrieval;

/** What a retrieval route of {@link MultiRouteRetriever} holds. */
public enum RouteKind {
  /** Behaviours sharing the target's SID prefix of one length ({@link MultiRouteRetriever#prefixLevel}), ranked and mixed-filled. */
  PREFIX,
  /** Top-k behaviours by SimHash Hamming similarity to the target over the whole history. */
  COLLABORATIVE,
  /** The most recent {@code short_seq_len} behaviours. */
  SHORT
}
