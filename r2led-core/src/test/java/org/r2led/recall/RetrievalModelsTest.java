package org.r2led.recall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.r2led.data.Split;
import org.r2led.io.Progress;
import org.r2led.nextitem.NextItemData;
import org.r2led.recall.model.Ulim;
import org.r2led.recall.train.NegativeSampler;
import org.r2led.recall.train.NeuralRecall;
import org.r2led.recall.train.RecallTrainer;

class RetrievalModelsTest {
  private static final Map<String, String> SMALL = Map.ofEntries(Map.entry("embedding_dim", "16"),
      Map.entry("short_seq_len", "20"), Map.entry("long_seq_len", "20"), Map.entry("category_seq_len", "10"),
      Map.entry("num_negatives", "10"), Map.entry("catalog_negatives", "30"), Map.entry("batch_size", "64"),
      Map.entry("epochs", "10"), Map.entry("learning_rate", "0.01"), Map.entry("topk_categories", "2"),
      Map.entry("num_interests", "2"));

  @Test
  void sameCategoryNegativesNeverLeaveTheCategory() {
    NextItemData data = PlantedTask.build(5, 10, 1);
    NegativeSampler s = new NegativeSampler(data.numItems(), data.itemsByCategory());
    SplittableRandom r = new SplittableRandom(3);
    for (int c = 1; c <= PlantedTask.CATS; c++) {
      int positive = (c - 1) * PlantedTask.PER_CAT + 2;
      for (int neg : s.sameCategory(c, positive, 500, r)) {
        assertEquals(c, data.itemCategory(neg), "negative " + neg + " of category " + c);
        assertTrue(neg != positive, "the positive itself was drawn");
      }
    }
  }

  @Test
  void pointerHasMassOnlyOnTouchedCategories() {
    NextItemData data = PlantedTask.build(5, 10, 1);
    Ulim u = new Ulim(data, RecallModels.config("ulim", SMALL));
    int[] items = {1, 2, 17, 18, 3};   // categories 1 and 3
    int[] cats = {1, 1, 3, 3, 1};
    float[] p = u.pointerDistribution(items, cats);
    double sum = 0;
    for (int c = 0; c < p.length; c++) {
      if (c != 1 && c != 3) assertEquals(0f, p[c], "pointer mass on untouched category " + c);
      sum += p[c];
    }
    assertEquals(1.0, sum, 1e-5);
    assertTrue(p[1] > 0 && p[3] > 0);
    // the mixed distribution is a distribution over all categories
    float[] all = u.interest(items, cats).categoryProbabilities();
    double s2 = 0;
    for (float x : all) s2 += x;
    assertEquals(1.0, s2, 1e-4);
    assertEquals(0f, all[0]);
  }

  @Test
  void repeatRouteAloneReturnsTheDistinctRecentItems() {
    NextItemData data = PlantedTask.build(5, 10, 1);
    Map<String, String> cfg = new java.util.HashMap<>(SMALL);
    cfg.put("repeat_weight", "1");
    Ulim u = new Ulim(data, RecallModels.config("ulim", cfg));
    u.afterTraining();
    int[] items = new int[30];
    int[] cats = new int[30];
    for (int p = 0; p < 30; p++) {
      items[p] = p < 10 ? 40 + p % 8 : 1 + p % 7;   // the last 20 (short_seq_len): items 1..7 only
      cats[p] = data.itemCategory(items[p]);
    }
    org.r2led.recall.ann.Hits h = u.retrieve(items, cats, 10);
    java.util.Set<Integer> got = new java.util.TreeSet<>();
    for (int id : h.ids()) got.add(id);
    assertEquals(java.util.Set.of(1, 2, 3, 4, 5, 6, 7), got);
    Map<String, String> mixed = new java.util.HashMap<>(SMALL);
    mixed.put("repeat_weight", "0.5");
    Ulim m = new Ulim(data, RecallModels.config("ulim", mixed));
    m.afterTraining();
    assertEquals(10, m.retrieve(items, cats, 10).size(), "the repeat route adds to the cascade's hits");
  }

  @Test
  void coocRouteAloneRanksAsItemCooccurrenceAndMixesWithTheCascade() {
    NextItemData data = PlantedTask.build(40, 20, 3);
    Map<String, String> cfg = new java.util.HashMap<>(SMALL);
    cfg.put("cooc_weight", "1");
    cfg.put("cooc_window", "2");
    Ulim u = new Ulim(data, RecallModels.config("ulim", cfg));
    u.afterTraining();
    Retriever cooc = RecallModels.create("item_cooc", data, RecallModels.config("item_cooc", Map.of("cooc_window", "2")));
    int checked = 0;
    for (org.r2led.nextitem.NextItemExample ex : data.examples(Split.TEST)) {
      int[] items = ex.historyItems(Integer.MAX_VALUE);
      int[] cats = ex.historyCategories(Integer.MAX_VALUE);
      org.r2led.recall.ann.Hits a = u.retrieve(items, cats, 10);
      org.r2led.recall.ann.Hits b = cooc.retrieve(items, cats, 10);
      // the route's scores are item_cooc's, divided by their sum over its hits: same order, proportional scores
      double ratio = a.scores()[0] / b.scores()[0];
      for (int j = 0; j < b.size(); j++) {
        if (b.scores()[j] < 1e-4f) break;   // popularity fill (score ~0) has no share
        assertEquals(b.scores()[j] * ratio, a.scores()[j], 1e-5, "hit " + j);
        if (j == 0 || b.scores()[j] != b.scores()[j - 1]) assertEquals(b.ids()[j], a.ids()[j], "hit " + j);
        checked++;
      }
    }
    assertTrue(checked > 50, "checked " + checked);
    Map<String, String> mixed = new java.util.HashMap<>(SMALL);
    mixed.put("cooc_weight", "0.5");
    Ulim m = new Ulim(data, RecallModels.config("ulim", mixed));
    m.afterTraining();
    org.r2led.nextitem.NextItemExample ex = data.examples(Split.TEST).get(0);
    org.r2led.recall.ann.Hits h = m.retrieve(ex.historyItems(100), ex.historyCategories(100), 10);
    assertEquals(10, h.size(), "the co-occurrence route adds to the cascade's hits");
  }

  @Test
  void neuralModelsLearnThePlantedSuccessor() {
    NextItemData data = PlantedTask.build(120, 40, 7);
    List<org.r2led.nextitem.NextItemExample> test = data.examples(Split.TEST);
    double pop = RecallEvaluation.of(RecallModels.create("popular", data, RecallModels.config("popular", SMALL)), test,
        Progress.silent(), 5).report().hr(5);
    for (String m : List.of("youtube_dnn", "mind", "ulim")) {
      org.r2led.config.Config cfg = RecallModels.config(m, SMALL);
      NeuralRecall r = (NeuralRecall) RecallModels.create(m, data, cfg);
      RecallTrainer.train(r, data, cfg, false);
      double hr = RecallEvaluation.of(r, test, Progress.silent(), 5).report().hr(5);
      System.err.printf("planted task: %s HR@5 %.3f (popular %.3f)%n", m, hr, pop);
      // the mean-pooled baselines learn the favourite categories; ULIM also the order within a category
      assertTrue(hr > pop + 0.05, m + ": HR@5 " + hr + " vs popular " + pop);
      if (m.equals("ulim")) assertTrue(hr > 0.5, "ulim HR@5 " + hr);
    }
  }
}
