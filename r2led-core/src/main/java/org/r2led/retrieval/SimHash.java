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
  /** {@code proj[j][b]} = component j of projection b (inner loops over b vectorise). */
  private final float[][] proj;

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
    this.proj = new float[dim][hashBits];
    Random rnd = new Random(seed);
    for (int b = 0; b < hashBits; b++) {
      for (int j = 0; j < dim; j++) proj[j][b] = (float) rnd.nextGaussian();
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
      float dot = proj[0][b] * vectors[offset];
      for (int j = 1; j < dim; j++) dot += proj[j][b] * vectors[offset + j];
      sig |= ((-(long) Float.floatToRawIntBits(dot)) >>> 63) << b; // dot > 0 (same test as signRows)
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
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (row < 0 || (long) (row + 1) * dim > table.length || row >= out.length) {
        throw new IndexOutOfBoundsException("row " + row + " outside the table (" + table.length / dim
            + " rows) or the output (" + out.length + " entries)");
      }
    }
    sign(table, rows, rows, count, out);
  }

  /**
   * Signs gathered vectors: for {@code i < count}, sets {@code out[ids[i]]} to the signature of
   * {@code vectors[i*dim .. (i+1)*dim)}. For callers that copy only the updated embedding rows out of
   * a tensor (e.g. the unique rows of a training batch) into a compact {@code count × dim} array.
   * Same bits as {@link #signature}.
   */
  public void signGathered(float[] vectors, int dim, int[] ids, int count, long[] out) {
    if (dim != this.dim) {
      throw new IllegalArgumentException("vectors have dim " + dim + " but this SimHash hashes dim " + this.dim);
    }
    if (count < 0 || count > ids.length || (long) count * dim > vectors.length) {
      throw new IllegalArgumentException("count " + count + " exceeds the ids (" + ids.length + ") or the vectors ("
          + vectors.length / dim + " of dim " + dim + ")");
    }
    for (int i = 0; i < count; i++) {
      if (ids[i] < 0 || ids[i] >= out.length) {
        throw new IndexOutOfBoundsException("id " + ids[i] + " at index " + i + " outside the output (" + out.length
            + " entries)");
      }
    }
    sign(vectors, null, ids, count, out);
  }

  /**
   * Kernel: vector i is {@code data[src[i]*dim ..]} ({@code data[i*dim ..]} when {@code src} is null);
   * its signature goes to {@code out[dst[i]]}. Arguments are already checked.
   */
  private void sign(float[] table, int[] src, int[] dst, int count, long[] out) {
    final int h = hashBits;
    float[] a0 = new float[h];
    float[] a1 = new float[h];
    float[] a2 = new float[h];
    float[] a3 = new float[h];
    int i = 0;
    for (; i + 4 <= count; i += 4) { // four rows per pass over the projections
      int b0 = (src == null ? i : src[i]) * dim;
      int b1 = (src == null ? i + 1 : src[i + 1]) * dim;
      int b2 = (src == null ? i + 2 : src[i + 2]) * dim;
      int b3 = (src == null ? i + 3 : src[i + 3]) * dim;
      float[] p = proj[0];
      float v0 = table[b0];
      float v1 = table[b1];
      float v2 = table[b2];
      float v3 = table[b3];
      for (int b = 0; b < h; b++) {
        float q = p[b];
        a0[b] = q * v0;
        a1[b] = q * v1;
        a2[b] = q * v2;
        a3[b] = q * v3;
      }
      for (int j = 1; j < dim; j++) {
        p = proj[j];
        v0 = table[b0 + j];
        v1 = table[b1 + j];
        v2 = table[b2 + j];
        v3 = table[b3 + j];
        for (int b = 0; b < h; b++) {
          float q = p[b];
          a0[b] += q * v0;
          a1[b] += q * v1;
          a2[b] += q * v2;
          a3[b] += q * v3;
        }
      }
      out[dst[i]] = signs(a0, h);
      out[dst[i + 1]] = signs(a1, h);
      out[dst[i + 2]] = signs(a2, h);
      out[dst[i + 3]] = signs(a3, h);
    }
    for (; i < count; i++) {
      int base = (src == null ? i : src[i]) * dim;
      float[] p = proj[0];
      float v = table[base];
      for (int b = 0; b < h; b++) a0[b] = p[b] * v;
      for (int j = 1; j < dim; j++) {
        p = proj[j];
        v = table[base + j];
        for (int b = 0; b < h; b++) a0[b] += p[b] * v;
      }
      out[dst[i]] = signs(a0, h);
    }
  }

  /** Packs bit b = (acc[b] &gt; 0) without branches: a float is &gt; 0 iff its raw bits are a positive int. */
  private static long signs(float[] acc, int h) {
    long sig = 0;
    for (int b = 0; b < h; b++) sig |= ((-(long) Float.floatToRawIntBits(acc[b])) >>> 63) << b;
    return sig;
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
