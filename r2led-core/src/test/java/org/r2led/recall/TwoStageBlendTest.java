package org.r2led.recall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.r2led.recall.ann.Hits;

class TwoStageBlendTest {
  // retriever order a, b, c; ranker order b (0.9), c (0.5), a (0.1)
  private final TwoStage.Scored scored = new TwoStage.Scored(new Hits(new int[] {10, 20, 30}, new float[] {3, 2, 1}),
      List.of("a", "b", "c"), new float[] {0.1f, 0.9f, 0.5f});

  private List<String> order(double w) {
    return scored.top(3, w).stream().map(TwoStage.Recommendation::item).toList();
  }

  @Test
  void blendsTheTwoStagesRanks() {
    assertEquals(List.of("b", "c", "a"), order(0));      // the ranker alone
    assertEquals(List.of("a", "b", "c"), order(1));      // the retriever's order
    assertEquals(List.of("b", "a", "c"), order(0.5));    // a 1.0, b 0.5, c 1.5
    assertEquals(List.of("b", "a", "c"), order(0.4));    // a 1.2, b 0.4, c 1.4
    assertEquals(List.of("a", "b", "c"), order(0.75));   // a 0.5, b 0.75, c 1.75
    TwoStage.Recommendation first = scored.top(1, 0).get(0);
    assertEquals(20, first.denseItem());
    assertEquals(2f, first.retrievalScore());
    assertEquals(0.9f, first.rankerScore());
  }

  @Test
  void rejectsAWeightOutsideTheUnitInterval() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scored.top(3, 1.5));
    assertEquals("retrieval weight = 1.5; expected a number in [0, 1]", e.getMessage());
  }
}
