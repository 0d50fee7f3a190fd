package org.r2led.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SID-level fusion (docs/training.md, "Models"). For an item with ID embedding {@code e} {@code (N, d)} and SID code
 * embeddings {@code s_1..s_L} {@code (N, d)} each:
 * <ul>
 *   <li>{@code gate}: {@code h = g_0⊙e + Σ_l g_l⊙(s_l P_l)} with {@code [g_0..g_L] = σ([e; s_1; …; s_L] W_g + b_g)}
 *       (element-wise gates, one d-vector per source);</li>
 *   <li>{@code sum}: {@code h = e + Σ_l s_l P_l};</li>
 *   <li>{@code id_only}: {@code h = e}.</li>
 * </ul>
 * Inputs and output are 2-D {@code (N, d)}.
 *
 * <p>{@link #forward(Step, NDArray, List, List)} takes the code embeddings as tables and indices
 * ({@code s_l = T_l[idx_l]}) and computes every per-code product once per table row: {@code s_l P_l =
 * (T_l P_l)[idx_l]}, and the gate's input {@code [e; s_1; …; s_L] W_g = e W_{g,0} + Σ_l (T_l W_{g,l})[idx_l]}
 * ({@code W_{g,l}} the rows of {@code W_g} that meet source l). A code table has a codebook's rows
 * (~129), a batch thousands of items, so the gate's matrix product shrinks to the ID part; the same
 * function, with the sums in another order.
 */
public final class SidGate {
  /** Fusion mode (config key {@code sid_fusion}). */
  public enum Mode {
    GATE, SUM, ID_ONLY;

    public static Mode parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
  }

  private final Mode mode;
  private final int levels;
  private final Param[] proj;
  private final Linear gate;

  public SidGate(ParamStore store, String name, int dim, int levels, Mode mode) {
    this.mode = mode;
    this.levels = mode == Mode.ID_ONLY ? 0 : levels;
    this.proj = new Param[this.levels];
    for (int l = 0; l < this.levels; l++) proj[l] = store.dense(name + ".p" + l, Init.XAVIER_UNIFORM, dim, dim);
    this.gate = mode == Mode.GATE ? new Linear(store, name + ".gate", (levels + 1) * dim, (levels + 1) * dim, true) : null;
  }

  public Mode mode() { return mode; }

  /** Fused token embeddings; {@code codes} may be empty in {@code id_only} mode. */
  public NDArray forward(Step s, NDArray e, List<NDArray> codes) {
    long t = Profile.start();
    NDArray r = forwardImpl(s, e, codes);
    Profile.stop("forward.sid_gate", t);
    return r;
  }

  /**
   * Fused embeddings of items with ID rows {@code e (N, d)} and SID code rows {@code tables[l][idx[l]]}
   * ({@code tables[l] (C_l, d)}, {@code idx[l]} int indices {@code (N)}); equal to
   * {@link #forward(Step, NDArray, List)} of the gathered rows up to rounding. Lists may be empty in
   * {@code id_only} mode.
   */
  public NDArray forward(Step s, NDArray e, List<NDArray> tables, List<NDArray> idx) {
    long t = Profile.start();
    NDArray r = forwardTables(s, e, tables, idx);
    Profile.stop("forward.sid_gate", t);
    return r;
  }

  private NDArray forwardTables(Step s, NDArray e, List<NDArray> tables, List<NDArray> idx) {
    if (mode == Mode.ID_ONLY) return e;
    if (tables.size() != levels || idx.size() != levels) {
      throw new IllegalArgumentException("expected " + levels + " code tables and indices, got " + tables.size() + " and " + idx.size());
    }
    List<NDArray> projected = new ArrayList<>(levels);                       // s_l P_l, (N,d) each
    for (int l = 0; l < levels; l++) projected.add(Gather.rows(s, tables.get(l).matMul(s.p(proj[l])), idx.get(l)));
    if (mode == Mode.SUM) {
      NDArray h = e;
      for (NDArray p : projected) h = h.add(p);
      return h;
    }
    long d = e.getShape().get(1);
    NDArray w = s.p(gate.weight());                                          // ((L+1)d, (L+1)d)
    NDArray pre = e.matMul(w.get("0:{}", d)).add(s.p(gate.bias()));
    for (int l = 0; l < levels; l++) {
      NDArray wl = w.get("{}:{}", (l + 1) * d, (l + 2) * d);
      pre = pre.add(Gather.rows(s, tables.get(l).matMul(wl), idx.get(l)));
    }
    NDList gs = Activation.sigmoid(pre).split(levels + 1, 1);
    NDArray h = gs.get(0).mul(e);
    for (int l = 0; l < levels; l++) h = h.add(gs.get(l + 1).mul(projected.get(l)));
    return h;
  }

  private NDArray forwardImpl(Step s, NDArray e, List<NDArray> codes) {
    if (mode == Mode.ID_ONLY) return e;
    if (codes.size() != levels) throw new IllegalArgumentException("expected " + levels + " code embeddings, got " + codes.size());
    if (mode == Mode.SUM) {
      NDArray h = e;
      for (int l = 0; l < levels; l++) h = h.add(codes.get(l).matMul(s.p(proj[l])));
      return h;
    }
    NDList all = new NDList(levels + 1);
    all.add(e);
    all.addAll(codes);
    NDArray g = Activation.sigmoid(gate.forward(s, NDArrays.concat(all, 1)));   // (N,(L+1)d)
    NDList gs = g.split(levels + 1, 1);
    NDArray h = gs.get(0).mul(e);
    for (int l = 0; l < levels; l++) h = h.add(gs.get(l + 1).mul(codes.get(l).matMul(s.p(proj[l]))));
    return h;
  }
}
