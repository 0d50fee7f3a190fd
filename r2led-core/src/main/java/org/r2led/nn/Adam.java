package org.r2led.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam / AdamW whose state lives in Java (so checkpoints include it), with row-sparse ("lazy")
 * updates for embedding tables: only the rows gathered in a step have their moments and values
 * updated; other rows stay bit-identical. Dense parameters follow PyTorch's {@code torch.optim.Adam}
 * / {@code AdamW} exactly; a sparse row follows the same formula with the optimizer's global step
 * count for bias correction.
 *
 * <p>Gradients are first clipped by their global L2 norm (over dense and sparse gradients together)
 * when {@code clipNorm > 0}.
 */
public final class Adam {
  /** Hyper-parameters. {@code decoupled}: AdamW (decay applied to weights), else L2 added to the gradient. */
  public record Settings(double beta1, double beta2, double eps, double weightDecay, double embeddingWeightDecay,
      boolean decoupled, double clipNorm) {
    public static Settings adam(double weightDecay, double clipNorm) {
      return new Settings(0.9, 0.999, 1e-8, weightDecay, 0, false, clipNorm);
    }
  }

  private final Settings s;
  private final Map<Param, float[]> m = new LinkedHashMap<>();
  private final Map<Param, float[]> v = new LinkedHashMap<>();
  private long t;
  private final boolean embeddingDecayWholeTable;

  public Adam(ParamStore store, Settings settings) { this(store, settings, false); }

  /**
   * @param embeddingDecayWholeTable apply the embedding regularizer to every row of every sparse
   *     table at every step (the gradient of an L2 term over the whole table, as dense PyTorch Adam
   *     with {@code λ·Σ‖W‖²} in the loss does), not only to the rows the step gathered; costs an
   *     update of the whole table per step
   */
  public Adam(ParamStore store, Settings settings, boolean embeddingDecayWholeTable) {
    this.s = settings;
    this.embeddingDecayWholeTable = embeddingDecayWholeTable;
    for (Param p : store.all()) {
      m.put(p, new float[p.size()]);
      v.put(p, new float[p.size()]);
    }
  }

  /** Number of updates applied so far. */
  public long steps() { return t; }

  /** Applies one update with learning rate {@code lr}; returns the gradient norm before clipping. */
  public double update(Gradients g, double lr) { return update(g, lr, Fork.SERIAL); }

  /**
   * {@link #update(Gradients, double)} with the rows of the sparse tables split over {@code fork}'s
   * width (contiguous ranges of each table's gradient rows): every row's update is independent of the
   * others, so the result is the same bit for bit.
   */
  public double update(Gradients g, double lr, Fork fork) {
    double norm = g.globalNorm();
    if (s.clipNorm > 0 && norm > s.clipNorm) g.scale((float) (s.clipNorm / (norm + 1e-6)));
    t++;
    double bc1 = 1 - Math.pow(s.beta1, t);
    double bc2Sqrt = Math.sqrt(1 - Math.pow(s.beta2, t));
    for (Gradients.Dense d : g.dense()) {
      Param p = d.param();
      apply(p.data, m.get(p), v.get(p), d.grad(), 0, 0, p.size(), lr, bc1, bc2Sqrt, s.weightDecay);
    }
    if (embeddingDecayWholeTable && s.embeddingWeightDecay != 0) {
      java.util.Map<Param, Gradients.Sparse> byTable = new java.util.IdentityHashMap<>();
      for (Gradients.Sparse sp : g.sparse()) byTable.put(sp.table(), sp);
      for (Param p : m.keySet()) {
        if (!p.sparse()) continue;
        float[] full = new float[p.size()];
        Gradients.Sparse sp = byTable.get(p);
        if (sp != null) {
          int dim = p.cols();
          UniqueIds ids = sp.ids();
          for (int i = 0, n = ids.size(); i < n; i++) System.arraycopy(sp.grad(), i * dim, full, ids.id(i) * dim, dim);
        }
        apply(p.data, m.get(p), v.get(p), full, 0, 0, p.size(), lr, bc1, bc2Sqrt, s.embeddingWeightDecay);
      }
      return norm;
    }
    long rows = g.sparseRows();
    int tasks = fork.pieces(rows, 512);
    fork.run(tasks, t -> {
      for (Gradients.Sparse sp : g.sparse()) {
        Param p = sp.table();
        int dim = p.cols();
        float[] pm = m.get(p);
        float[] pv = v.get(p);
        UniqueIds ids = sp.ids();
        int n = ids.size();
        for (int i = (int) ((long) t * n / tasks), end = (int) ((long) (t + 1) * n / tasks); i < end; i++) {
          apply(p.data, pm, pv, sp.grad(), ids.id(i) * dim, i * dim, dim, lr, bc1, bc2Sqrt, s.embeddingWeightDecay);
        }
      }
    });
    return norm;
  }

  private void apply(float[] w, float[] mm, float[] vv, float[] grad, int wOff, int gOff, int len, double lr,
      double bc1, double bc2Sqrt, double wd) {
    float b1 = (float) s.beta1;
    float b2 = (float) s.beta2;
    float stepSize = (float) (lr / bc1);
    float eps = (float) s.eps;
    float invBc2 = (float) (1 / bc2Sqrt);
    float decay = (float) (1 - lr * wd);
    boolean l2 = wd != 0 && !s.decoupled;
    boolean dec = wd != 0 && s.decoupled;
    for (int k = 0; k < len; k++) {
      int wi = wOff + k;
      float gk = grad[gOff + k];
      if (l2) gk += (float) wd * w[wi];
      if (dec) w[wi] *= decay;
      float mk = b1 * mm[wi] + (1 - b1) * gk;
      float vk = b2 * vv[wi] + (1 - b2) * gk * gk;
      mm[wi] = mk;
      vv[wi] = vk;
      w[wi] -= stepSize * mk / ((float) Math.sqrt(vk) * invBc2 + eps);
    }
  }

  /** First-moment state of a parameter (live array; for checkpoints). */
  public float[] firstMoment(Param p) { return m.get(p); }

  /** Second-moment state of a parameter (live array; for checkpoints). */
  public float[] secondMoment(Param p) { return v.get(p); }

  /** Restores the step count (moments are restored in place through the live arrays). */
  public void setSteps(long steps) { this.t = steps; }
}
