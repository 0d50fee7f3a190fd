package org.r2led.data.synth;

/**
 * The known click model of synthetic data. For a target item {@code v} shown to a user with
 * long-term interest leaves {@code LT} and current short-term interest leaf {@code st}:
 *
 * <pre>
 * p(click) = σ(bias + longWeight·max_{k∈LT} aff(v, k) + shortWeight·aff(v, st) + popWeight·pop(v))
 * aff(v, k) = 1 if leaf(v) = k, parentCredit if only the sub-topic is shared, topCredit if only
 *             the theme is shared, else 0
 * pop(v)    = 1 − ln(rank(v)) / ln(items), rank 1 = most popular (pop ∈ [0, 1])
 * </pre>
 *
 * Long-term interests are spread thinly over a lifelong sequence, so a model that sees only the
 * last few dozen behaviours cannot estimate the first term as well as one that reads the whole
 * sequence. Transcendental functions use {@link StrictMath} (bit-identical everywhere).
 *
 * @param bias intercept (logit)
 * @param longWeight weight of the long-term match
 * @param shortWeight weight of the short-term match
 * @param popWeight weight of the popularity feature
 * @param parentCredit affinity for sharing only the sub-topic
 * @param topCredit affinity for sharing only the theme
 */
public record ClickModel(double bias, double longWeight, double shortWeight, double popWeight,
    double parentCredit, double topCredit) {

  /** Affinity of a target leaf to an interest leaf (1, parentCredit, topCredit or 0). */
  public double affinity(TopicTree tree, int targetLeaf, int interestLeaf) {
    if (targetLeaf == interestLeaf) return 1.0;
    int ts = tree.subOfLeaf(targetLeaf);
    int is = tree.subOfLeaf(interestLeaf);
    if (ts == is) return parentCredit;
    if (tree.topOfSub(ts) == tree.topOfSub(is)) return topCredit;
    return 0.0;
  }

  /** The best affinity of a target leaf to any of the long-term interest leaves. */
  public double longTermMatch(TopicTree tree, int targetLeaf, int[] interestLeaves) {
    double best = 0;
    for (int k : interestLeaves) best = Math.max(best, affinity(tree, targetLeaf, k));
    return best;
  }

  /** Popularity feature of an item of global popularity rank {@code rank} (1-based) among {@code items}. */
  public static double popularity(int rank, int items) {
    return items <= 1 ? 1.0 : 1.0 - StrictMath.log(rank) / StrictMath.log(items);
  }

  /** Click logit for the three features. */
  public double logit(double longMatch, double shortMatch, double popularity) {
    return bias + longWeight * longMatch + shortWeight * shortMatch + popWeight * popularity;
  }

  /** Click probability for the three features. */
  public double probability(double longMatch, double shortMatch, double popularity) {
    return 1.0 / (1.0 + StrictMath.exp(-logit(longMatch, shortMatch, popularity)));
  }

  /** The formula with its coefficients, for the manifest. */
  public String describe() {
    return "p = sigmoid(" + bias + " + " + longWeight + "*LT + " + shortWeight + "*ST + " + popWeight + "*POP); "
        + "LT = max over the user's long-term interest leaves of aff(target, leaf), ST = aff(target, current "
        + "short-term leaf); aff = 1 same leaf, " + parentCredit + " same sub-topic, " + topCredit
        + " same theme, 0 otherwise; POP = 1 - ln(popularity rank)/ln(items); label ~ Bernoulli(p)";
  }
}
