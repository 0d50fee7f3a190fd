package org.r2led.recall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r2led.config.Config;

class RecallKeysTest {
  private static final Map<String, String> RUN = RecallKeys.toMap(RecallModels.config("ulim", Map.of("epochs", "3", "seed", "2")));

  @Test
  void searchOverridesChangeOnlyTheGivenRetrievalKeys() {
    Config c = RecallKeys.withSearchOverrides(RUN, Map.of("cascade_weight", "0.25", "topk_categories", "3", "hnsw_ef_search", "100"));
    assertEquals(0.25, c.get(RecallKeys.CASCADE_WEIGHT));
    assertEquals(3, c.get(RecallKeys.TOPK_CATEGORIES));
    assertEquals(100, RecallKeys.hnsw(c).efSearch());
    Map<String, String> m = RecallKeys.toMap(c);
    for (String k : RUN.keySet()) {
      if (!k.equals("cascade_weight") && !k.equals("topk_categories") && !k.equals("hnsw_ef_search")) {
        assertEquals(RUN.get(k), m.get(k), k);
      }
    }
    assertEquals(RUN, RecallKeys.toMap(RecallKeys.withSearchOverrides(RUN, Map.of())));
  }

  @Test
  void trainingKeysUnknownKeysAndBadValuesAreRejected() {
    for (String k : new String[] {"epochs", "embedding_dim", "long_encoder", "pointer", "seed", "learning_rate"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RecallKeys.withSearchOverrides(RUN, Map.of(k, "1")));
      assertTrue(e.getMessage().contains("'" + k + "' is a training setting") && e.getMessage().contains("cascade_weight"),
          e.getMessage());
    }
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> RecallKeys.withSearchOverrides(RUN, Map.of("cascade", "0.5")));
    assertTrue(unknown.getMessage().contains("unknown retrieval key 'cascade'"), unknown.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> RecallKeys.withSearchOverrides(RUN, Map.of("cascade_weight", "1.5")));
    assertEquals("config key 'cascade_weight' has invalid value '1.5' (--set); expected a number in [0.0, 1.0]", bad.getMessage());
    IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
        () -> RecallModels.config("ulim", Map.of("embedding_dim", "10", "num_heads", "3")));
    assertEquals("embedding_dim = 10 must be divisible by num_heads = 3", heads.getMessage());
  }

  @Test
  void presetsChangeDefaultsAndKeysAddedSinceAreRecordedOnlyWhenSet() {
    assertEquals("none", RecallModels.config("ulim_no_long", Map.of()).get(RecallKeys.LONG_ENCODER));
    assertEquals("target_attention", RecallModels.config("ulim", Map.of()).get(RecallKeys.LONG_ENCODER));
    assertFalse(RUN.containsKey("max_steps") || RUN.containsKey("grad_clip_norm"), "defaults of keys added since are not recorded");
    assertEquals("1.0", RecallKeys.toMap(RecallModels.config("ulim", Map.of("grad_clip_norm", "1"))).get("grad_clip_norm"));
    assertEquals(5.0, RecallKeys.withSearchOverrides(RUN, Map.of()).get(RecallKeys.GRAD_CLIP_NORM), "a missing key reads as its default");
  }
}
