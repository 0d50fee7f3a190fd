package org.r2led.recall.ann;

/**
 * Exact maximum-inner-product search by scanning every vector (the check for {@link HnswIndex}).
 * Ties rank by smaller id. O(size·dim) per query.
 */
public final class ExactIndex implements VectorIndex {
  private final int[] ids;
  private final float[] vectors;
  private final int dim;

  /**
   * @param ids item ids, one per row
   * @param vectors row-major {@code (ids.length, dim)}
   */
  public ExactIndex(int[] ids, float[] vectors, int dim) {
    if (vectors.length != (long) ids.length * dim) {
      throw new IllegalArgumentException("vectors has " + vectors.length + " floats; expected ids.length*dim = "
          + (long) ids.length * dim);
    }
    this.ids = ids.clone();
    this.vectors = vectors.clone();
    this.dim = dim;
  }

  @Override
  public int size() { return ids.length; }

  @Override
  public Hits search(float[] query, int n) {
    int k = Math.min(n, ids.length);
    float[] s = new float[ids.length];
    for (int r = 0; r < ids.length; r++) s[r] = dot(query, vectors, r * dim, dim);
    return TopScores.of(ids, s, k);
  }

  /** {@code q · v[off .. off+dim)}. */
  public static float dot(float[] q, float[] v, int off, int dim) {
    float a = 0;
    for (int j = 0; j < dim; j++) a += q[j] * v[off + j];
    return a;
  }
}
