package org.r2led.seqrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.config.Config;
import org.r2led.nn.Experiment;
import org.r2led.nn.Param;

/**
 * The sequential recommender's gathers from op results (fused item rows, hidden states, coarse views) take the
 * training gather path: the trained parameters are the same bits as with the leaf-only rule
 * ({@code legacy_nonleaf_gather}).
 */
class TrainingGatherTest {
  @TempDir Path dir;

  private float[][] train(Set<String> switches) {
    Config cfg = Config.builder().overrides(List.of("backbone=sasrec", "enhance=dmesr", "seed=3", "embedding_dim=16",
        "attention_dim=8", "max_seq_len=10", "num_blocks=1", "net_dropout=0.0", "batch_size=16", "sampled_negatives=10",
        "epochs=2", "patience=2", "learning_rate=0.01")).build(SeqRecKeys.ALL);
    Experiment.set(switches);
    try (SeqRecModel m = new SeqRecModel(cfg, 40, TinyViews.of(40, 6, 5, 4, 0f, 9))) {
      SeqRecTrainer.fit(m, PlantedPatternTest.planted(5), cfg, dir.resolve(String.join("-", switches) + "x"), false);
      List<Param> all = m.params().all();
      float[][] out = new float[all.size()][];
      for (int i = 0; i < out.length; i++) out[i] = all.get(i).values().clone();
      return out;
    } finally {
      Experiment.set(Set.of());
    }
  }

  @Test
  void dmesrTrainsToTheSameBitsWithTheTrainingGather() {
    float[][] legacy = train(Set.of("legacy_nonleaf_gather"));
    float[][] fast = train(Set.of());
    for (int i = 0; i < fast.length; i++) assertArrayEquals(legacy[i], fast[i], "parameter " + i);
  }
}
