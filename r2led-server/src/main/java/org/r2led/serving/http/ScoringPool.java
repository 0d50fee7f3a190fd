package org.r2led.serving.http;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's scoring threads: a fixed number of long-lived workers (about the number of cores) run
 * every forward pass, and request threads wait for their result. Bounding the scoring calls this way
 * (rather than letting each of the HTTP server's many request threads score in turn) keeps each call on
 * a thread whose batch buffers, native scratch memory and caches are warm from the previous call.
 *
 * <p>Admission: a request takes one of {@code threads + queue} places ({@link #enter}) before it reads
 * the store and keeps it until its scores are back. When none is free it is refused at once with
 * {@link Overloaded} (the service answers 503 with {@code Retry-After}), having cost no store read, so
 * the latency of admitted requests stays near {@code (queue / threads + 1)} scoring times under any load
 * instead of growing with the number of waiting requests.
 */
final class ScoringPool implements AutoCloseable {
  /** Thrown when every place is taken. */
  static final class Overloaded extends RuntimeException {
    Overloaded(String message) { super(message, null, false, false); }
  }

  private final ExecutorService workers;
  private final int threads;
  private final int queue;
  private final Semaphore places;
  private final LongAdder rejected = new LongAdder();

  ScoringPool(int threads, int queue) {
    if (threads < 1) throw new IllegalArgumentException("scoring threads must be at least 1, got " + threads);
    if (queue < 0) throw new IllegalArgumentException("scoring queue must be at least 0, got " + queue);
    this.threads = threads;
    this.queue = queue;
    this.places = new Semaphore(threads + queue);
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "r2led-scoring-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A place among the calls running or waiting; {@link #close} it when the request is done with scoring. */
  final class Place implements AutoCloseable {
    private boolean open = true;

    private Place() {}

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
    public void close() {
      if (open) places.release();
      open = false;
    }
  }

  /** Takes a place, or throws {@link Overloaded} when all {@code threads + queue} are taken. */
  Place enter() {
    if (!places.tryAcquire()) throw refusal();
    return new Place();
  }

  /** Whether every place is taken now (a request would be refused). */
  boolean full() { return places.availablePermits() == 0; }

  /** Counts a refused request and returns the exception that tells its client. */
  Overloaded refusal() {
    rejected.increment();
    return new Overloaded("all " + threads + " scoring threads are busy and " + queue + " requests are waiting; retry later");
  }

  /** Calls waiting for a worker now. */
  int waiting() { return ((ThreadPoolExecutor) workers).getQueue().size(); }

  /** Requests refused since start. */
  long rejected() { return rejected.sum(); }

  @Override
  public void close() { workers.shutdownNow(); }
}
