package org.r2led.nn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
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

  /** Global L2 norm over all gradient values. */
  public double globalNorm() {
    double s = 0;
    for (Dense d : dense) for (float g : d.grad) s += (double) g * g;
    for (Sparse d : sparse) for (float g : d.grad) s += (double) g * g;
    return Math.sqrt(s);
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
   * <p>Deterministic: parameters and ids are ordered by part index, then first appearance, and every
   * value is summed in part order (in double, rounded once), so every replica merging the same parts
   * gets bit-identical gradients. Parts must refer to the same {@link Param} objects (decode received
   * parts against the local store, {@link GradientCodec#decode}). A single part with weight 1 is
   * returned as it is.
   */
  public static Gradients merge(List<Gradients> parts, double[] weights) {
    if (parts.isEmpty()) throw new IllegalArgumentException("no gradients to merge");
    if (weights.length != parts.size()) {
      throw new IllegalArgumentException(parts.size() + " gradient parts but " + weights.length + " weights");
    }
    if (parts.size() == 1 && weights[0] == 1.0) return parts.get(0);
    Map<Param, double[]> dense = new LinkedHashMap<>();
    for (int k = 0; k < parts.size(); k++) {
      for (Dense d : parts.get(k).dense) {
        double[] acc = dense.computeIfAbsent(d.param, p -> new double[p.size()]);
        if (d.grad.length != acc.length) {
          throw new IllegalArgumentException(d.param.name() + ": gradient of " + d.grad.length + " floats, expected " + acc.length);
        }
        addScaled(acc, 0, d.grad, 0, acc.length, weights[k]);
      }
    }
    List<Dense> outDense = new ArrayList<>(dense.size());
    for (Map.Entry<Param, double[]> e : dense.entrySet()) outDense.add(new Dense(e.getKey(), toFloats(e.getValue())));

    Map<Param, UniqueIds> ids = new LinkedHashMap<>();
    for (Gradients g : parts) {
      for (Sparse s : g.sparse) {
        UniqueIds u = ids.computeIfAbsent(s.table, t -> new UniqueIds(s.ids.size() * parts.size()));
        for (int i = 0, n = s.ids.size(); i < n; i++) u.add(s.ids.id(i));
      }
    }
    Map<Param, double[]> rows = new IdentityHashMap<>();
    for (int k = 0; k < parts.size(); k++) {
      for (Sparse s : parts.get(k).sparse) {
        UniqueIds u = ids.get(s.table);
        int dim = s.table.cols();
        double[] acc = rows.computeIfAbsent(s.table, t -> new double[u.size() * dim]);
        if (s.grad.length != s.ids.size() * dim) {
          throw new IllegalArgumentException(s.table.name() + ": " + s.grad.length + " gradient floats for " + s.ids.size()
              + " rows of " + dim);
        }
        for (int i = 0, n = s.ids.size(); i < n; i++) addScaled(acc, u.add(s.ids.id(i)) * dim, s.grad, i * dim, dim, weights[k]);
      }
    }
    List<Sparse> outSparse = new ArrayList<>(ids.size());
    for (Map.Entry<Param, UniqueIds> e : ids.entrySet()) {
      outSparse.add(new Sparse(e.getKey(), e.getValue(), toFloats(rows.get(e.getKey()))));
    }
    return new Gradients(outDense, outSparse);
  }

  private static void addScaled(double[] acc, int accOff, float[] g, int gOff, int len, double w) {
    for (int i = 0; i < len; i++) acc[accOff + i] += w * g[gOff + i];
  }

  private static float[] toFloats(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
    return f;
  }
}
