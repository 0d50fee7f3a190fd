package org.r2led.recall.ann;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Approximate maximum-inner-product search on a Lucene HNSW graph held on the heap (no index files):
 * Lucene's {@code MAXIMUM_INNER_PRODUCT} similarity (a monotone map of the inner product to positive
 * scores), {@code efSearch} candidates per query, results re-scored by the exact inner product.
 */
public final class HnswIndex implements VectorIndex {
  private static final VectorSimilarityFunction SIM = VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
  private final int[] ids;
  private final float[][] vectors;
  private final OnHeapHnswGraph graph;
  private final int efSearch;

  /**
   * Builds the graph.
   *
   * @param ids item ids, one per row
   * @param vectors row-major {@code (ids.length, dim)}
   */
  public HnswIndex(int[] ids, float[] vectors, int dim, HnswSettings settings) {
    if (vectors.length != (long) ids.length * dim) {
      throw new IllegalArgumentException("vectors has " + vectors.length + " floats; expected ids.length*dim = "
          + (long) ids.length * dim);
    }
    this.ids = ids.clone();
    this.vectors = new float[ids.length][];
    for (int r = 0; r < ids.length; r++) this.vectors[r] = Arrays.copyOfRange(vectors, r * dim, (r + 1) * dim);
    this.efSearch = settings.efSearch();
    try {
      HnswGraphBuilder b = HnswGraphBuilder.create(new Supplier(this.vectors), settings.maxConn(), settings.beamWidth(),
          settings.seed());
      this.graph = b.build(ids.length);
    } catch (IOException e) {
      throw new UncheckedIOException("HNSW build failed", e);
    }
  }

  @Override
  public int size() { return ids.length; }

  @Override
  public Hits search(float[] query, int n) {
    int k = Math.min(n, ids.length);
    if (k == 0) return Hits.EMPTY;
    try {
      KnnCollector c = HnswGraphSearcher.search(new Scorer(vectors, query), Math.max(k, efSearch), graph, null,
          Integer.MAX_VALUE);
      TopDocs td = c.topDocs();
      int m = td.scoreDocs.length;
      int[] cid = new int[m];
      float[] cs = new float[m];
      for (int i = 0; i < m; i++) {
        ScoreDoc d = td.scoreDocs[i];
        cid[i] = ids[d.doc];
        cs[i] = ExactIndex.dot(query, vectors[d.doc], 0, query.length);
      }
      return TopScores.of(cid, cs, k);
    } catch (IOException e) {
      throw new UncheckedIOException("HNSW search failed", e);
    }
  }

  private static final class Scorer implements RandomVectorScorer {
    private final float[][] vectors;
    private final float[] query;

    Scorer(float[][] vectors, float[] query) { this.vectors = vectors; this.query = query; }

    @Override
    public float score(int node) { return SIM.compare(query, vectors[node]); }

    @Override
    public int maxOrd() { return vectors.length; }
  }

  private record Supplier(float[][] vectors) implements RandomVectorScorerSupplier {
    @Override
    public RandomVectorScorer scorer(int ord) { return new Scorer(vectors, vectors[ord]); }

    @Override
    public RandomVectorScorerSupplier copy() { return this; }
  }
}
