package org.r2led.train.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
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
      assertEquals(List.of(1, 1), w.runAll(k -> JniUtils::getNumThreads));
      assertEquals(before, countOfANewThread(), "threads started after the workers");
      assertEquals(List.of(0, 1), w.runAllFirst(k -> () -> k));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.runAll(k -> () -> {
        throw new java.io.IOException("disk " + k);
      }));
      assertEquals("worker task failed: java.io.IOException: disk 0", e.getMessage());
    }
  }
}
