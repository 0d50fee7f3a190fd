package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.io.ResidentMemory;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.model.CtrModel;
import org.r2led.model.TokenBatch;

/**
 * Many training steps must not grow resident memory: every step's native arrays are freed with
 * its manager. Each step allocates over 10 MB of tensors, so a per-step leak would add gigabytes.
 */
class NativeMemoryTest {
  @TempDir Path tmp;

  @Test
  void residentMemoryStaysFlatOverManySteps() {
    assumeTrue(ResidentMemory.read().currentMb() > 0, "needs /proc/self/status (Linux)");
    PreparedDataset ds = TinyTask.write(tmp.resolve("d"), 300, 80, 5);
    var sids = TinyTask.sids(ds, tmp.resolve("s"));
    TrainKeys.Resolved r = TrainKeys.resolve("r2led", List.of("embedding_dim=32",
        "short_seq_len=20", "topk=20", "batch_size=128", "attention_dim=32", "max_seq_len=80"));
    var cfg = r.config();
    CtrModel m = r.create(ds, sids);
    SampleSplit train = ds.split(Split.TRAIN);
    int bs = 128;
    int nb = train.size() / bs;
    long afterWarmup = 0;
    long peakAfterWarmup = 0;
    try (TrainingSession s = new TrainingSession(m, cfg)) {
      for (int step = 0; step < 220; step++) {
        int b = step % nb;
        int[] order = TrainingSession.permutation(train.size(), 1, step / nb);
        TokenBatch batch = TrainingSession.await(s.prepareAsync(train, order, b * bs, (b + 1) * bs));
        s.trainStep(batch, 1e-3);
        s.finishStep();
        if (step == 60) {
          System.gc();
          afterWarmup = ResidentMemory.read().currentMb();
        }
        if (step > 60) peakAfterWarmup = Math.max(peakAfterWarmup, ResidentMemory.read().currentMb());
      }
    }
    long growth = peakAfterWarmup - afterWarmup;
    System.err.printf("RSS after 60 steps %d MB, max over steps 61..219 %d MB%n", afterWarmup, peakAfterWarmup);
    assertTrue(growth < 150, "resident memory grew by " + growth + " MB over 160 steps");
  }
}
