package org.r2led.recall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecallConfigTest {
  private static final Map<String, String> RUN = RecallModels.config("ulim", Map.of("epochs", "3", "seed", "2")).toMap();

  @Test
  void searchOverridesChangeOnlyTheGivenRetrievalKeys() {
    RecallConfig c = RecallConfig.withSearchOverrides(RUN,
        Map.of("cascade_weight", "0.25", "topk_categories", "3", "hnsw_ef_search", "100"));
    assertEquals(0.25, c.cascadeWeight());
    assertEquals(3, c.topkCategories());
    assertEquals(100, c.hnsw().efSearch());
    Map<String, String> m = c.toMap();
    for (String k : RUN.keySet()) {
      if (!k.equals("cascade_weight") && !k.equals("topk_categories") && !k.equals("hnsw_ef_search")) {
        assertEquals(RUN.get(k), m.get(k), k);
      }
    }
    assertEquals(RecallConfig.of(RUN), RecallConfig.withSearchOverrides(RUN, Map.of()));
  }

  @Test
  void trainingKeysUnknownKeysAndBadValuesAreRejected() {
    for (String k : new String[] {"epochs", "embedding_dim", "long_encoder", "pointer", "seed", "learning_rate"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RecallConfig.withSearchOverrides(RUN, Map.of(k, "1")));
      assertTrue(e.getMessage().contains("'" + k + "' is a training setting") && e.getMessage().contains("cascade_weight"),
          e.getMessage());
    }
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> RecallConfig.withSearchOverrides(RUN, Map.of("cascade", "0.5")));
    assertTrue(unknown.getMessage().contains("unknown retrieval key 'cascade'"), unknown.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> RecallConfig.withSearchOverrides(RUN, Map.of("cascade_weight", "1.5")));
    assertEquals("cascade_weight = '1.5'; expected a number in [0, 1]", bad.getMessage());
  }
}
