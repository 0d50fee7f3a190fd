package org.r2led.sid;

import java.util.ArrayList;
import java.util.List;

/**
 * Quality figures of a SID table: codebook usage per level, collisions before the suffix, and purity
 * / NMI of code prefixes against known labels next to a random assignment with the same code sizes.
 *
 * @param levels one row per level (semantic levels, then the suffix)
 * @param collisions collisions of the full semantic code (before the suffix)
 * @param purity one row per (labeling, prefix length)
 */
public record SidQuality(List<LevelRow> levels, Collisions collisions, List<PurityRow> purity) {

  /** Number of seeded random assignments averaged for the random baseline. */
  public static final int RANDOM_REPEATS = 5;

  /**
   * @param level 1-based
   * @param kind {@code semantic} or {@code suffix}
   * @param distinctPrefixes distinct SID prefixes of length {@code level}
   */
  public record LevelRow(int level, String kind, int codebookSize, int usedCodes, double utilization,
      double perplexity, int distinctPrefixes) {}

  /**
   * @param distinctSemanticCodes distinct full semantic codes
   * @param collisionRate {@code 1 - distinctSemanticCodes / items}
   * @param itemsInCollidingCodes items sharing their full semantic code with another item
   * @param maxItemsPerCode most items sharing one full semantic code
   * @param uniqueWithSuffix whether (semantic codes, suffix) identifies every item
   */
  public record Collisions(int items, int distinctSemanticCodes, double collisionRate, int itemsInCollidingCodes,
      int maxItemsPerCode, boolean uniqueWithSuffix) {}

  /**
   * @param labels labeling name
   * @param prefixLength SID prefix length the items are grouped by
   * @param groups number of non-empty groups
   * @param randomPurity mean purity over {@link #RANDOM_REPEATS} random assignments with the same group sizes
   * @param nmi NMI against the first label of each item
   */
  public record PurityRow(String labels, int prefixLength, int groups, double purity, double randomPurity,
      double nmi, double randomNmi) {}

  /** Whether the full SID (all levels) differs between every two items. */
  static boolean isUnique(SidTable t) {
    int n = t.numItems();
    int sl = Math.min(4, t.semanticLevels());
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i + 1;
    java.util.Comparator<Integer> bySid = (a, b) -> {
      int c = Long.compare(t.prefixKey(a, sl), t.prefixKey(b, sl));
      for (int l = sl; c == 0 && l < t.levels(); l++) c = Integer.compare(t.code(a, l), t.code(b, l));
      return c;
    };
    java.util.Arrays.sort(order, bySid);
    for (int i = 1; i < n; i++) if (bySid.compare(order[i - 1], order[i]) == 0) return false;
    return true;
  }

  /** Computes all figures; random baselines use seeds {@code seed, seed+1, ...}. */
  public static SidQuality of(SidTable t, List<Labeling> labelings, long seed) {
    int n = t.numItems();
    List<LevelRow> levels = new ArrayList<>();
    for (int l = 0; l < t.levels(); l++) {
      int[] codes = new int[n + 1];
      for (int i = 1; i <= n; i++) codes[i] = t.code(i, l);
      SidStats.Usage u = SidStats.usage(codes, t.codebookSize(l));
      int prefixes = l < 4 ? SidStats.groupCount(SidStats.prefixGroups(t, l + 1)) : -1;
      levels.add(new LevelRow(l + 1, l < t.semanticLevels() ? "semantic" : "suffix", u.size(), u.used(),
          u.utilization(), u.perplexity(), prefixes));
    }
    int sl = t.semanticLevels();
    int[] semCodes = new int[(n + 1) * sl];
    for (int i = 1; i <= n; i++) for (int l = 0; l < sl; l++) semCodes[i * sl + l] = t.code(i, l);
    CollisionSuffix.Result cs = CollisionSuffix.compute(semCodes, n, sl);
    boolean unique = isUnique(t);
    Collisions col = new Collisions(n, cs.distinctCodes(), cs.collisionRate(), cs.itemsInCollidingCodes(),
        cs.maxGroupSize(), unique);
    List<PurityRow> purity = new ArrayList<>();
    for (Labeling lab : labelings) {
      int[] primary = SidStats.primary(lab.labels());
      for (int len = 1; len <= Math.min(2, sl); len++) {
        int[] g = SidStats.prefixGroups(t, len);
        double rp = 0, rn = 0;
        for (int r = 0; r < RANDOM_REPEATS; r++) {
          int[] rg = SidStats.shuffled(g, seed + r);
          rp += SidStats.purity(rg, lab.labels());
          rn += SidStats.nmi(rg, primary);
        }
        purity.add(new PurityRow(lab.name(), len, SidStats.groupCount(g), SidStats.purity(g, lab.labels()),
            rp / RANDOM_REPEATS, SidStats.nmi(g, primary), rn / RANDOM_REPEATS));
      }
    }
    return new SidQuality(List.copyOf(levels), col, List.copyOf(purity));
  }
}
