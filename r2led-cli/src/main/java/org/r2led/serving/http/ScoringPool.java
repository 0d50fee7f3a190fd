package org.r2led.serving.http;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's scoring threads: a fixed number of long-lived workers (about the number of cores) run
 * every forward pass, and request threads wait for their result. Bounding the scoring calls this way
 * (rather than letting each of the HTTP server's many request threads score in turn) keeps each call on
 * a thread whose batch buffers, native scratch memory and caches are warm from the previous call.
 */
final class ScoringPool implements AutoCloseable {
  private final ExecutorService workers;

  ScoringPool(int threads) {
    if (threads < 1) throw new IllegalArgumentException("scoring threads must be at least 1, got " + threads);
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "r2led-scoring-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code task} on a scoring thread and returns its result (its exception is rethrown as is). */
  <T> T call(Callable<T> task) throws InterruptedException {
    Future<T> f = workers.submit(task);
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) throw r;
      if (c instanceof Error err) throw err;
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    }
  }

  @Override
  public void close() { workers.shutdownNow(); }
}
