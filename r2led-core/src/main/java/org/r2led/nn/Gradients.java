package org.r2led.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradients of one step, in Java memory: whole arrays for dense parameters, and for each sparse
 * table the gradient rows of its gathered ids ({@code ids.size() × dim}, row {@code i} belongs to
 * table row {@code ids.id(i)}).
 */
public record Gradients(List<Dense> dense, List<Sparse> sparse) {
  public record Dense(Param param, float[] grad) {}

  public record Sparse(Param table, UniqueIds ids, float[] grad) {}

  /**
   * Global L2 norm over all gradient values: squares summed in double, element {@code i} of each
   * array into lane {@code i mod 4} (four independent sums run four times faster than one), the lanes
   * added at the end; a fixed order, so the same gradients give the same bits.
   */
  public double globalNorm() {
    double[] lanes = new double[4];
    for (Dense d : dense) addSquares(lanes, d.grad);
    for (Sparse d : sparse) addSquares(lanes, d.grad);
    return Math.sqrt((lanes[0] + lanes[1]) + (lanes[2] + lanes[3]));
  }

  private static void addSquares(double[] lanes, float[] g) {
    double s0 = lanes[0], s1 = lanes[1], s2 = lanes[2], s3 = lanes[3];
    int i = 0;
    for (int n = g.length & ~3; i < n; i += 4) {
      s0 += (double) g[i] * g[i];
      s1 += (double) g[i + 1] * g[i + 1];
      s2 += (double) g[i + 2] * g[i + 2];
      s3 += (double) g[i + 3] * g[i + 3];
    }
    for (; i < g.length; i++) {
      double q = (double) g[i] * g[i];
      switch (i & 3) {
        case 0 -> s0 += q;
        case 1 -> s1 += q;
        case 2 -> s2 += q;
        default -> s3 += q;
      }
    }
    lanes[0] = s0;
    lanes[1] = s1;
    lanes[2] = s2;
    lanes[3] = s3;
  }

  /** Multiplies every gradient by {@code f} in place. */
  public void scale(float f) {
    for (Dense d : dense) for (int i = 0; i < d.grad.length; i++) d.grad[i] *= f;
    for (Sparse d : sparse) for (int i = 0; i < d.grad.length; i++) d.grad[i] *= f;
  }

  /** Number of dense gradient floats (one worker's dense share of a gradient exchange). */
  public long denseFloats() {
    long n = 0;
    for (Dense d : dense) n += d.grad.length;
    return n;
  }

  /** Number of sparse gradient rows over all tables. */
  public long sparseRows() {
    long n = 0;
    for (Sparse s : sparse) n += s.ids.size();
    return n;
  }

  /**
   * The weighted sum of the gradients of several sub-batches (data-parallel shards): for a dense
   * parameter {@code Σ weights[k]·parts[k]} (a part without it counts as zero); for a sparse table the
   * union of the parts' ids, each row the weighted sum of the parts' rows for that id. With weights
   * {@code shard size / batch size} and per-shard mean losses this is the gradient of the whole
   * batch's mean loss (to float rounding).
   *
   * <p>Deterministic: parameters and tables are ordered by part index, then first appearance, a
   * table's merged ids ascending (so that the update walks the table in address order), and every
   * value is summed in part order (in double, rounded once), so every replica merging the same parts
   * gets bit-identical gradients. Parts must refer to the same {@link Param} objects (decode received
   * parts against the local store, {@link GradientCodec#decode}). A single part with weight 1 is
   * returned as it is.
   */
  public static Gradients merge(List<Gradients> parts, double[] weights) { return merge(parts, weights, Fork.SERIAL); }

  /**
   * {@link #merge(List, double[])} with the sums of each table's rows split over {@code fork}'s width
   * (contiguous ranges of merged rows); the result does not depend on the split.
   */
  public static Gradients merge(List<Gradients> parts, double[] weights, Fork fork) {
    if (parts.isEmpty()) throw new IllegalArgumentException("no gradients to merge");
    if (weights.length != parts.size()) {
      throw new IllegalArgumentException(parts.size() + " gradient parts but " + weights.length + " weights");
    }
    if (parts.size() == 1 && weights[0] == 1.0) return parts.get(0);
    int n = parts.size();
    // dense: per parameter (first appearance), the part's gradient or null
    Map<Param, float[][]> dense = new LinkedHashMap<>();
    for (int k = 0; k < n; k++) {
      for (Dense d : parts.get(k).dense) {
        if (d.grad.length != d.param.size()) {
          throw new IllegalArgumentException(d.param.name() + ": gradient of " + d.grad.length + " floats, expected " + d.param.size());
        }
        dense.computeIfAbsent(d.param, p -> new float[n][])[k] = d.grad;
      }
    }
    List<Dense> outDense = new ArrayList<>(dense.size());
    for (Map.Entry<Param, float[][]> e : dense.entrySet()) {
      float[][] g = e.getValue();
      double[] sum = new double[e.getKey().size()];
      for (int k = 0; k < n; k++) if (g[k] != null) addScaled(sum, g[k], 0, weights[k]);
      float[] out = new float[sum.length];
      for (int i = 0; i < out.length; i++) out[i] = (float) sum[i];
      outDense.add(new Dense(e.getKey(), out));
    }
    // sparse: per table (first appearance) the union of the parts' ids in ascending order (the update
    // then walks each table's rows in address order); inv[k][r] = row of merged row r in part k, or -1
    Map<Param, Sparse[]> byTable = new LinkedHashMap<>();
    for (int k = 0; k < n; k++) {
      for (Sparse s : parts.get(k).sparse) {
        if (s.grad.length != s.ids.size() * s.table.cols()) {
          throw new IllegalArgumentException(s.table.name() + ": " + s.grad.length + " gradient floats for " + s.ids.size()
              + " rows of " + s.table.cols());
        }
        byTable.computeIfAbsent(s.table, t -> new Sparse[n])[k] = s;
      }
    }
    List<Sparse> outSparse = new ArrayList<>(byTable.size());
    for (Map.Entry<Param, Sparse[]> e : byTable.entrySet()) {
      Sparse[] ps = e.getValue();
      int[][] partIds = new int[n][];
      for (int k = 0; k < n; k++) if (ps[k] != null) partIds[k] = ps[k].ids.ids();
      int[][] at = new int[n][];
      int[] union = SortedUnion.of(partIds, e.getKey().rows(), at);
      int rows = union.length;
      UniqueIds u = new UniqueIds(rows);
      for (int id : union) u.add(id);
      int[][] inv = new int[n][];
      for (int k = 0; k < n; k++) {
        if (ps[k] == null) continue;
        inv[k] = new int[rows];
        java.util.Arrays.fill(inv[k], -1);
        for (int i = 0; i < at[k].length; i++) inv[k][at[k][i]] = i;
      }
      int dim = e.getKey().cols();
      float[] out = new float[rows * dim];
      int tasks = fork.pieces(rows, 512);
      fork.run(tasks, t -> {
        double[] sum = new double[dim];
        for (int r = (int) ((long) t * rows / tasks), end = (int) ((long) (t + 1) * rows / tasks); r < end; r++) {
          java.util.Arrays.fill(sum, 0);
          for (int k = 0; k < n; k++) {
            int i = inv[k] == null ? -1 : inv[k][r];
            if (i >= 0) addScaled(sum, ps[k].grad, i * dim, weights[k]);
          }
          for (int c = 0; c < dim; c++) out[r * dim + c] = (float) sum[c];
        }
      });
      outSparse.add(new Sparse(e.getKey(), u, out));
    }
    return new Gradients(outDense, outSparse);
  }

  /** {@code sum[c] += w * g[off + c]} for every c (in double). */
  private static void addScaled(double[] sum, float[] g, int off, double w) {
    for (int c = 0; c < sum.length; c++) sum[c] += w * g[off + c];
  }
}
