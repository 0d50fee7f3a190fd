package org.r2led.serving.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's scoring threads: a fixed number of long-lived workers (about the number of cores) run
 * every forward pass, and request threads wait for their result. Bounding the scoring calls this way
 * (rather than letting each of the HTTP server's many request threads score in turn) keeps each call on
 * a thread whose batch buffers, native scratch memory and caches are warm from the previous call.
 *
 * <p>At most {@code queue} calls wait for a worker; a call beyond that is refused at once with
 * {@link Overloaded} (the service answers 503 with {@code Retry-After}) instead of queueing without bound,
 * so the latency of accepted calls stays near {@code (queue / threads + 1)} scoring times under any load.
 */
final class ScoringPool implements AutoCloseable {
  /** Thrown when every worker is busy and the queue is full. */
  static final class Overloaded extends RuntimeException {
    Overloaded(String message) { super(message, null, false, false); }
  }

  private final ThreadPoolExecutor workers;
  private final int queue;
  private final LongAdder rejected = new LongAdder();

  ScoringPool(int threads, int queue) {
    if (threads < 1) throw new IllegalArgumentException("scoring threads must be at least 1, got " + threads);
    if (queue < 0) throw new IllegalArgumentException("scoring queue must be at least 0, got " + queue);
    AtomicInteger n = new AtomicInteger();
    this.queue = queue;
    BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
    this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, waiting, r -> {
      Thread t = new Thread(r, "r2led-scoring-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.AbortPolicy());
    workers.prestartAllCoreThreads();
  }

  /**
   * Runs {@code task} on a scoring thread and returns its result (its exception is rethrown as is);
   * {@link Overloaded} when the queue is full.
   */
  <T> T call(Callable<T> task) throws InterruptedException {
    Future<T> f;
    try {
      f = workers.submit(task);
    } catch (RejectedExecutionException e) {
      rejected.increment();
      throw new Overloaded("all " + workers.getCorePoolSize() + " scoring threads are busy and " + queue
          + " requests are waiting; retry later");
    }
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

  /** Calls waiting for a worker now. */
  int waiting() { return workers.getQueue().size(); }

  /** Calls refused since start. */
  long rejected() { return rejected.sum(); }

  @Override
  public void close() { workers.shutdownNow(); }
}
