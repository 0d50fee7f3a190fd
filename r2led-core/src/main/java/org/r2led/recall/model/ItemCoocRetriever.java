package org.r2led.recall.model;

import java.util.HashMap;
import java.util.Map;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.UserSequence;
import org.r2led.recall.Retriever;
import org.r2led.recall.ann.Hits;
import org.r2led.recall.ann.TopScores;

/**
 * Item-to-item co-occurrence baseline. Training positions only: {@code cooc(a→b)} counts b following a
 * within {@code window} positions; each item keeps its {@code neighbours} strongest successors,
 * normalised by {@code count(a)}. A user's score for b is {@code Σ_h decay^age(h) · cooc(h→b)/count(h)}
 * over the last {@code recent} history items (age 0 = most recent), plus {@code 1e-6 ·} b's popularity
 * share to order items no neighbour reaches.
 */
public final class ItemCoocRetriever implements Retriever {
  private static final int NEIGHBOURS = 200;
  private static final int RECENT = 20;
  private static final float DECAY = 0.9f;
  private final int[][] next;
  private final float[][] weight;
  private final PopularRetriever popular;
  private final float[] popShare;

  public ItemCoocRetriever(NextItemData data, int window) {
    int n = data.numItems();
    @SuppressWarnings("unchecked")
    Map<Integer, Integer>[] counts = new Map[n + 1];
    long[] itemCount = data.trainItemCounts();
    for (UserSequence s : data.sequences()) {
      int len = s.trainLength();
      for (int p = 0; p < len; p++) {
        int a = s.item(p);
        for (int q = p + 1; q < Math.min(len, p + 1 + window); q++) {
          int b = s.item(q);
          if (b == a) continue;
          if (counts[a] == null) counts[a] = new HashMap<>();
          counts[a].merge(b, 1, Integer::sum);
        }
      }
    }
    this.next = new int[n + 1][];
    this.weight = new float[n + 1][];
    for (int a = 1; a <= n; a++) {
      if (counts[a] == null) { next[a] = new int[0]; weight[a] = new float[0]; continue; }
      int[] ids = counts[a].keySet().stream().mapToInt(Integer::intValue).toArray();
      java.util.Arrays.sort(ids);
      float[] w = new float[ids.length];
      for (int j = 0; j < ids.length; j++) w[j] = counts[a].get(ids[j]) / (float) Math.max(1, itemCount[a]);
      Hits top = TopScores.of(ids, w, NEIGHBOURS);
      next[a] = top.ids();
      weight[a] = top.scores();
    }
    this.popular = new PopularRetriever(data);
    long total = 0;
    for (long c : itemCount) total += c;
    this.popShare = new float[n + 1];
    for (int i = 1; i <= n; i++) popShare[i] = (float) (itemCount[i] / (double) Math.max(1, total));
  }

  @Override
  public String name() { return "item_cooc"; }

  @Override
  public Hits retrieve(int[] items, int[] categories, int n) {
    Map<Integer, Float> score = new HashMap<>();
    float w = 1f;
    for (int j = items.length - 1; j >= Math.max(0, items.length - RECENT); j--, w *= DECAY) {
      int a = items[j];
      if (a <= 0 || a >= next.length) continue;
      for (int k = 0; k < next[a].length; k++) score.merge(next[a][k], w * weight[a][k], Float::sum);
    }
    // fill with popular items so that the list always has n entries
    Hits pop = popular.retrieve(items, categories, n);
    for (int id : pop.ids()) score.putIfAbsent(id, 0f);
    int[] ids = new int[score.size()];
    float[] s = new float[score.size()];
    int k = 0;
    for (Map.Entry<Integer, Float> e : score.entrySet()) {
      ids[k] = e.getKey();
      s[k++] = e.getValue() + 1e-6f * popShare[e.getKey()];
    }
    return TopScores.of(ids, s, n);
  }
}
