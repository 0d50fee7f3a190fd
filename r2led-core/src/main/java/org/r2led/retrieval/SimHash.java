package org.r2led.retrieval;

import java.util.Random;

/**
 * Random-projection locality-sensitive hash (SimHash) of float vectors into packed {@code long}
 * signatures, as used by ETA and by R2LED's collaborative view.
 *
 * <p>{@code hashBits} (1..64) Gaussian projection vectors of length {@code dim} are drawn from a
 * {@link Random} seeded with {@code seed}, so the same (dim, hashBits, seed) always gives the same
 * hash. Bit {@code b} of a signature is 1 iff the dot product of the vector with projection
 * {@code b} is strictly positive; bits above {@code hashBits} are 0. Similar vectors (small angle)
 * get signatures at small {@link #hamming Hamming distance}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SimHash {
  private final int dim;
  private final int hashBits;
  private final long seed;
  /** Projections stored column-major: {@code proj[j * hashBits + b]} = component j of projection b. */
  private final float[] proj;

  /**
   * @param dim length of the hashed vectors (&gt;= 1)
   * @param hashBits number of signature bits (1..64)
   * @param seed seed of the projection matrix
   */
  public SimHash(int dim, int hashBits, long seed) {
    if (dim < 1) throw new IllegalArgumentException("SimHash dim must be >= 1, got " + dim);
    if (hashBits < 1 || hashBits > 64) {
      throw new IllegalArgumentException("hash_bits must be in 1..64, got " + hashBits);
    }
    this.dim = dim;
    this.hashBits = hashBits;
    this.seed = seed;
    this.proj = new float[dim * hashBits];
    Random rnd = new Random(seed);
    for (int b = 0; b < hashBits; b++) {
      for (int j = 0; j < dim; j++) proj[j * hashBits + b] = (float) rnd.nextGaussian();
    }
  }

  public int dim() { return dim; }

  public int hashBits() { return hashBits; }

  public long seed() { return seed; }

  /** Signature of the vector {@code vectors[offset .. offset+dim)}. */
  public long signature(float[] vectors, int offset) {
    if (offset < 0 || offset + dim > vectors.length) {
      throw new IndexOutOfBoundsException("vector at offset " + offset + " with dim " + dim
          + " exceeds an array of length " + vectors.length);
    }
    long sig = 0;
    for (int b = 0; b < hashBits; b++) {
      float dot = 0f;
      for (int j = 0; j < dim; j++) dot += proj[j * hashBits + b] * vectors[offset + j];
      if (dot > 0f) sig |= 1L << b;
    }
    return sig;
  }

  /**
   * Signs rows of a row-major table: for each {@code row = rows[i]}, {@code i < count}, sets
   * {@code out[row]} to the signature of {@code table[row*dim .. (row+1)*dim)}. Used to refresh the
   * signatures of the embedding rows a training step updated. Gives exactly the same bits as
   * {@link #signature} (same summation order).
   *
   * @param table row-major {@code rows × dim} floats
   * @param dim row length; must equal this hash's {@link #dim()}
   * @param rows row indices (only the first {@code count} are used)
   * @param out signatures indexed by row (e.g. {@link ItemKeys#signatures()})
   */
  public void signRows(float[] table, int dim, int[] rows, int count, long[] out) {
    if (dim != this.dim) {
      throw new IllegalArgumentException("table rows have dim " + dim + " but this SimHash hashes dim " + this.dim);
    }
    if (count < 0 || count > rows.length) {
      throw new IllegalArgumentException("count " + count + " outside 0.." + rows.length);
    }
    final int h = hashBits;
    float[] acc = new float[h];
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      int base = row * dim;
      if (row < 0 || base + dim > table.length || row >= out.length) {
        throw new IndexOutOfBoundsException("row " + row + " outside the table (" + table.length / dim
            + " rows) or the output (" + out.length + " entries)");
      }
      java.util.Arrays.fill(acc, 0f);
      for (int j = 0; j < dim; j++) {
        float v = table[base + j];
        int p = j * h;
        for (int b = 0; b < h; b++) acc[b] += proj[p + b] * v;
      }
      long sig = 0;
      for (int b = 0; b < h; b++) if (acc[b] > 0f) sig |= 1L << b;
      out[row] = sig;
    }
  }

  /**
   * Signs rows {@code 0..out.length-1} of a row-major table into {@code out} (the table may have
   * more rows; it must not have fewer).
   */
  public void signAll(float[] table, int dim, long[] out) {
    int n = out.length;
    if ((long) n * dim > table.length) {
      throw new IllegalArgumentException("table has " + table.length / dim + " rows of dim " + dim + "; need "
          + n + " (one per signature)");
    }
    int[] rows = new int[Math.min(n, 4096)];
    for (int start = 0; start < n; start += rows.length) {
      int c = Math.min(rows.length, n - start);
      for (int i = 0; i < c; i++) rows[i] = start + i;
      signRows(table, dim, rows, c, out);
    }
  }

  /** Hamming distance between two signatures (number of differing bits, 0..64). */
  public static int hamming(long a, long b) {
    return Long.bitCount(a ^ b);
  }
}
