package org.r2led.recall.ann;

/**
 * HNSW graph settings (Lucene's names).
 *
 * @param maxConn neighbours per node ({@code M}), 2..512
 * @param beamWidth candidate list size while building ({@code efConstruction}), at least maxConn
 * @param efSearch candidate list size while searching (at least the requested n is used)
 * @param exactBelow sets with fewer items are searched exactly (no graph; exact is faster there)
 * @param seed graph-building seed
 */
public record HnswSettings(int maxConn, int beamWidth, int efSearch, int exactBelow, long seed) {
  public HnswSettings {
    if (maxConn < 2 || maxConn > 512) throw new IllegalArgumentException("hnsw_m = " + maxConn + "; expected 2..512");
    if (beamWidth < maxConn) {
      throw new IllegalArgumentException("hnsw_ef_construction = " + beamWidth + "; expected >= hnsw_m = " + maxConn);
    }
    if (efSearch < 1) throw new IllegalArgumentException("hnsw_ef_search = " + efSearch + "; expected >= 1");
    if (exactBelow < 0) throw new IllegalArgumentException("hnsw_exact_below = " + exactBelow + "; expected >= 0");
  }

  /** M 16, efConstruction 200, efSearch 200 (the search uses max(n, efSearch)), exact below 1,000 items. */
  public static HnswSettings defaults() { return new HnswSettings(16, 200, 200, 1000, 42); }
}
