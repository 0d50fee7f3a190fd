package org.r2led.io;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work run on other threads, so that a task's own failure surfaces as the task threw it. */
public final class Futures {
  private Futures() {}

  /**
   * Waits for {@code f} and returns its result. A runtime exception or error of the task is rethrown
   * as it was; a checked one is wrapped in an IllegalStateException saying {@code what} failed. An
   * interrupt while waiting keeps the thread's flag set and throws an IllegalStateException.
   */
  public static <T> T await(Future<T> f, String what) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) throw re;
      if (c instanceof Error err) throw err;
      throw new IllegalStateException(what + " failed: " + c, c);
    }
  }
}
