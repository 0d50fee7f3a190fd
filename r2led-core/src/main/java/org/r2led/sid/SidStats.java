package org.r2led.sid;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Quality figures of code assignments. A "grouping" is an int per item (index 0 = padding, ignored)
 * naming the item's group (a code or a code prefix); labels are per item as well.
 */
public final class SidStats {
  private SidStats() {}

  /**
   * Usage of one level's codebook.
   *
   * @param used codes used by at least one item
   * @param size codebook size K
   * @param utilization {@code used / size}
   * @param perplexity {@code exp(H)} of the code-usage distribution (natural log); equals {@code used}
   *     when usage is uniform, 1 when one code holds every item
   */
  public record Usage(int used, int size, double utilization, double perplexity) {}

  /** Codebook usage of codes {@code codes[1..n]} in 1..size. */
  public static Usage usage(int[] codes, int size) {
    int n = codes.length - 1;
    int[] count = new int[size + 1];
    for (int i = 1; i <= n; i++) count[codes[i]]++;
    int used = 0;
    double h = 0;
    for (int c = 1; c <= size; c++) {
      if (count[c] == 0) continue;
      used++;
      double p = (double) count[c] / n;
      h -= p * Math.log(p);
    }
    return new Usage(used, size, (double) used / size, Math.exp(h));
  }

  /** Dense groups (0..G-1, in order of first appearance) of the length-{@code len} SID prefixes. */
  public static int[] prefixGroups(SidTable t, int len) {
    int n = t.numItems();
    int[] g = new int[n + 1];
    Map<Long, Integer> ids = new HashMap<>();
    for (int i = 1; i <= n; i++) {
      Integer id = ids.putIfAbsent(t.prefixKey(i, len), ids.size());
      g[i] = id == null ? ids.size() - 1 : id;
    }
    return g;
  }

  /** Number of distinct groups among items 1..n. */
  public static int groupCount(int[] groups) {
    return (int) Arrays.stream(groups, 1, groups.length).distinct().count();
  }

  /**
   * Purity of a grouping against (possibly multi-label) labels: for each group take the label carried
   * by the most of its items; purity = sum of those counts / number of labelled items. With one label
   * per item this is the classic purity. Items without labels count in neither numerator nor
   * denominator. Labels are ints >= 1.
   */
  public static double purity(int[] groups, int[][] labels) {
    int n = groups.length - 1;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i + 1;
    Arrays.sort(order, (a, b) -> Integer.compare(groups[a], groups[b]));
    int maxLabel = 0;
    int labelled = 0;
    for (int i = 1; i <= n; i++) {
      if (labels[i].length > 0) labelled++;
      for (int l : labels[i]) maxLabel = Math.max(maxLabel, l);
    }
    if (labelled == 0) return Double.NaN;
    int[] count = new int[maxLabel + 1];
    long total = 0;
    int s = 0;
    while (s < n) {
      int e = s;
      int best = 0;
      while (e < n && groups[order[e]] == groups[order[s]]) {
        for (int l : labels[order[e]]) best = Math.max(best, ++count[l]);
        e++;
      }
      for (int j = s; j < e; j++) for (int l : labels[order[j]]) count[l] = 0;
      total += best;
      s = e;
    }
    return (double) total / labelled;
  }

  /**
   * Normalized mutual information between a grouping and a single label per item (arithmetic-mean
   * normalization {@code 2 I / (H(groups) + H(labels))}, natural log), over items with label >= 1.
   * 1 when both are constant.
   */
  public static double nmi(int[] groups, int[] labels) {
    int n = groups.length - 1;
    Map<Integer, Integer> gc = new HashMap<>();
    Map<Integer, Integer> lc = new HashMap<>();
    Map<Long, Integer> joint = new HashMap<>();
    int m = 0;
    for (int i = 1; i <= n; i++) {
      if (labels[i] < 1) continue;
      m++;
      gc.merge(groups[i], 1, Integer::sum);
      lc.merge(labels[i], 1, Integer::sum);
      joint.merge(((long) groups[i] << 32) | (labels[i] & 0xFFFFFFFFL), 1, Integer::sum);
    }
    if (m == 0) return Double.NaN;
    double hg = entropy(gc, m), hl = entropy(lc, m);
    double mi = 0;
    for (Map.Entry<Long, Integer> e : joint.entrySet()) {
      int g = (int) (e.getKey() >>> 32), l = (int) (long) e.getKey();
      double pj = (double) e.getValue() / m;
      mi += pj * Math.log(pj / ((double) gc.get(g) / m * ((double) lc.get(l) / m)));
    }
    if (hg + hl == 0) return 1.0;
    return Math.max(0, 2 * mi / (hg + hl));
  }

  private static double entropy(Map<Integer, Integer> counts, int m) {
    double h = 0;
    for (int c : counts.values()) {
      double p = (double) c / m;
      h -= p * Math.log(p);
    }
    return h;
  }

  /** A random grouping with the same group sizes: the groups of items 1..n shuffled (seeded). */
  public static int[] shuffled(int[] groups, long seed) {
    int[] g = groups.clone();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = g.length - 1; i > 1; i--) {
      int j = 1 + r.nextInt(i);
      int t = g[i];
      g[i] = g[j];
      g[j] = t;
    }
    return g;
  }

  /** First label of each item (0 when it has none). */
  public static int[] primary(int[][] labels) {
    int[] p = new int[labels.length];
    for (int i = 1; i < labels.length; i++) p[i] = labels[i].length > 0 ? labels[i][0] : 0;
    return p;
  }

  /** Wraps one label per item as a multi-label array (label < 1 = none). */
  public static int[][] single(int[] labels) {
    int[][] out = new int[labels.length][];
    out[0] = new int[0];
    for (int i = 1; i < labels.length; i++) out[i] = labels[i] >= 1 ? new int[] {labels[i]} : new int[0];
    return out;
  }
}
