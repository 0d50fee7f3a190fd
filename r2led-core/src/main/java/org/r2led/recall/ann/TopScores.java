package org.r2led.recall.ann;

import java.util.PriorityQueue;

/** Top-k selection of (id, score) pairs: score descending, ties by smaller id. */
public final class TopScores {
  private TopScores() {}

  /** The {@code k} best of {@code ids[r]} with {@code scores[r]}, best first. O(m log k). */
  public static Hits of(int[] ids, float[] scores, int k) {
    k = Math.min(k, ids.length);
    // min-heap of row indices by (score asc, id desc): its head is the worst kept entry
    PriorityQueue<Integer> heap = new PriorityQueue<>(Math.max(1, k), (a, b) -> worse(ids, scores, a, b));
    for (int r = 0; r < ids.length && k > 0; r++) {
      if (heap.size() < k) heap.add(r);
      else if (worse(ids, scores, heap.peek(), r) < 0) { heap.poll(); heap.add(r); }
    }
    int[] outIds = new int[heap.size()];
    float[] outScores = new float[heap.size()];
    for (int i = outIds.length - 1; i >= 0; i--) {
      int r = heap.poll();
      outIds[i] = ids[r];
      outScores[i] = scores[r];
    }
    return new Hits(outIds, outScores);
  }

  /** Negative when row a ranks below row b. */
  private static int worse(int[] ids, float[] scores, int a, int b) {
    int c = Float.compare(scores[a], scores[b]);
    return c != 0 ? c : Integer.compare(ids[b], ids[a]);
  }
}
