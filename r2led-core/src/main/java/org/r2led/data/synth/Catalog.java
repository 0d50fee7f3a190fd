package org.r2led.data.synth;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The synthetic item table and its samplers. Items are dense {@code 1..items}. Each item has a leaf
 * topic, a global popularity rank (ids are a seeded permutation, so they reveal neither) with weight
 * {@code rank^-itemZipf}, a category (its topic at the configured level) and a title.
 *
 * <p>Leaf sizes follow a Zipf law of exponent {@code topicZipf} over a seeded order of the leaves
 * (every leaf gets at least one item). Global ranks are stratified over the leaves (the j-th item of
 * a leaf of n items has rank ≈ (j-1/2)·items/n), so popularity is Zipf with the same exponent within
 * every leaf. Within a leaf, items are drawn by their popularity weight; a leaf is chosen as an interest
 * with probability proportional to its total item weight, so that global item frequencies follow
 * the global Zipf law.
 */
final class Catalog {
  final int numItems;
  /** Leaf topic per item, index = item (0 unused). */
  final int[] leafOf;
  /** Global popularity rank per item, 1 = most popular. */
  final int[] rank;
  /** Category per item at the configured level. */
  final int[] category;
  /** Popularity feature of the click model per item ({@link ClickModel#popularity}). */
  final double[] popularity;
  final String[] titles;
  /** Items of each leaf, index = leaf (0 unused). */
  final int[][] leafItems;
  /** Birth time per item, Unix seconds (index = item; {@link Long#MIN_VALUE} = exists from the start). */
  final long[] birth;
  private final AliasSampler[] withinLeaf;
  private final AliasSampler global;
  private final AliasSampler leafByMass;

  private Catalog(int numItems, int[] leafOf, int[] rank, int[] category, double[] popularity, String[] titles,
      int[][] leafItems, long[] birth, AliasSampler[] withinLeaf, AliasSampler global, AliasSampler leafByMass) {
    this.numItems = numItems;
    this.leafOf = leafOf;
    this.rank = rank;
    this.category = category;
    this.popularity = popularity;
    this.titles = titles;
    this.leafItems = leafItems;
    this.birth = birth;
    this.withinLeaf = withinLeaf;
    this.global = global;
    this.leafByMass = leafByMass;
  }

  static Catalog build(SynthConfig cfg, TopicTree tree, WordBank bank) {
    SplittableRandom rng = SynthRandom.stream(cfg.seed(), SynthRandom.ITEMS, 0);
    int n = cfg.items();
    int nLeaves = tree.numLeaves();

    // Leaf sizes: one item per leaf, the rest by a Zipf law over a seeded order of the leaves.
    int[] leafOrder = permutation(nLeaves, rng);
    double[] leafSize = new double[nLeaves];
    for (int k = 0; k < nLeaves; k++) leafSize[leafOrder[k]] = StrictMath.pow(k + 1, -cfg.topicZipf());
    AliasSampler sizeSampler = new AliasSampler(leafSize);
    int[] size = new int[nLeaves + 1];
    for (int l = 1; l <= nLeaves; l++) size[l] = 1;
    for (int i = nLeaves; i < n; i++) size[sizeSampler.sample(rng) + 1]++;

    // Global ranks, stratified: the k-th item of a leaf of size n_l is due at fraction (k-1/2)/n_l of
    // the ranking (ties in a seeded leaf order), so within every leaf the j-th most popular item has
    // global rank ≈ (j-1/2)·items/n_l and within-leaf popularity follows the global Zipf law.
    int[] tieOrder = new int[nLeaves + 1];
    for (int k = 0; k < nLeaves; k++) tieOrder[leafOrder[k] + 1] = k;
    int[] nextK = new int[nLeaves + 1];
    java.util.PriorityQueue<Integer> due = new java.util.PriorityQueue<>(nLeaves, (a, b) -> {
      int c = Long.compare((2L * nextK[a] + 1) * size[b], (2L * nextK[b] + 1) * size[a]);
      return c != 0 ? c : Integer.compare(tieOrder[a], tieOrder[b]);
    });
    for (int l = 1; l <= nLeaves; l++) due.add(l);
    int[] idOfRank = permutation(n, rng); // item ids do not reveal popularity or topic
    int[] rank = new int[n + 1];
    int[] leafOf = new int[n + 1];
    double[] weight = new double[n + 1];
    int[][] leafItems = new int[nLeaves + 1][];
    for (int l = 1; l <= nLeaves; l++) leafItems[l] = new int[size[l]];
    for (int r = 1; r <= n; r++) {
      int l = due.poll();
      int item = idOfRank[r - 1] + 1;
      rank[item] = r;
      leafOf[item] = l;
      weight[item] = StrictMath.pow(r, -cfg.itemZipf());
      leafItems[l][nextK[l]++] = item;
      if (nextK[l] < size[l]) due.add(l);
    }

    AliasSampler[] withinLeaf = new AliasSampler[nLeaves + 1];
    double[] mass = new double[nLeaves];
    for (int l = 1; l <= nLeaves; l++) {
      int[] its = leafItems[l];
      double[] w = new double[its.length];
      for (int j = 0; j < its.length; j++) {
        w[j] = weight[its[j]];
        mass[l - 1] += w[j];
      }
      withinLeaf[l] = new AliasSampler(w);
    }
    double[] globalWeights = new double[n];
    System.arraycopy(weight, 1, globalWeights, 0, n);

    int[] category = new int[n + 1];
    double[] popularity = new double[n + 1];
    String[] titles = new String[n + 1];
    titles[0] = "";
    TitleWriter tw = new TitleWriter(tree, bank);
    for (int i = 1; i <= n; i++) {
      category[i] = tree.idAtLevel(leafOf[i], cfg.categoryLevel());
      popularity[i] = ClickModel.popularity(rank[i], n);
      titles[i] = tw.title(leafOf[i], rng);
    }
    return new Catalog(n, leafOf, rank, category, popularity, titles, leafItems, births(cfg, leafItems, n), withinLeaf,
        new AliasSampler(globalWeights), new AliasSampler(mass));
  }

  /**
   * Birth times: each item other than its leaf's most popular one is, with probability
   * {@code item_birth_share}, born at a uniform time in the year after {@code start_time} (own random
   * stream, so the rest of the data is unchanged when the share is 0).
   */
  private static long[] births(SynthConfig cfg, int[][] leafItems, int n) {
    long[] birth = new long[n + 1];
    Arrays.fill(birth, Long.MIN_VALUE);
    if (cfg.itemBirthShare() <= 0) return birth;
    SplittableRandom rng = SynthRandom.stream(cfg.seed(), SynthRandom.BIRTHS, 0);
    for (int l = 1; l < leafItems.length; l++) {
      for (int j = 1; j < leafItems[l].length; j++) {
        if (rng.nextDouble() < cfg.itemBirthShare()) {
          birth[leafItems[l][j]] = cfg.startTime() + (long) (rng.nextDouble() * SynthRandom.YEAR_SECONDS);
        }
      }
    }
    return birth;
  }

  /**
   * {@code item} if it exists at time {@code ts}; otherwise another item of its leaf drawn by popularity
   * (a few tries), finally the leaf's most popular item, which always exists. Draws nothing when
   * {@code item} exists.
   */
  int bornAt(int item, long ts, SplittableRandom rng) {
    if (birth[item] <= ts) return item;
    int leaf = leafOf[item];
    for (int attempt = 0; attempt < 8; attempt++) {
      int c = itemInLeaf(leaf, rng);
      if (birth[c] <= ts) return c;
    }
    return leafItems[leaf][0];
  }

  private static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i]; p[i] = p[j]; p[j] = t;
    }
    return p;
  }

  /** An item drawn by global popularity. */
  int popularItem(SplittableRandom rng) { return global.sample(rng) + 1; }

  /** An item of {@code leaf}, drawn by popularity within the leaf. */
  int itemInLeaf(int leaf, SplittableRandom rng) { return leafItems[leaf][withinLeaf[leaf].sample(rng)]; }

  /** A leaf drawn with probability proportional to its total item weight. */
  int leafByMass(SplittableRandom rng) { return leafByMass.sample(rng) + 1; }
}
