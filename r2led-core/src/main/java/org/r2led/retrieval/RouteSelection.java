package org.r2led.retrieval;

/**
 * Reusable output buffers of one retrieval call (one target). For route {@code r},
 * {@code positions[r][0..counts[r])} are indices into the history given to the retriever (relative to
 * its start: 0 = oldest), in increasing (chronological) order; entries past {@code counts[r]} are -1.
 * {@code mixed[r][k]} is 1 when that token came from the mixed (out-of-prefix) fill.
 * Written in place by {@link MultiRouteRetriever}; not thread-safe (one selection per thread or per
 * in-flight sample).
 */
public final class RouteSelection {
  public final int[][] positions;
  public final byte[][] mixed;
  public final int[] counts;

  public RouteSelection(int[] routeLengths) {
    positions = new int[routeLengths.length][];
    mixed = new byte[routeLengths.length][];
    counts = new int[routeLengths.length];
    for (int r = 0; r < routeLengths.length; r++) {
      positions[r] = new int[routeLengths[r]];
      mixed[r] = new byte[routeLengths[r]];
    }
  }

  public int numRoutes() { return counts.length; }
}
