package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A batch asked for out of order (a resumed run's first) equals the one the uninterrupted stream built. */
class StreamedBatchesTest {
  /** Batches of 3 draws from a stream that starts at epoch 0 ({@code perRun}) or at every epoch. */
  private static StreamedBatches<List<Integer>> draws(boolean perRun) {
    return new StreamedBatches<>(4) {
      private SplittableRandom rnd;

      @Override
      protected int streamStart(int epoch) { return perRun ? 0 : epoch; }

      @Override
      protected void restart(int epoch) { rnd = new SplittableRandom(17 + epoch); }

      @Override
      protected List<Integer> build(int epoch, int index) {
        List<Integer> b = new ArrayList<>();
        for (int k = 0; k < 3; k++) b.add(rnd.nextInt(1000));
        return b;
      }
    };
  }

  @Test
  void resumedStreamsReplayToTheSameBatches() {
    for (boolean perRun : new boolean[] {true, false}) {
      StreamedBatches<List<Integer>> straight = draws(perRun);
      List<List<Integer>> all = new ArrayList<>();
      for (int e = 0; e < 3; e++) for (int i = 0; i < 4; i++) all.add(straight.get(e, i));
      for (int at = 0; at < all.size(); at++) {
        StreamedBatches<List<Integer>> resumed = draws(perRun);
        for (int k = at; k < all.size(); k++) assertEquals(all.get(k), resumed.get(k / 4, k % 4), "resumed at " + at + ", batch " + k);
      }
      assertEquals(all.get(1), straight.get(0, 1), "asked again for an earlier batch");
    }
  }
}
