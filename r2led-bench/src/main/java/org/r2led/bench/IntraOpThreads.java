package org.r2led.bench;

import ai.djl.engine.Engine;
import java.util.function.Supplier;

/**
 * PyTorch's intra-op thread count, read and set at run time (the launcher fixes it at start-up
 * with {@code -Dai.djl.pytorch.num_threads}); serving uses one per request thread, so scoring is
 * timed that way.
 */
public final class IntraOpThreads {
  private IntraOpThreads() {}

  private static boolean torch() { return "PyTorch".equals(Engine.getInstance().getEngineName()); }

  /** The current intra-op thread count (-1 when the engine is not PyTorch). */
  public static int current() { return torch() ? ai.djl.pytorch.jni.JniUtils.getNumThreads() : -1; }

  /**
   * Sets the intra-op thread count for the rest of the process: PyTorch keeps one count for all threads,
   * and threads that run their first parallel op later (e.g. an HTTP server's workers) take it up.
   */
  public static void set(int n) {
    if (n < 1) throw new IllegalArgumentException("intra-op threads must be >= 1, got " + n);
    if (torch()) ai.djl.pytorch.jni.JniUtils.setNumThreads(n);
  }

  /** Runs {@code body} with {@code n} intra-op threads, then restores the previous count. */
  public static <T> T with(int n, Supplier<T> body) {
    if (!torch()) return body.get();
    int saved = ai.djl.pytorch.jni.JniUtils.getNumThreads();
    ai.djl.pytorch.jni.JniUtils.setNumThreads(n);
    try {
      return body.get();
    } finally {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(saved);
    }
  }
}
