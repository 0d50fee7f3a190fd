package org.r2led.seqrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDScope;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.r2led.config.Config;
import org.r2led.nn.Step;

/** {@code semantics_init = zero}: DMESR starts exactly as the plain model of the same seed. */
class SemanticsInitTest {
  private static final int ITEMS = 30;

  private static float[][] initialScores(String enhance, String init) {
    Config cfg = Config.builder().overrides(List.of("backbone=sasrec", "enhance=" + enhance, "semantics_init=" + init,
        "seed=5", "embedding_dim=8", "attention_dim=4", "max_seq_len=6", "num_blocks=1")).build(SeqRecKeys.ALL);
    ItemViews views = enhance.equals("dmesr") ? TinyViews.of(ITEMS, 6, 5, 4, 0f, 9) : null;
    try (SeqRecModel m = new SeqRecModel(cfg, ITEMS, views); NDScope scope = new NDScope(); Step s = new Step(false)) {
      return m.scores(s, new int[][] {{1, 2, 3}, {7, 9}});
    }
  }

  @Test
  void zeroInitialisedSemanticsGiveThePlainModelsScores() {
    float[][] plain = initialScores("none", "xavier");
    float[][] zero = initialScores("dmesr", "zero");
    float[][] xavier = initialScores("dmesr", "xavier");
    for (int r = 0; r < plain.length; r++) assertArrayEquals(plain[r], zero[r], 1e-6f);
    assertFalse(Arrays.equals(plain[0], xavier[0]), "random W_o must change the scores (else the test cannot fail)");
  }
}
