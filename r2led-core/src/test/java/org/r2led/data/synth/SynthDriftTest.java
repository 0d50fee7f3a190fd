package org.r2led.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.eval.Metrics;
import org.r2led.io.Columns;

/** Interest drift ({@code interest_drift}) and items born over time ({@code item_birth_share}). */
class SynthDriftTest {
  private static final SynthConfig BASE =
      SynthConfig.quickstart().with(Map.of("users", "400", "items", "1200", "max_len", "1500"));

  @Test
  void offByDefaultAndNotRecordedInTheDataset() {
    SynthConfig c = SynthConfig.quickstart();
    assertEquals(0.0, c.interestDrift());
    assertEquals(0.0, c.itemBirthShare());
    assertFalse(c.recordedSettings().containsKey("interest_drift"), "an off key must not change synth.json or the manifest");
    assertFalse(c.recordedSettings().containsKey("item_birth_share"));
    assertEquals(0.1, c.with("interest_drift", "0.1").recordedSettings().get("interest_drift"));
    assertEquals(c.toMap().size() - 2, c.recordedSettings().size());
  }

  @Test
  void withDriftAFrozenEarlyFitLosesAucLateWhileTheOracleFollows(@TempDir Path tmp) {
    PreparedDataset still = generate(BASE, tmp.resolve("still"));
    PreparedDataset drifting = generate(BASE.with("interest_drift", "0.15"), tmp.resolve("drift"));
    Aucs s = frozenAucs(still);
    Aucs d = frozenAucs(drifting);
    // Without drift the users' start interests explain early and late labels alike.
    assertEquals(s.early, s.late, 0.03, "no drift: frozen early " + s.early + " vs late " + s.late);
    // With drift the start interests go stale: the frozen predictor is worse late than early ...
    assertTrue(d.early > d.late + 0.03, "drift: frozen early " + d.early + " vs late " + d.late);
    assertTrue(s.late > d.late + 0.05, "drift should cost the frozen predictor: " + s.late + " vs " + d.late);
    // ... while the true probability (which follows the drift) stays the ceiling.
    assertTrue(d.oracleLate > d.late + 0.1, "oracle late " + d.oracleLate + " vs frozen late " + d.late);
  }

  @Test
  void noEventOrSampleShowsAnItemBeforeItsBirth(@TempDir Path tmp) {
    SynthConfig cfg = BASE.with("item_birth_share", "0.5");
    PreparedDataset ds = generate(cfg, tmp.resolve("births"));
    WordBank bank = WordBank.builtIn();
    Catalog catalog = Catalog.build(cfg, TopicTree.build(cfg, bank, SynthRandom.stream(cfg.seed(), SynthRandom.TOPICS, 0)), bank);
    int late = 0;
    int bornLater = 0;
    int leafTops = catalog.leafItems.length - 1; // a leaf's most popular item always exists
    for (int l = 1; l <= leafTops; l++) assertEquals(Long.MIN_VALUE, catalog.birth[catalog.leafItems[l][0]]);
    for (int i = 1; i <= catalog.numItems; i++) if (catalog.birth[i] != Long.MIN_VALUE) bornLater++;
    assertEquals(0.5, bornLater / (double) (catalog.numItems - leafTops), 0.05, "share of the other items born later");
    for (int u = 0; u < ds.numUsers(); u++) {
      for (long e = ds.seqStart(u); e < ds.seqStart(u) + ds.seqLength(u); e++) {
        int item = ds.eventItem(e);
        assertTrue(ds.eventTs(e) >= catalog.birth[item], "event " + e + " shows item " + item + " before its birth");
        if (catalog.birth[item] != Long.MIN_VALUE) late++;
      }
    }
    for (Split s : Split.values()) {
      SampleSplit sp = ds.split(s);
      for (int i = 0; i < sp.size(); i++) {
        assertTrue(sp.ts(i) >= catalog.birth[sp.item(i)], s + " sample " + i + " targets an unborn item");
      }
    }
    assertTrue(late > 1000, "late-born items appear after their birth: " + late + " events");
  }

  private static PreparedDataset generate(SynthConfig cfg, Path dir) {
    SyntheticGenerator.generate(cfg, dir, null);
    return PreparedDataset.open(dir);
  }

  private record Aucs(double early, double late, double oracleLate) {}

  /**
   * AUC of a frozen predictor that knows each user's long-term interests at the user's start (the
   * ground truth written by the generator) and scores a target by its best affinity to them: on the first train sample of every user
   * (early) and on the test samples (late); and the oracle's AUC on the test samples.
   */
  private static Aucs frozenAucs(PreparedDataset ds) {
    long[] off = Columns.readLongs(ds.dir().resolve(InterestWriter.OFFSETS));
    int[] leaves = Columns.readInts(ds.dir().resolve(InterestWriter.LEAVES));
    SynthAnalysis.TopicTreeView tree = SynthAnalysis.TopicTreeView.of(ds);
    int[] topics = ds.itemTopics();
    ClickModel aff = new ClickModel(0, 0, 0, 0, 0.4, 0.1);
    SampleSplit train = ds.split(Split.TRAIN);
    int n = 0;
    for (int i = 0; i < train.size(); i++) if (i == 0 || train.user(i) != train.user(i - 1)) n++;
    float[] early = new float[n];
    int[] earlyLabels = new int[n];
    n = 0;
    for (int i = 0; i < train.size(); i++) {
      if (i > 0 && train.user(i) == train.user(i - 1)) continue;
      early[n] = frozenScore(topics, train, i, off, leaves, tree, aff);
      earlyLabels[n++] = train.label(i);
    }
    SampleSplit test = ds.split(Split.TEST);
    float[] late = new float[test.size()];
    float[] oracle = new float[test.size()];
    int[] lateLabels = new int[test.size()];
    for (int i = 0; i < test.size(); i++) {
      late[i] = frozenScore(topics, test, i, off, leaves, tree, aff);
      oracle[i] = test.trueProbability(i);
      lateLabels[i] = test.label(i);
    }
    return new Aucs(Metrics.auc(early, earlyLabels), Metrics.auc(late, lateLabels), Metrics.auc(oracle, lateLabels));
  }

  private static float frozenScore(int[] topics, SampleSplit sp, int i, long[] off, int[] leaves,
      SynthAnalysis.TopicTreeView tree, ClickModel aff) {
    int u = sp.user(i);
    int leaf = topics[sp.item(i)];
    double best = 0;
    for (long j = off[u]; j < off[u + 1]; j++) best = Math.max(best, tree.affinity(leaf, leaves[(int) j], aff));
    return (float) best;
  }
}
