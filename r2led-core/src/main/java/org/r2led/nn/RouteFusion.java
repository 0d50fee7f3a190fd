package org.r2led.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * Route-level fusion (docs/training.md, "Models"). Route vectors {@code u} {@code (B, R, d)} plus a learned route
 * embedding per route give {@code U}; with the target {@code h_v} {@code (B, d)}:
 * <ul>
 *   <li>{@code cross_attention}: {@code z = softmax((h_v W_q)(U W_k)ᵀ / √d)(U W_v)} over routes whose
 *       mask is 1 (empty routes excluded; all empty → zero);</li>
 *   <li>{@code mean}: {@code z} = mean of {@code U} over non-empty routes.</li>
 * </ul>
 * Output {@code (B, d)}.
 */
public final class RouteFusion {
  /** Fusion mode (config key {@code route_fusion}). */
  public enum Mode {
    CROSS_ATTENTION, MEAN;

    public static Mode parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
  }

  private final Mode mode;
  private final int dim;
  private final Param routeEmb;
  private final Param wq;
  private final Param wk;
  private final Param wv;

  public RouteFusion(ParamStore store, String name, int routes, int dim, Mode mode, double embStd) {
    this.mode = mode;
    this.dim = dim;
    this.routeEmb = store.denseTable(name + ".route_emb", routes, dim, embStd);
    boolean ca = mode == Mode.CROSS_ATTENTION;
    this.wq = ca ? store.dense(name + ".wq", Init.XAVIER_UNIFORM, dim, dim) : null;
    this.wk = ca ? store.dense(name + ".wk", Init.XAVIER_UNIFORM, dim, dim) : null;
    this.wv = ca ? store.dense(name + ".wv", Init.XAVIER_UNIFORM, dim, dim) : null;
  }

  /** {@code z} {@code (B, d)} from target {@code (B, d)}, route vectors {@code (B, R, d)}, route mask {@code (B, R)}. */
  public NDArray forward(Step s, NDArray target, NDArray routes, NDArray mask) {
    long t = Profile.start();
    NDArray r = forwardImpl(s, target, routes, mask);
    Profile.stop("forward.route_fusion", t);
    return r;
  }

  private NDArray forwardImpl(Step s, NDArray target, NDArray routes, NDArray mask) {
    NDArray u = routes.add(s.p(routeEmb));                                     // (B,R,d)
    if (mode == Mode.MEAN) {
      NDArray cnt = Scalars.maximum(mask.sum(new int[] {1}, true), 1f);                  // (B,1)
      return u.mul(mask.expandDims(-1)).sum(new int[] {1}).div(cnt);
    }
    NDArray q = target.matMul(s.p(wq)).expandDims(1);                           // (B,1,d)
    NDArray k = u.matMul(s.p(wk));                                              // (B,R,d)
    NDArray v = u.matMul(s.p(wv));                                              // (B,R,d)
    NDArray scores = Scalars.div(q.matMul(k.transpose(0, 2, 1)), (float) Math.sqrt(dim)); // (B,1,R)
    NDArray w = Masks.softmax(scores, mask.expandDims(1));
    return w.matMul(v).squeeze(1);
  }
}
