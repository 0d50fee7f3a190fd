package org.r2led.train.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/** Workers run PyTorch with one intra-op thread each without changing the count other threads start with. */
class WorkersTest {
  private static int countOfANewThread() {
    FutureTask<Integer> f = new FutureTask<>(JniUtils::getNumThreads);
    new Thread(f).start();
    return Workers.await(f);
  }

  @Test
  void oneIntraOpThreadPerWorkerAndTheProcessCountUnchanged() {
    Engine.getInstance();
    int before = countOfANewThread();
    try (Workers w = new Workers(2)) {
      List<Integer> counts = new ArrayList<>();
      for (int k = 0; k < 2; k++) counts.add(Workers.await(w.submitFirst(k, JniUtils::getNumThreads)));
      assertEquals(List.of(1, 1), counts);
      assertEquals(before, countOfANewThread(), "threads started after the workers");
      assertEquals(List.of(0, 1, 2), w.runEach(3, k -> () -> k));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.runEach(2, k -> () -> {
        throw new java.io.IOException("disk " + k);
      }));
      assertEquals("worker task failed: java.io.IOException: disk 0", e.getMessage());
    }
  }

  @Test
  void urgentWorkGoesAheadOfSharedWorkAndForkPiecesRunOnOtherWorkers() throws Exception {
    try (Workers w = new Workers(2)) {
      CountDownLatch hold = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(2);
      // both workers busy; then shared work queued before an urgent task for worker 1
      List<Future<String>> busy = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        busy.add(w.submitFirst(k, () -> {
          started.countDown();
          hold.await();
          return Thread.currentThread().getName();
        }));
      }
      started.await();
      List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
      Future<?> shared = w.submit(() -> order.add("shared"));
      Future<?> urgent = w.submitFirst(1, () -> order.add("urgent on " + Thread.currentThread().getName()));
      hold.countDown();
      Workers.await(urgent);
      Workers.await(shared);
      assertEquals("urgent on r2led-worker-1", order.get(0).equals("shared") ? order.get(1) : order.get(0));
      if (order.get(0).equals("shared")) {
        // worker 0 may take the shared task first; worker 1 must still run its urgent task before any shared one
        assertEquals(2, order.size());
      }
      assertEquals(List.of("r2led-worker-0", "r2led-worker-1"), List.of(Workers.await(busy.get(0)), Workers.await(busy.get(1))));

      // a fork from worker 1: every piece runs once; the other worker helps (two pieces that can
      // only finish together, so they must run at the same time on two threads)
      Set<String> threads = ConcurrentHashMap.newKeySet();
      int[] runs = new int[6];
      java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
      Workers.await(w.submitFirst(1, () -> {
        w.from(1).run(2, i -> {
          threads.add(Thread.currentThread().getName());
          try {
            both.await(10, java.util.concurrent.TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        w.from(1).run(6, i -> {
          synchronized (runs) {
            runs[i]++;
          }
        });
        return null;
      }));
      assertEquals(Set.of("r2led-worker-0", "r2led-worker-1"), threads);
      assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, runs);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workers.await(w.submitFirst(0, () -> {
        w.from(0).run(2, i -> {
          if (i == 1) throw new IllegalArgumentException("piece " + i);
        });
        return null;
      })));
      assertEquals("piece 1", e.getMessage());
    }
  }
}
