package org.r2led.train.parallel;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.r2led.io.Futures;
import org.r2led.nn.Fork;

/**
 * The threads of data-parallel training on one machine: worker {@code k} is one daemon thread
 * ({@code r2led-worker-k}) that runs PyTorch ops with ONE intra-op thread (the thread's OpenMP count,
 * set when it starts), so N workers use N cores without intra-op threads competing. Work for worker
 * {@code k} runs on its thread in submission order, except that urgent work (a training step's
 * shards) goes ahead of work already waiting (the next batch's preparation); its {@code Step}s and
 * their arenas are its own. As a {@link Fork}, the workers run Java-only pieces (gradient merge,
 * optimizer rows) on the calling thread and N − 1 helper threads.
 */
public final class Workers implements AutoCloseable, Fork {
  private final List<BlockingDeque<Runnable>> queues = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  /** Threads for the pieces of a {@link Fork}, so they never queue behind a worker's batch preparation. */
  private final ExecutorService helpers;

  /** Starts {@code n} (≥ 1) worker threads. */
  public Workers(int n) {
    if (n < 1) throw new IllegalArgumentException("workers must be >= 1, got " + n);
    boolean torch = "PyTorch".equals(Engine.getInstance().getEngineName());
    // A thread takes PyTorch's process-wide count at its first op; setting a worker's own count also
    // sets that process-wide count, which is put back once every worker has its one thread.
    int processWide = torch ? onNewThread(JniUtils::getNumThreads) : 0;
    CountDownLatch ready = new CountDownLatch(n);
    for (int k = 0; k < n; k++) {
      BlockingDeque<Runnable> q = new LinkedBlockingDeque<>();
      Thread t = new Thread(() -> loop(q, torch, ready), "r2led-worker-" + k);
      t.setDaemon(true);
      queues.add(q);
      threads.add(t);
      t.start();
    }
    try {
      ready.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting workers", e);
    }
    if (torch) {
      onNewThread(() -> {
        JniUtils.setNumThreads(processWide);
        return null;
      });
    }
    this.helpers = n > 1 ? Executors.newFixedThreadPool(n - 1, r -> {
      Thread t = new Thread(r, "r2led-worker-helper");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  private static void loop(BlockingDeque<Runnable> queue, boolean torch, CountDownLatch ready) {
    // PyTorch keeps the intra-op count per OpenMP thread: this worker's own ops run on it alone. The
    // read first makes PyTorch initialise the thread's count (from the process-wide one, once per
    // thread), so that a later change of the process-wide count does not reach this thread.
    try {
      if (torch) {
        JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
      }
    } finally {
      ready.countDown();
    }
    try {
      while (true) queue.take().run();
    } catch (InterruptedException e) {
      // closed
    }
  }

  /** {@code call} on a new thread (whose PyTorch thread state is fresh and then discarded), waited for. */
  private static <T> T onNewThread(Callable<T> call) {
    FutureTask<T> f = new FutureTask<>(call);
    Thread t = new Thread(f, "r2led-worker-setup");
    t.setDaemon(true);
    t.start();
    return Futures.await(f, "worker setup");
  }

  /** Number of workers. */
  public int size() { return threads.size(); }

  @Override
  public int width() { return size(); }

  /** Runs {@code task} on worker {@code k}, after the work submitted to it before. */
  public <T> Future<T> submit(int k, Callable<T> task) { return enqueue(k, task, false); }

  private <T> Future<T> enqueue(int k, Callable<T> task, boolean urgent) {
    FutureTask<T> f = new FutureTask<>(task);
    if (urgent) queues.get(k).addFirst(f);
    else queues.get(k).addLast(f);
    return f;
  }

  /**
   * Runs {@code task.apply(k)} on every worker {@code k} at once and returns the results in worker
   * order; a null task skips its worker (null result). A failure is rethrown after all finished.
   */
  public <T> List<T> runAll(IntFunction<Callable<T>> task) { return runAll(task, false); }

  /** {@link #runAll(IntFunction)} ahead of the work waiting on each worker (e.g. a training step's shards). */
  public <T> List<T> runAllFirst(IntFunction<Callable<T>> task) { return runAll(task, true); }

  private <T> List<T> runAll(IntFunction<Callable<T>> task, boolean urgent) {
    List<Future<T>> fs = new ArrayList<>(size());
    for (int k = 0; k < size(); k++) {
      Callable<T> c = task.apply(k);
      fs.add(c == null ? null : enqueue(k, c, urgent));
    }
    List<T> out = new ArrayList<>(size());
    RuntimeException first = null;
    for (Future<T> f : fs) {
      try {
        out.add(f == null ? null : await(f));
      } catch (RuntimeException e) {
        if (first == null) first = e;
        out.add(null);
      }
    }
    if (first != null) throw first;
    return out;
  }

  /**
   * {@link Fork}: task 0 on the calling thread (which would otherwise wait), the others on N − 1 helper
   * threads (not the workers, whose queues may hold the next batch's preparation); returns when all
   * finished, rethrowing the first failure.
   */
  @Override
  public void run(int tasks, IntConsumer task) {
    if (helpers == null) {
      Fork.SERIAL.run(tasks, task);
      return;
    }
    List<Future<Object>> fs = new ArrayList<>(Math.max(0, tasks - 1));
    for (int i = 1; i < tasks; i++) {
      int t = i;
      fs.add(helpers.submit(() -> {
        task.accept(t);
        return null;
      }));
    }
    RuntimeException first = null;
    try {
      if (tasks > 0) task.accept(0);
    } catch (RuntimeException e) {
      first = e;
    }
    for (Future<Object> f : fs) {
      try {
        await(f);
      } catch (RuntimeException e) {
        if (first == null) first = e;
      }
    }
    if (first != null) throw first;
  }

  /** {@link Futures#await(Future, String)} of a worker's task: its own failure rethrown as it was. */
  public static <T> T await(Future<T> f) { return Futures.await(f, "worker task"); }

  @Override
  public void close() {
    for (Thread t : threads) t.interrupt();
    if (helpers != null) helpers.shutdownNow();
  }
}
