package org.r2led.retrieval;

/**
 * How many behaviors of a history share the target's SID prefix, per prefix length, and where the
 * most recent of them is: R2LED's route statistics (docs/training.md, "Models"), integer by-products of the
 * semantic routes. Level {@code levels + 1} is the exact item (the full SID). O(T·L) per target,
 * no allocation; stateless.
 */
public final class PrefixMatchStats {
  private PrefixMatchStats() {}

  /**
   * @param history item ids, {@code history[0..len)}, oldest → newest
   * @param levels semantic levels to count (1..keys.semanticLevels())
   * @param counts receives, at index {@code l-1} for {@code l = 1..levels+1}, the number of behaviors
   *     whose prefix of length {@code l} (or, for {@code levels+1}, whose item) equals the target's
   * @param lastPos receives the position of the most recent such behavior, or -1
   */
  public static void compute(int[] history, int len, int target, ItemKeys keys, int levels, int[] counts, int[] lastPos) {
    if (levels < 0 || levels > keys.semanticLevels()) {
      throw new IllegalArgumentException("levels " + levels + " outside 0.." + keys.semanticLevels());
    }
    keys.checkItem(target, "target");
    for (int l = 0; l <= levels; l++) {
      counts[l] = 0;
      lastPos[l] = -1;
    }
    char[] c1 = levels > 0 ? keys.level1Codes() : null;
    char t1 = levels > 0 ? c1[target] : 0;
    for (int p = 0; p < len; p++) {
      int item = history[p];
      int depth = 0;
      if (levels > 0 && c1[item] == t1) {
        depth = 1;
        while (depth < levels && keys.prefixIds(depth + 1)[item] == keys.prefixIds(depth + 1)[target]) depth++;
      }
      if (depth == levels && item == target) depth = levels + 1;
      for (int l = 0; l < depth; l++) {
        counts[l]++;
        lastPos[l] = p;
      }
    }
  }
}
