package org.r2led.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * All parameters of a model, by unique name, in declaration order, plus named non-trainable
 * {@code long[]} buffers (e.g. live SimHash signatures) that checkpoints save with them.
 *
 * <p>Initial values depend only on the store's seed and the parameter name, so adding a parameter
 * does not change the others. Not thread-safe: declare on one thread before training starts.
 */
public final class ParamStore {
  private final long seed;
  private final Map<String, Param> params = new LinkedHashMap<>();
  private final Map<String, long[]> buffers = new LinkedHashMap<>();

  public ParamStore(long seed) { this.seed = seed; }

  /** A dense parameter of {@code shape} initialised by {@code init}. */
  public Param dense(String name, Init init, long... shape) {
    long n = 1;
    for (long s : shape) n *= s;
    float[] a = new float[Math.toIntExact(n)];
    init.fill(a, shape, rng(name));
    return add(new Param(name, shape, false, a));
  }

  /**
   * A dense {@code rows × dim} table (small vocabularies: behavior types, time-gap buckets, flags,
   * route embeddings) initialised N(0, std²); gathered in the graph, updated whole.
   */
  public Param denseTable(String name, int rows, int dim, double std) {
    return add(new Param(name, new long[] {rows, dim}, false, gaussian(name, (long) rows * dim, std)));
  }

  /**
   * A row-sparse embedding table of {@code rows × dim} initialised N(0, std²) (row 0, the padding
   * id, is zero and stays zero unless a model looks it up).
   */
  public Param embedding(String name, int rows, int dim, double std) {
    float[] a = gaussian(name, (long) rows * dim, std);
    java.util.Arrays.fill(a, 0, dim, 0f);
    return add(new Param(name, new long[] {rows, dim}, true, a));
  }

  private float[] gaussian(String name, long n, double std) {
    float[] a = new float[Math.toIntExact(n)];
    SplittableRandom r = rng(name);
    for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextGaussian() * std);
    return a;
  }

  private SplittableRandom rng(String name) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < name.length(); i++) h = (h ^ name.charAt(i)) * 0x100000001B3L;
    return new SplittableRandom(h);
  }

  private Param add(Param p) {
    if (params.putIfAbsent(p.name(), p) != null) throw new IllegalArgumentException("duplicate parameter name " + p.name());
    return p;
  }

  /** Registers a named buffer saved with checkpoints (the array is shared, not copied). */
  public void buffer(String name, long[] values) {
    if (buffers.putIfAbsent(name, values) != null) throw new IllegalArgumentException("duplicate buffer name " + name);
  }

  public Param get(String name) {
    Param p = params.get(name);
    if (p == null) throw new IllegalArgumentException("no parameter " + name + "; have " + params.keySet());
    return p;
  }

  public List<Param> all() { return Collections.unmodifiableList(new ArrayList<>(params.values())); }

  public Map<String, long[]> buffers() { return Collections.unmodifiableMap(buffers); }

  /** Total number of floats over all parameters. */
  public long totalSize() {
    long n = 0;
    for (Param p : params.values()) n += p.size();
    return n;
  }
}
