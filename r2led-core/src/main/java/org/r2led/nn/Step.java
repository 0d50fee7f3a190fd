package org.r2led.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context of one forward (and, when training, backward) pass. It owns one {@link NDManager}
 * that every array of the step belongs to and that {@link #close()} frees, so nothing leaks across
 * steps. Dense parameters are copied in as NDArrays; for each embedding table, the rows of the
 * step's {@link UniqueIds} are gathered into one leaf. When training, {@link #backward} copies all
 * gradients back into Java arrays ({@link Gradients}) for the optimizer. Arrays copied in from Java
 * live in the step's {@link StepArena} (reused direct memory, no allocation per array).
 *
 * <p>Training steps of different threads may run at the same time (data-parallel workers): a step
 * does not use DJL's gradient collector (one per JVM) but switches PyTorch's grad mode on for its
 * own thread (a thread-local setting, restored when the step closes) and runs autograd's backward on
 * its loss directly. Each leaf belongs to one step, so gradients never mix between steps. One
 * thread has at most one training step open at a time.
 */
public final class Step implements AutoCloseable {
  private final NDManager manager;
  private final StepArena arena = StepArena.acquire();
  private final boolean training;
  /** The thread's grad mode before a training step switched it on (restored by close). */
  private final boolean gradModeBefore;
  // Insertion-ordered (Param has identity equality): gradients, hence the clipping norm's sum and
  // the update order, follow the forward pass and are the same in every JVM. An IdentityHashMap's
  // order follows identity hash codes and made training differ between runs of one seed.
  private final Map<Param, NDArray> dense = new LinkedHashMap<>();
  private final Map<Param, SparseLeaf> sparse = new LinkedHashMap<>();

  private record SparseLeaf(Param table, UniqueIds ids, NDArray leaf) {}

  private final long seed;
  private long draws;

  /** Opens a step; {@code training} enables gradients (and dropout, with seed 0). */
  public Step(boolean training) { this(training, 0L); }

  /**
   * Opens a step; {@code training} enables gradients and dropout, whose masks are drawn from
   * {@code seed} (give each step its own, e.g. from the run seed and the optimizer step, so a resumed
   * run draws the same masks).
   */
  public Step(boolean training, long seed) {
    this.manager = NDManager.newBaseManager();
    this.training = training;
    this.seed = seed;
    this.gradModeBefore = training && JniUtils.isGradMode();
    if (training) JniUtils.setGradMode(true);
  }

  /**
   * Inverted dropout: in a training step, zeroes each element of {@code x} with probability
   * {@code rate} and scales the rest by {@code 1/(1-rate)}; otherwise (or at rate 0) returns x.
   * Masks come from the step's seed in call order, so they are the same in every run.
   */
  public NDArray dropout(NDArray x, double rate) {
    if (!training || rate <= 0) return x;
    long n = x.getShape().size();
    float keep = (float) (1 / (1 - rate));
    float[] m = new float[Math.toIntExact(n)];
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * ++draws);
    for (int i = 0; i < m.length; i++) m[i] = r.nextDouble() < rate ? 0f : keep;
    return x.mul(floats(m, x.getShape().getShape()));
  }

  public NDManager manager() { return manager; }

  public boolean training() { return training; }

  /** The NDArray of a dense parameter (created once per step). */
  public NDArray p(Param p) {
    if (p.sparse()) throw new IllegalArgumentException(p.name() + " is a sparse table; use rows()");
    NDArray a = dense.get(p);
    if (a != null) return a;
    long t = Profile.start();
    a = floats(p.data, p.shape());
    if (training) a.setRequiresGradient(true);
    dense.put(p, a);
    Profile.stop("copy_in", t);
    return a;
  }

  /**
   * The rows {@code ids.ids()} of a sparse table as one leaf of shape {@code (ids.size(), dim)}.
   * A table can be gathered once per step; put all of a step's ids for it into one {@link UniqueIds}.
   */
  public NDArray rows(Param table, UniqueIds ids) {
    if (!table.sparse()) throw new IllegalArgumentException(table.name() + " is dense; use p()");
    if (sparse.containsKey(table)) throw new IllegalStateException(table.name() + " was already gathered in this step");
    long t = Profile.start();
    NDArray leaf = gather(table.data, table.cols(), ids);
    if (training) leaf.setRequiresGradient(true);
    sparse.put(table, new SparseLeaf(table, ids, leaf));
    Profile.stop("copy_in", t);
    return leaf;
  }

  /**
   * Rows {@code ids.ids()} of a row-major Java table of {@code cols} columns (not a parameter, e.g. values
   * precomputed from frozen parameters) as a constant {@code (ids.size(), cols)}, no gradient.
   */
  public NDArray constantRows(float[] table, int cols, UniqueIds ids) {
    long t = Profile.start();
    NDArray a = gather(table, cols, ids);
    Profile.stop("copy_in", t);
    return a;
  }

  private NDArray gather(float[] src, int d, UniqueIds ids) {
    int n = ids.size();
    ByteBuffer buf = arena.slice(n * d * Float.BYTES);
    FloatBuffer f = buf.asFloatBuffer();
    for (int i = 0; i < n; i++) f.put(src, ids.id(i) * d, d);
    return manager.create(buf, new Shape(n, d), DataType.FLOAT32);
  }

  /** An int32 array (indices, no gradient) of the first {@code shape}'s product of {@code values}. */
  public NDArray ints(int[] values, long... shape) {
    Shape s = new Shape(shape);
    int n = Math.toIntExact(s.size());
    ByteBuffer buf = arena.slice(n * Integer.BYTES);
    buf.asIntBuffer().put(values, 0, n);
    return manager.create(buf, s, DataType.INT32);
  }

  /** A float32 constant (masks, features; no gradient) of the first {@code shape}'s product of {@code values}. */
  public NDArray floats(float[] values, long... shape) {
    Shape s = new Shape(shape);
    int n = Math.toIntExact(s.size());
    ByteBuffer buf = arena.slice(n * Float.BYTES);
    buf.asFloatBuffer().put(values, 0, n);
    return manager.create(buf, s, DataType.FLOAT32);
  }

  /** Runs backward from a scalar loss and returns all parameter gradients as Java arrays. */
  public Gradients backward(NDArray loss) {
    if (!training) throw new IllegalStateException("backward in an evaluation step");
    long t = Profile.start();
    NDArray seedGrad = manager.ones(loss.getShape(), loss.getDataType());
    JniUtils.backward((PtNDArray) loss, (PtNDArray) seedGrad, false, false);
    Profile.stop("backward", t);
    t = Profile.start();
    List<Gradients.Dense> dg = new ArrayList<>(dense.size());
    for (Map.Entry<Param, NDArray> e : dense.entrySet()) {
      dg.add(new Gradients.Dense(e.getKey(), e.getValue().getGradient().toFloatArray()));
    }
    List<Gradients.Sparse> sg = new ArrayList<>(sparse.size());
    for (SparseLeaf l : sparse.values()) {
      sg.add(new Gradients.Sparse(l.table(), l.ids(), l.leaf().getGradient().toFloatArray()));
    }
    Profile.stop("grad_copy_out", t);
    return new Gradients(dg, sg);
  }

  @Override
  public void close() {
    try {
      if (training && !gradModeBefore) JniUtils.setGradMode(false);
    } finally {
      manager.close();
      arena.release();
    }
  }
}
