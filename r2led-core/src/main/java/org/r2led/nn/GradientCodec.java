package org.r2led.nn;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Gradients} as bytes, for exchanging a worker's gradients between processes (e.g. a Spark
 * barrier task's all-gather). Little-endian, versioned:
 *
 * <pre>
 * int32 magic 'R2GD', int32 version (1)
 * int32 dense count; per dense parameter: name, int32 n, n × float32
 * int32 sparse count; per sparse table: name, int32 dim, int32 rows, rows × int32 id, rows·dim × float32
 * name = int32 UTF-8 byte length + bytes
 * </pre>
 *
 * Decoding resolves names against the receiver's {@link ParamStore} (a replica of the same model)
 * and checks every shape, so the decoded gradients can be {@linkplain Gradients#merge merged} there.
 */
public final class GradientCodec {
  private static final int MAGIC = 0x44473252; // "R2GD" little-endian
  private static final int VERSION = 1;

  private GradientCodec() {}

  /** The bytes of {@code g}. */
  public static byte[] encode(Gradients g) {
    long size = 16;
    List<byte[]> names = new ArrayList<>();
    for (Gradients.Dense d : g.dense()) {
      byte[] n = d.param().name().getBytes(StandardCharsets.UTF_8);
      names.add(n);
      size += 8L + n.length + 4L * d.grad().length;
    }
    for (Gradients.Sparse s : g.sparse()) {
      byte[] n = s.table().name().getBytes(StandardCharsets.UTF_8);
      names.add(n);
      size += 12L + n.length + 4L * s.ids().size() + 4L * s.grad().length;
    }
    if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("gradients of " + size + " bytes are too large to encode");
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(VERSION);
    int k = 0;
    b.putInt(g.dense().size());
    for (Gradients.Dense d : g.dense()) {
      putName(b, names.get(k++));
      b.putInt(d.grad().length);
      b.asFloatBuffer().put(d.grad());
      b.position(b.position() + 4 * d.grad().length);
    }
    b.putInt(g.sparse().size());
    for (Gradients.Sparse s : g.sparse()) {
      putName(b, names.get(k++));
      int rows = s.ids().size();
      b.putInt(s.table().cols()).putInt(rows);
      for (int i = 0; i < rows; i++) b.putInt(s.ids().id(i));
      b.asFloatBuffer().put(s.grad());
      b.position(b.position() + 4 * s.grad().length);
    }
    return b.array();
  }

  /** Gradients encoded by {@link #encode}, with parameters resolved in {@code store}. */
  public static Gradients decode(byte[] bytes, ParamStore store) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    try {
      int magic = b.getInt();
      if (magic != MAGIC) throw new IllegalArgumentException(String.format("not encoded gradients: magic 0x%08x, expected 0x%08x", magic, MAGIC));
      int version = b.getInt();
      if (version != VERSION) throw new IllegalArgumentException("encoded gradients of version " + version + "; this reader reads " + VERSION);
      int nd = count(b, "dense parameters");
      List<Gradients.Dense> dense = new ArrayList<>(nd);
      for (int i = 0; i < nd; i++) {
        Param p = store.get(name(b));
        if (p.sparse()) throw new IllegalArgumentException(p.name() + " is a sparse table here, but its gradient was encoded as dense");
        int n = count(b, p.name() + " floats");
        if (n != p.size()) throw new IllegalArgumentException(p.name() + ": encoded gradient of " + n + " floats, parameter has " + p.size());
        dense.add(new Gradients.Dense(p, floats(b, n)));
      }
      int ns = count(b, "sparse tables");
      List<Gradients.Sparse> sparse = new ArrayList<>(ns);
      for (int i = 0; i < ns; i++) {
        Param p = store.get(name(b));
        if (!p.sparse()) throw new IllegalArgumentException(p.name() + " is dense here, but its gradient was encoded as sparse rows");
        int dim = b.getInt();
        if (dim != p.cols()) throw new IllegalArgumentException(p.name() + ": encoded rows of dim " + dim + ", table has " + p.cols());
        int rows = count(b, p.name() + " rows");
        UniqueIds ids = new UniqueIds(rows);
        for (int r = 0; r < rows; r++) {
          int id = b.getInt();
          if (id < 0 || id >= p.rows()) throw new IllegalArgumentException(p.name() + ": encoded row id " + id + " outside 0.." + (p.rows() - 1));
          if (ids.add(id) != r) throw new IllegalArgumentException(p.name() + ": encoded row id " + id + " appears twice");
        }
        sparse.add(new Gradients.Sparse(p, ids, floats(b, Math.multiplyExact(rows, dim))));
      }
      if (b.hasRemaining()) throw new IllegalArgumentException("encoded gradients have " + b.remaining() + " trailing bytes");
      return new Gradients(dense, sparse);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("encoded gradients are truncated (" + bytes.length + " bytes)", e);
    }
  }

  private static void putName(ByteBuffer b, byte[] n) { b.putInt(n.length).put(n); }

  private static String name(ByteBuffer b) {
    int n = count(b, "name bytes");
    byte[] a = new byte[n];
    b.get(a);
    return new String(a, StandardCharsets.UTF_8);
  }

  private static int count(ByteBuffer b, String what) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) throw new IllegalArgumentException("encoded gradients: bad count of " + what + ": " + n);
    return n;
  }

  private static float[] floats(ByteBuffer b, int n) {
    if ((long) n * 4 > b.remaining()) throw new BufferUnderflowException();
    float[] f = new float[n];
    b.asFloatBuffer().get(f);
    b.position(b.position() + 4 * n);
    return f;
  }
}
