package org.r2led.data.synth;

import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.eval.Metrics;

/**
 * Test helper: reference predictors on a synthetic dataset, built only from what a model can see
 * (histories and the true topic tree of items), to show how much of the label depends on long-term
 * interests.
 */
final class SynthAnalysis {
  private SynthAnalysis() {}

  /** AUCs over all samples of all splits. */
  record Aucs(double oracle, double shortWindow, double fullHistory, double positiveRate, int samples) {}

  /**
   * Two simple scores per sample, both from the topic tree (affinity 1 same leaf, 0.4 same
   * sub-topic, 0.1 same theme) and both including the mean affinity of the target to the last
   * {@code window} events (the short-term signal). {@code shortWindow} adds how often the target's
   * leaf occurs in that window (saturating at 3 % of it); {@code fullHistory} instead adds the
   * fraction of {@code window}-sized chunks of the whole history in which the target's leaf occurs
   * (recurrence: the mark of a long-term interest).
   */
  static Aucs aucs(PreparedDataset ds, int window) {
    int[] leafOf = ds.itemTopics();
    int n = 0;
    for (Split s : Split.values()) n += ds.split(s).size();
    float[] oracle = new float[n];
    float[] shortScore = new float[n];
    float[] fullScore = new float[n];
    int[] labels = new int[n];
    int[] hist = new int[1 << 16];
    long pos = 0;
    int k = 0;
    ClickModel aff = new ClickModel(0, 0, 0, 0, 0.4, 0.1);
    TopicTreeView tree = TopicTreeView.of(ds);
    for (Split s : Split.values()) {
      SampleSplit sp = ds.split(s);
      for (int i = 0; i < sp.size(); i++) {
        int p = sp.pos(i);
        if (hist.length < p) hist = new int[Integer.highestOneBit(p) * 2];
        ds.copyItems(sp.historyStart(i), p, hist, 0);
        int target = leafOf[sp.item(i)];
        int from = Math.max(0, p - window);
        double recent = 0;
        int recentHits = 0;
        for (int e = from; e < p; e++) {
          recent += tree.affinity(target, leafOf[hist[e]], aff);
          if (leafOf[hist[e]] == target) recentHits++;
        }
        double recentAffinity = recent / Math.max(1, p - from);
        int chunks = 0;
        int chunksWithLeaf = 0;
        for (int c0 = 0; c0 < p; c0 += window) {
          chunks++;
          for (int e = c0; e < Math.min(p, c0 + window); e++) {
            if (leafOf[hist[e]] == target) { chunksWithLeaf++; break; }
          }
        }
        shortScore[k] = (float) (Math.min(1, recentHits / (0.03 * (p - from))) + recentAffinity);
        fullScore[k] = (float) ((double) chunksWithLeaf / Math.max(1, chunks) + recentAffinity);
        oracle[k] = sp.trueProbability(i);
        labels[k] = sp.label(i);
        pos += labels[k];
        k++;
      }
    }
    return new Aucs(Metrics.auc(oracle, labels), Metrics.auc(shortScore, labels), Metrics.auc(fullScore, labels),
        (double) pos / n, n);
  }

  /** Leaf → sub-topic → theme relations read back from a dataset's {@code synth/topics.tsv}. */
  record TopicTreeView(int[] subOfLeaf, int[] topOfSub) {
    static TopicTreeView of(PreparedDataset ds) {
      try {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(ds.dir().resolve(SyntheticGenerator.TOPICS_TSV));
        java.util.Map<String, java.util.List<int[]>> byLevel = new java.util.HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.split("\t");
          byLevel.computeIfAbsent(f[0], x -> new java.util.ArrayList<>())
              .add(new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2])});
        }
        int[] subOfLeaf = new int[byLevel.get("leaf").size() + 1];
        for (int[] r : byLevel.get("leaf")) subOfLeaf[r[0]] = r[1];
        int[] topOfSub = new int[byLevel.get("sub").size() + 1];
        for (int[] r : byLevel.get("sub")) topOfSub[r[0]] = r[1];
        return new TopicTreeView(subOfLeaf, topOfSub);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    double affinity(int a, int b, ClickModel credits) {
      if (a == b) return 1;
      if (subOfLeaf[a] == subOfLeaf[b]) return credits.parentCredit();
      if (topOfSub[subOfLeaf[a]] == topOfSub[subOfLeaf[b]]) return credits.topCredit();
      return 0;
    }
  }
}
