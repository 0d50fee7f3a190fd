package org.r2led.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

class FuturesTest {
  @Test
  void resultsAndTheTasksOwnFailuresComeBackUnchanged() {
    assertEquals(7, Futures.await(CompletableFuture.completedFuture(7), "x"));
    IllegalArgumentException bad = new IllegalArgumentException("bad value 3");
    assertSame(bad, assertThrows(IllegalArgumentException.class, () -> Futures.await(CompletableFuture.failedFuture(bad), "x")));
    OutOfMemoryError oom = new OutOfMemoryError("native");
    assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Futures.await(CompletableFuture.failedFuture(oom), "x")));
  }

  @Test
  void aCheckedFailureIsWrappedNamingTheWork() {
    FutureTask<Object> t = new FutureTask<>(() -> { throw new IOException("disk full"); });
    t.run();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Futures.await(t, "text encoding"));
    assertEquals("text encoding failed: java.io.IOException: disk full", e.getMessage());
    assertTrue(e.getCause() instanceof IOException);
  }

  @Test
  void anInterruptKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Futures.await(new CompletableFuture<>(), "batch preparation"));
      assertEquals("interrupted while waiting for batch preparation", e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }
}
