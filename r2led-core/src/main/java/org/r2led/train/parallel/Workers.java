package org.r2led.train.parallel;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.r2led.nn.Fork;

/**
 * The threads of data-parallel training on one machine: worker {@code k} is one daemon thread
 * ({@code r2led-worker-k}) that runs PyTorch ops with ONE intra-op thread (the thread's OpenMP count,
 * set when it starts), so N workers use N cores without intra-op threads competing. Work for worker
 * {@code k} runs on its thread in submission order; its {@code Step}s and their arenas are its own.
 */
public final class Workers implements AutoCloseable, Fork {
  private final List<ExecutorService> threads = new ArrayList<>();

  /** Starts {@code n} (≥ 1) worker threads. */
  public Workers(int n) {
    if (n < 1) throw new IllegalArgumentException("workers must be >= 1, got " + n);
    boolean torch = "PyTorch".equals(Engine.getInstance().getEngineName());
    for (int k = 0; k < n; k++) {
      String name = "r2led-worker-" + k;
      ExecutorService e = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      });
      // PyTorch keeps the intra-op count per OpenMP thread: this worker's own ops run on it alone.
      if (torch) await(e.submit(() -> JniUtils.setNumThreads(1)));
      threads.add(e);
    }
  }

  /** Number of workers. */
  public int size() { return threads.size(); }

  @Override
  public int width() { return size(); }

  /**
   * {@link Fork}: task 0 on the calling thread (which would otherwise wait), task {@code i > 0} on
   * worker {@code i mod N}; returns when all finished, rethrowing the first failure.
   */
  @Override
  public void run(int tasks, IntConsumer task) {
    List<Future<Object>> fs = new ArrayList<>(Math.max(0, tasks - 1));
    for (int i = 1; i < tasks; i++) {
      int t = i;
      fs.add(submit(i % size(), () -> {
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

  /** Runs {@code task} on worker {@code k} (after the work submitted to it before). */
  public <T> Future<T> submit(int k, Callable<T> task) { return threads.get(k).submit(task); }

  /**
   * Runs {@code task.apply(k)} on every worker {@code k} at once and returns the results in worker
   * order; a null task skips its worker (null result). A failure is rethrown after all finished.
   */
  public <T> List<T> runAll(IntFunction<Callable<T>> task) {
    List<Future<T>> fs = new ArrayList<>(size());
    for (int k = 0; k < size(); k++) {
      Callable<T> c = task.apply(k);
      fs.add(c == null ? null : submit(k, c));
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

  /** Waits for {@code f}; a failure of the task is rethrown as it was (checked ones wrapped). */
  public static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) throw re;
      if (c instanceof Error err) throw err;
      throw new IllegalStateException("worker failed: " + c, c);
    }
  }

  @Override
  public void close() { for (ExecutorService e : threads) e.shutdownNow(); }
}
