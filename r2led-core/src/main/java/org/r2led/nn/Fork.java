package org.r2led.nn;

import java.util.function.IntConsumer;

/**
 * Runs {@code tasks} independent pieces of one computation, possibly at the same time on several
 * threads, and returns when all have finished (a failure is rethrown). Callers split work so that the
 * result does not depend on how the pieces are scheduled.
 */
@FunctionalInterface
public interface Fork {
  /** Runs {@code task.accept(i)} for every {@code i} in {@code 0..tasks-1}. */
  void run(int tasks, IntConsumer task);

  /** Number of pieces worth splitting work into (the threads available). */
  default int width() { return 1; }

  /**
   * How many pieces to cut {@code items} independent items into: one without other threads, else up
   * to four per thread (so that a thread that starts late takes fewer) of at least {@code min} items.
   */
  default int pieces(long items, int min) {
    int w = width();
    return w <= 1 ? 1 : (int) Math.max(1, Math.min(4L * w, items / min));
  }

  /** Everything on the calling thread, in order. */
  Fork SERIAL = (tasks, task) -> {
    for (int i = 0; i < tasks; i++) task.accept(i);
  };
}
