package org.r2led.data.synth;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;

/**
 * Simulates one user at a time and streams the user's lifelong sequence and samples into a
 * {@link PreparedDatasetWriter}. Memory is constant in the sequence length (only the user's
 * samples are buffered until the sequence is written). Each user uses its own random streams, so
 * user {@code u}'s data depends only on the seed, the settings and {@code u}.
 *
 * <p>Per user: 1) draw the sequence length (lognormal, clipped); 2) draw K long-term interest leaves
 * (by leaf mass, distinct) with Dirichlet(1) weights; 3) draw the sample positions in the latter part
 * of the sequence; 4) generate events: at each event the short-term interest may drift (a new
 * session, with an extra time gap); the event's item comes from the short-term leaf, a long-term
 * leaf, or global popularity; 5) right after the event at history length {@code p-1}, the samples
 * with history length {@code p} draw their target and label from the user's state at that time.
 */
final class UserSimulator {
  /** Behavior code of every synthetic event (manifest behaviors: ["click"]). */
  static final int BEHAVIOR_CLICK = 1;
  private static final double DAY_SECONDS = 86_400.0;

  private final SynthConfig cfg;
  private final TopicTree tree;
  private final Catalog catalog;
  private final ClickModel click;
  private final InterestWriter interests;
  private final int numTest;
  private final int numValid;
  private final int[] samplePos;
  private final int[] sampleItem;
  private final long[] sampleTs;
  private final float[] sampleProb;
  private final int[] sampleLabel;
  private final int[] ltLeaves;
  private final double[] ltWeights;
  private final double[] ltCum;
  private int k;

  UserSimulator(SynthConfig cfg, TopicTree tree, Catalog catalog, InterestWriter interests) {
    this.cfg = cfg;
    this.tree = tree;
    this.catalog = catalog;
    this.click = cfg.clickModel();
    this.interests = interests;
    int s = cfg.samplesPerUser();
    this.numTest = (int) Math.round(cfg.testFraction() * s);
    this.numValid = Math.min(s - numTest, (int) Math.round(cfg.validFraction() * s));
    samplePos = new int[s];
    sampleItem = new int[s];
    sampleTs = new long[s];
    sampleProb = new float[s];
    sampleLabel = new int[s];
    ltLeaves = new int[cfg.longInterestsMax()];
    ltWeights = new double[cfg.longInterestsMax()];
    ltCum = new double[cfg.longInterestsMax()];
  }

  /** Length of user {@code u}'s lifelong sequence: lognormal(ln lenMedian, lenSigma), rounded, clipped. */
  static int sequenceLength(SynthConfig cfg, int user) {
    SplittableRandom r = SynthRandom.stream(cfg.seed(), SynthRandom.LENGTH, user);
    double x = cfg.lenMedian() * StrictMath.exp(cfg.lenSigma() * SynthRandom.gaussian(r));
    double clipped = Math.min(cfg.maxLen(), Math.max(cfg.minLen(), Math.rint(x)));
    return (int) clipped;
  }

  /** Split of the user's {@code i}-th sample (time order) among {@code samplesPerUser}. */
  Split splitOf(int i) {
    int s = cfg.samplesPerUser();
    if (i >= s - numTest) return Split.TEST;
    if (i >= s - numTest - numValid) return Split.VALID;
    return Split.TRAIN;
  }

  /** Generates user {@code u} into {@code w} (after {@code w.beginUser}); returns its number of events. */
  int simulate(int u, PreparedDatasetWriter w) {
    int len = sequenceLength(cfg, u);
    SplittableRandom r = SynthRandom.stream(cfg.seed(), SynthRandom.USER, u);
    drawLongTermInterests(r);
    interests.user(ltLeaves, ltWeights, k);
    int numSamples = drawSamplePositions(len, r);

    int st = newShortTerm(r);
    long t = cfg.startTime() + (long) (r.nextDouble() * SynthRandom.YEAR_SECONDS);
    double pShort = cfg.pShort();
    double pShortOrLong = pShort + cfg.pLong();
    SplittableRandom drift = cfg.interestDrift() > 0 ? SynthRandom.stream(cfg.seed(), SynthRandom.DRIFT, u) : null;
    long driftedAt = t;
    int next = 0;
    for (int e = 0; e < len; e++) {
      if (e > 0 && r.nextDouble() < cfg.driftRate()) {
        st = newShortTerm(r);
        t += (long) SynthRandom.exponential(r, cfg.sessionGapSeconds());
      }
      double x = r.nextDouble();
      int item;
      if (x < pShort) item = catalog.itemInLeaf(st, r);
      else if (x < pShortOrLong) item = catalog.itemInLeaf(longTermLeaf(r), r);
      else item = catalog.popularItem(r);
      t += 2 + (long) SynthRandom.exponential(r, cfg.meanGapSeconds());
      item = catalog.bornAt(item, t, r);
      if (drift != null) {
        driftInterests(t - driftedAt, drift);
        driftedAt = t;
      }
      w.addEvent(item, catalog.category[item], BEHAVIOR_CLICK, t);
      while (next < numSamples && samplePos[next] == e + 1) {
        drawSample(next, t + 1, st, r);
        next++;
      }
    }
    for (int i = 0; i < numSamples; i++) {
      int item = sampleItem[i];
      w.addSample(splitOf(i), samplePos[i], item, catalog.category[item], sampleLabel[i], sampleTs[i], sampleProb[i]);
    }
    return len;
  }

  private void drawLongTermInterests(SplittableRandom r) {
    k = cfg.longInterestsMin() + r.nextInt(cfg.longInterestsMax() - cfg.longInterestsMin() + 1);
    for (int j = 0; j < k; j++) {
      int leaf = 0;
      for (int attempt = 0; attempt < 64 && leaf == 0; attempt++) {
        int c = catalog.leafByMass(r);
        if (!contains(ltLeaves, j, c)) leaf = c;
      }
      if (leaf == 0) { // a few heavy leaves dominate: take the next unused leaf after a random one
        int c = 1 + r.nextInt(tree.numLeaves());
        while (contains(ltLeaves, j, c)) c = c % tree.numLeaves() + 1;
        leaf = c;
      }
      ltLeaves[j] = leaf;
    }
    double sum = 0;
    for (int j = 0; j < k; j++) {
      ltWeights[j] = SynthRandom.exponential(r, 1.0) + 1e-9;
      sum += ltWeights[j];
    }
    double acc = 0;
    for (int j = 0; j < k; j++) {
      ltWeights[j] /= sum;
      acc += ltWeights[j];
      ltCum[j] = acc;
    }
    ltCum[k - 1] = 1.0;
  }

  /**
   * Interest drift over {@code seconds}: each long-term interest is, with probability
   * 1 − exp(−interest_drift·days), replaced by another leaf drawn by mass (not already an interest);
   * weights stay. The targets and click probabilities after this use the new leaves.
   */
  private void driftInterests(long seconds, SplittableRandom d) {
    double p = 1.0 - StrictMath.exp(-cfg.interestDrift() * seconds / DAY_SECONDS);
    for (int j = 0; j < k; j++) {
      if (d.nextDouble() >= p) continue;
      for (int attempt = 0; attempt < 16; attempt++) {
        int c = catalog.leafByMass(d);
        if (!contains(ltLeaves, k, c)) {
          ltLeaves[j] = c;
          break;
        }
      }
    }
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) if (a[i] == v) return true;
    return false;
  }

  /** Sample history lengths in [ceil(sampleStart·len), len] (at least 1), distinct when possible, sorted. */
  private int drawSamplePositions(int len, SplittableRandom r) {
    int s = cfg.samplesPerUser();
    int lo = Math.max(1, (int) Math.ceil(cfg.sampleStart() * len));
    int range = len - lo + 1;
    if (range >= s) { // Floyd's algorithm: s distinct values of [0, range)
      int n = 0;
      for (int j = range - s; j < range; j++) {
        int v = r.nextInt(j + 1);
        samplePos[n] = contains(samplePos, n, v) ? j : v;
        n++;
      }
    } else {
      for (int i = 0; i < s; i++) samplePos[i] = r.nextInt(range);
    }
    Arrays.sort(samplePos, 0, s);
    for (int i = 0; i < s; i++) samplePos[i] += lo;
    return s;
  }

  private int longTermLeaf(SplittableRandom r) {
    double x = r.nextDouble();
    int j = 0;
    while (j < k - 1 && x >= ltCum[j]) j++;
    return ltLeaves[j];
  }

  private int newShortTerm(SplittableRandom r) {
    return r.nextDouble() < cfg.driftToLong() ? longTermLeaf(r) : catalog.leafByMass(r);
  }

  private void drawSample(int i, long ts, int st, SplittableRandom r) {
    double x = r.nextDouble();
    int item;
    if (x < cfg.targetLong()) item = catalog.itemInLeaf(ltLeaves[r.nextInt(k)], r); // any interest, weak ones too
    else if (x < cfg.targetLong() + cfg.targetShort()) item = catalog.itemInLeaf(st, r);
    else if (x < cfg.targetLong() + cfg.targetShort() + cfg.targetPopular()) item = catalog.popularItem(r);
    else item = 1 + r.nextInt(catalog.numItems);
    item = catalog.bornAt(item, ts, r);
    int leaf = catalog.leafOf[item];
    double longMatch = 0;
    for (int j = 0; j < k; j++) longMatch = Math.max(longMatch, click.affinity(tree, leaf, ltLeaves[j]));
    double p = click.probability(longMatch, click.affinity(tree, leaf, st), catalog.popularity[item]);
    sampleItem[i] = item;
    sampleTs[i] = ts;
    sampleProb[i] = (float) p;
    sampleLabel[i] = r.nextDouble() < p ? 1 : 0;
  }
}
