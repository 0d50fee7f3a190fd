package org.r2led.train.parallel;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.r2led.io.Futures;
import org.r2led.nn.Fork;

/**
 * The threads of data-parallel training on one machine: worker {@code k} is one daemon thread
 * ({@code r2led-worker-k}) that runs PyTorch ops with ONE intra-op thread (the thread's OpenMP count,
 * set when it starts), so N workers use N cores without intra-op threads competing. Work is either
 * urgent and for one worker (a training step's shard, a piece of its update) or shared (the next
 * batch's preparation, evaluation batches: the first free worker takes it); a worker runs its urgent
 * work first, each queue in submission order. A task's {@code Step}s and their arenas are its own.
 * Java-only pieces of a step (gradient merge, optimizer rows) are split over the workers themselves
 * ({@link #from}).
 */
public final class Workers implements AutoCloseable {
  /** Guards the queues; {@link #work} is signalled whenever a task is queued. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  /** Per worker: urgent work for that worker only (a step's shard, a piece of its update), in submission order. */
  private final List<ArrayDeque<Runnable>> urgent = new ArrayList<>();
  /** Work any free worker takes (batch preparation, evaluation batches), in submission order. */
  private final ArrayDeque<Runnable> shared = new ArrayDeque<>();
  private final List<Thread> threads = new ArrayList<>();

  /** Starts {@code n} (≥ 1) worker threads. */
  public Workers(int n) {
    if (n < 1) throw new IllegalArgumentException("workers must be >= 1, got " + n);
    boolean torch = "PyTorch".equals(Engine.getInstance().getEngineName());
    // A thread takes PyTorch's process-wide count at its first op; setting a worker's own count also
    // sets that process-wide count, which is put back once every worker has its one thread.
    int processWide = torch ? onNewThread(JniUtils::getNumThreads) : 0;
    CountDownLatch ready = new CountDownLatch(n);
    for (int k = 0; k < n; k++) {
      urgent.add(new ArrayDeque<>());
      int self = k;
      Thread t = new Thread(() -> loop(self, torch, ready), "r2led-worker-" + k);
      t.setDaemon(true);
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
  }

  private void loop(int self, boolean torch, CountDownLatch ready) {
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
    ArrayDeque<Runnable> mine = urgent.get(self);
    try {
      while (true) {
        Runnable r;
        lock.lockInterruptibly();
        try {
          while (mine.isEmpty() && shared.isEmpty()) work.await();
          r = mine.isEmpty() ? shared.poll() : mine.poll();
        } finally {
          lock.unlock();
        }
        r.run();
      }
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

  /** Runs {@code task} on the first worker free of urgent work, after the shared work queued before it. */
  public <T> Future<T> submit(Callable<T> task) { return enqueue(-1, task); }

  /** Runs {@code task} on worker {@code k} ahead of the shared work (e.g. a training step's shard). */
  public <T> Future<T> submitFirst(int k, Callable<T> task) { return enqueue(k, task); }

  /** Queues {@code task} for worker {@code k} (urgent) or, with k = -1, for any worker. */
  private <T> Future<T> enqueue(int k, Callable<T> task) {
    FutureTask<T> f = new FutureTask<>(task);
    lock.lock();
    try {
      (k < 0 ? shared : urgent.get(k)).addLast(f);
      work.signalAll();
    } finally {
      lock.unlock();
    }
    return f;
  }

  /**
   * Runs {@code task.apply(i)} for {@code i} in {@code 0..n-1} on the workers (shared work: whichever
   * worker is free) and returns the results in order; a null task is skipped (null result). A failure
   * is rethrown after all finished.
   */
  public <T> List<T> runEach(int n, IntFunction<Callable<T>> task) {
    List<Future<T>> fs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Callable<T> c = task.apply(i);
      fs.add(c == null ? null : submit(c));
    }
    List<T> out = new ArrayList<>(n);
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
   * {@link Fork} for work running on worker {@code self}: the calling thread takes pieces one after
   * another, and every other worker, once its current task is done, helps take them (the call goes
   * ahead of the shared work waiting there); returns when every piece finished, rethrowing the first
   * failure. Which thread runs a piece depends on timing, so callers split work such that the result
   * does not. The pieces must not wait for other work of the workers.
   */
  public Fork from(int self) {
    return new Fork() {
      @Override
      public int width() { return size(); }

      @Override
      public void run(int tasks, IntConsumer task) {
        if (tasks <= 1 || size() == 1) {
          Fork.SERIAL.run(tasks, task);
          return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable take = () -> {
          for (int i; (i = next.getAndIncrement()) < tasks; ) {
            try {
              task.accept(i);
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            } finally {
              done.countDown();
            }
          }
        };
        for (int j = 1; j < Math.min(size(), tasks); j++) {
          enqueue((self + j) % size(), () -> {
            take.run();
            return null;
          });
        }
        take.run();
        try {
          done.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the workers' pieces", e);
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error err) throw err;
        if (f != null) throw new IllegalStateException(f);
      }
    };
  }

  /** {@link Futures#await(Future, String)} of a worker's task: its own failure rethrown as it was. */
  public static <T> T await(Future<T> f) { return Futures.await(f, "worker task"); }

  @Override
  public void close() {
    for (Thread t : threads) t.interrupt();
  }
}
