package org.r2led.spark.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.BarrierTaskContext;
import org.r2led.train.parallel.Workers;

/**
 * The all-gather of a barrier stage for byte messages: every task sends its bytes (Base64 text, as
 * {@link BarrierTaskContext#allGather} carries strings through the driver) and receives every task's,
 * in partition order. Counts what went through it: messages, bytes sent by this task, bytes received
 * and the wall time spent waiting in the all-gather (the slowest task's compute shows up here).
 *
 * <p>Latency: Spark's {@code allGather} (4.x) waits for the driver's reply by sleeping one second at a
 * time, waking early only when its thread is interrupted (then it checks the reply, and whether the
 * task was killed). One exchange per training step would cost a second. So the call runs on this
 * exchange's own thread, which the calling thread interrupts every {@link #POLL_NANOS} until the call
 * returned: the all-gather then costs the driver round trip plus at most the poll interval.
 */
final class Exchange implements AutoCloseable {
  /** How often the thread in {@code allGather} is woken to look for the driver's reply. */
  static final long POLL_NANOS = 200_000;

  private final BarrierTaskContext ctx;
  private volatile Thread gatherThread;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "r2led-allgather");
    t.setDaemon(true);
    gatherThread = t;
    return t;
  });
  private long calls;
  private long sentBytes;
  private long receivedBytes;
  private long waitNanos;

  Exchange(BarrierTaskContext ctx) { this.ctx = ctx; }

  /** This task's partition id: its shard index. */
  int task() { return ctx.partitionId(); }

  /** Number of tasks in the barrier stage. */
  int tasks() { return ctx.getTaskInfos().length; }

  /** Every task's bytes, in partition order (an empty array for a task that sent none). */
  byte[][] allGather(byte[] mine) {
    String sent = Base64.getEncoder().encodeToString(mine);
    long t = System.nanoTime();
    String[] all = gather(sent);
    waitNanos += System.nanoTime() - t;
    calls++;
    sentBytes += sent.length();
    byte[][] out = new byte[all.length][];
    for (int k = 0; k < all.length; k++) {
      receivedBytes += all[k].length();
      out[k] = Base64.getDecoder().decode(all[k]);
    }
    return out;
  }

  /** Every task's text, in partition order (small control messages, e.g. checksums). */
  String[] allGather(String mine) {
    long t = System.nanoTime();
    String[] all = gather(mine);
    waitNanos += System.nanoTime() - t;
    calls++;
    sentBytes += mine.length();
    for (String s : all) receivedBytes += s.length();
    return all;
  }

  /** Waits until every task reached this point. */
  void barrier() { gather(""); }

  /** {@code ctx.allGather(message)} on the exchange thread, woken every {@link #POLL_NANOS}. */
  private String[] gather(String message) {
    Future<String[]> f = thread.submit(() -> ctx.allGather(message));
    while (!f.isDone()) {
      LockSupport.parkNanos(POLL_NANOS);
      Thread t = gatherThread;
      if (t != null && !f.isDone()) t.interrupt(); // the executor clears a stray interrupt before its next task
    }
    return Workers.await(f);
  }

  @Override
  public void close() { thread.shutdownNow(); }

  long calls() { return calls; }

  /** Base64 characters (= bytes on the wire before RPC framing) this task sent. */
  long sentBytes() { return sentBytes; }

  /** Base64 characters this task received (all tasks' messages, its own included). */
  long receivedBytes() { return receivedBytes; }

  double waitSeconds() { return waitNanos / 1e9; }

  /** Little-endian float32 bytes of {@code v}. */
  static byte[] floats(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  /** The floats of {@link #floats(float[])}' bytes. */
  static float[] floats(byte[] bytes) {
    if (bytes.length % 4 != 0) throw new IllegalArgumentException("float message of " + bytes.length + " bytes (not a multiple of 4)");
    float[] v = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }
}
