package org.r2led.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.sid.SidTable;
import org.r2led.train.TinyTask;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainingSession;

/**
 * A sample's score does not depend on the batch it is scored in: each batch is only as wide (K) as
 * its longest token group, so a sample scored alone sees fewer padding slots than inside a batch with
 * longer histories, and every model must give it the same probability.
 */
class BatchInvarianceTest {
  @TempDir static Path tmp;

  static Stream<String> models() { return EveryModelTrainsTest.models(); }

  @ParameterizedTest
  @MethodSource("models")
  void scoreAloneEqualsScoreInsideABatch(String name) {
    PreparedDataset ds = TinyTask.write(tmp.resolve("d-" + name), 16, 60, 7);
    SidTable sids = TinyTask.sids(ds, tmp.resolve("s-" + name));
    CtrModel m = TrainKeys.resolve(EveryModelTrainsTest.settings(name,
        List.of("short_seq_len=50", "topk=40", "max_seq_len=55"))).create(ds, sids);
    SampleSplit train = ds.split(Split.TRAIN);
    int[] order = TrainingSession.permutation(train.size(), 3, 0);
    int bs = 48;
    TokenBatch batch = m.prepare(new SplitSamples(train, order, 0, bs));
    float[] together = m.probabilities(batch);
    int narrower = 0;
    for (int j = 0; j < bs; j++) {
      TokenBatch one = m.prepare(new SplitSamples(train, order, j, j + 1));
      if (one.capacity < batch.capacity) narrower++;
      float alone = m.probabilities(one)[0];
      assertEquals(together[j], alone, 2e-6, name + ": sample " + order[j] + " scored alone vs in a batch");
    }
    if (batch.groups > 0) assertTrue(narrower > 0, name + ": no sample had a narrower batch than K=" + batch.capacity);
  }
}
