package org.r2led.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClickModelTest {
  // 2 themes x 2 sub-topics x 3 leaves: leaves 1-3 in sub 1, 4-6 in sub 2 (theme 1), 7-12 in theme 2
  final TopicTree tree = TopicTree.build(SynthConfig.standard().with(java.util.Map.of("top_topics", "2",
      "sub_topics", "2", "leaf_topics", "3", "long_interests_min", "1", "long_interests_max", "2")),
      WordBank.builtIn(), new SplittableRandom(0));
  final ClickModel m = new ClickModel(-3.0, 3.5, 1.0, 1.5, 0.4, 0.1);

  @Test
  void affinityFollowsTheTree() {
    assertEquals(1.0, m.affinity(tree, 5, 5));
    assertEquals(0.4, m.affinity(tree, 5, 6));
    assertEquals(0.1, m.affinity(tree, 5, 2));
    assertEquals(0.0, m.affinity(tree, 5, 8));
    assertEquals(0.4, m.longTermMatch(tree, 2, new int[] {9, 3, 5}));
    assertEquals(0.0, m.longTermMatch(tree, 2, new int[] {9, 12}));
  }

  @Test
  void probabilityByHand() {
    // logit = -3 + 3.5*1 + 1*0.4 + 1.5*0.5 = 1.65
    assertEquals(1.65, m.logit(1.0, 0.4, 0.5), 1e-12);
    assertEquals(1.0 / (1.0 + Math.exp(-1.65)), m.probability(1.0, 0.4, 0.5), 1e-12);
    assertEquals(1.0 / (1.0 + Math.exp(3.0)), m.probability(0, 0, 0), 1e-12);
  }

  @Test
  void popularityFeatureSpansZeroToOne() {
    assertEquals(1.0, ClickModel.popularity(1, 1000), 1e-12);
    assertEquals(0.0, ClickModel.popularity(1000, 1000), 1e-12);
    assertEquals(1.0 - Math.log(10) / Math.log(1000), ClickModel.popularity(10, 1000), 1e-12);
  }
}
