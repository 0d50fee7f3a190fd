package org.r2led.sid.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.r2led.io.Futures;

/**
 * Runs index ranges on a small fixed thread pool. The split of {@code [0, n)} into chunks depends
 * only on {@code n} and the chunk size, never on the thread count or scheduling, so per-chunk
 * results combined in chunk order are deterministic.
 */
public final class Parallel implements AutoCloseable {
  /** Work on one chunk {@code [from, to)}; {@code chunk} is the chunk's index. */
  @FunctionalInterface
  public interface ChunkTask {
    void run(int chunk, int from, int to);
  }

  private final int threads;
  private final ExecutorService pool;

  /** A pool of {@code threads} daemon threads ({@code <= 0}: one per available processor). */
  public Parallel(int threads) {
    this.threads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
    this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
      Thread t = new Thread(r, "r2led-sid-worker");
      t.setDaemon(true);
      return t;
    });
  }

  public int threads() { return threads; }

  /** Number of chunks {@link #forChunks} uses for {@code n} items. */
  public static int chunkCount(int n, int chunkSize) {
    return (n + chunkSize - 1) / chunkSize;
  }

  /** Runs {@code task} on every chunk of {@code [0, n)} of size {@code chunkSize} and waits. */
  public void forChunks(int n, int chunkSize, ChunkTask task) {
    int chunks = chunkCount(n, chunkSize);
    if (pool == null || chunks <= 1) {
      for (int c = 0; c < chunks; c++) task.run(c, c * chunkSize, Math.min(n, (c + 1) * chunkSize));
      return;
    }
    List<Future<?>> fs = new ArrayList<>(chunks);
    for (int c = 0; c < chunks; c++) {
      final int cc = c;
      fs.add(pool.submit(() -> task.run(cc, cc * chunkSize, Math.min(n, (cc + 1) * chunkSize))));
    }
    for (Future<?> f : fs) Futures.await(f, "a chunk of " + n);
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
  }
}
