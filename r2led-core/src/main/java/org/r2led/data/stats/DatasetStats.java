package org.r2led.data.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.eval.Metrics;
import org.r2led.io.AtomicFiles;
import org.r2led.io.Json;

/**
 * Statistics of a prepared dataset ({@code data stats}; also written as {@code stats.json} and
 * {@code stats.md} into the dataset directory).
 *
 * @param source the manifest's source
 * @param fingerprint the manifest fingerprint
 * @param users number of users
 * @param items number of items
 * @param categories number of categories
 * @param events number of events
 * @param behaviors events per behavior name
 * @param sequenceLength per-user lifelong sequence length (events)
 * @param splits per split ({@code train}, {@code valid}, {@code test})
 */
public record DatasetStats(String source, String fingerprint, long users, long items, long categories, long events,
    Map<String, Long> behaviors, Distribution sequenceLength, Map<String, SplitStats> splits) {

  public static final String JSON = "stats.json";
  public static final String MARKDOWN = "stats.md";

  /**
   * One split.
   *
   * @param samples number of samples
   * @param positives samples with label 1
   * @param positiveRate positives / samples (null when there are no samples)
   * @param historyLength history length ({@code pos}) at the samples
   * @param oracle metrics of the true click probabilities (synthetic data only, else null)
   * @param shortcuts how far the history alone separates the labels
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SplitStats(long samples, long positives, Double positiveRate, Distribution historyLength, Oracle oracle,
      Shortcuts shortcuts) {}

  /** Most recent history events scanned for {@link Shortcuts} (the default {@code max_seq_len}). */
  public static final int SHORTCUT_WINDOW = 1000;

  /**
   * Single-feature baselines from the history alone, over the last {@link #SHORTCUT_WINDOW} events
   * before each sample: the share of positive / negative samples whose target category (item) occurs
   * there, and the AUC of the number of such occurrences used as a score. An AUC far above 0.5 means a
   * model can score well by matching the target against the history (e.g. with sampled negatives).
   * Null entries when undefined (no samples of a class).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Shortcuts(Double categorySeenPositives, Double categorySeenNegatives, Double categoryCountAuc,
      Double itemSeenPositives, Double itemSeenNegatives, Double itemCountAuc) {}

  /**
   * The best any model can reach: the true probabilities scored with {@link Metrics} (null entries
   * when undefined, e.g. a single class).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Oracle(Double auc, Double logLoss, Double gauc) {}

  /** Computes the statistics of {@code ds} (one pass over users and samples). */
  public static DatasetStats compute(PreparedDataset ds) {
    int users = ds.numUsers();
    int[] lengths = new int[users];
    for (int u = 0; u < users; u++) lengths[u] = ds.seqLength(u);
    List<String> names = ds.manifest().behaviors();
    long[] perBehavior = new long[names.size() + 1];
    long events = ds.numEvents();
    for (long e = 0; e < events; e++) {
      int b = ds.eventBehavior(e);
      if (b >= 0 && b < perBehavior.length) perBehavior[b]++;
    }
    Map<String, Long> behaviors = new LinkedHashMap<>();
    for (int k = 1; k <= names.size(); k++) behaviors.put(names.get(k - 1), perBehavior[k]);
    Map<String, SplitStats> splits = new LinkedHashMap<>();
    for (Split s : Split.values()) splits.put(s.id(), split(ds.split(s)));
    return new DatasetStats(ds.manifest().source(), ds.manifest().fingerprint(), users, ds.numItems(),
        ds.numCategories(), events, behaviors, Distribution.of(lengths), splits);
  }

  private static SplitStats split(SampleSplit sp) {
    int n = sp.size();
    int[] pos = new int[n];
    int[] labels = new int[n];
    long positives = 0;
    for (int i = 0; i < n; i++) {
      pos[i] = sp.pos(i);
      labels[i] = sp.label(i);
      positives += labels[i];
    }
    Oracle oracle = null;
    if (sp.hasTrueProbabilities() && n > 0) {
      float[] p = new float[n];
      int[] users = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = sp.trueProbability(i);
        users[i] = sp.user(i);
      }
      oracle = new Oracle(finite(Metrics.auc(p, labels)), finite(Metrics.logLoss(p, labels)),
          finite(Metrics.gauc(p, labels, users)));
    }
    return new SplitStats(n, positives, n == 0 ? null : (double) positives / n, Distribution.of(pos), oracle,
        shortcuts(sp, labels, positives));
  }

  private static Shortcuts shortcuts(SampleSplit sp, int[] labels, long positives) {
    int n = sp.size();
    float[] catCount = new float[n];
    float[] itemCount = new float[n];
    long[] seen = new long[4]; // category seen in positives, in negatives; item seen in positives, in negatives
    PreparedDataset ds = sp.dataset();
    for (int i = 0; i < n; i++) {
      long end = sp.historyStart(i) + sp.pos(i);
      long from = Math.max(sp.historyStart(i), end - SHORTCUT_WINDOW);
      int cat = sp.category(i);
      int item = sp.item(i);
      int c = 0;
      int t = 0;
      for (long e = from; e < end; e++) {
        if (ds.eventCategory(e) == cat) c++;
        if (ds.eventItem(e) == item) t++;
      }
      catCount[i] = c;
      itemCount[i] = t;
      int neg = labels[i] == 1 ? 0 : 1;
      if (c > 0) seen[neg]++;
      if (t > 0) seen[2 + neg]++;
    }
    long negatives = n - positives;
    return new Shortcuts(share(seen[0], positives), share(seen[1], negatives), finite(Metrics.auc(catCount, labels)),
        share(seen[2], positives), share(seen[3], negatives), finite(Metrics.auc(itemCount, labels)));
  }

  private static Double share(long count, long total) {
    return total == 0 ? null : (double) count / total;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Canonical JSON. */
  public String toJson() {
    return Json.toString(this);
  }

  /** A human-readable Markdown report. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Dataset statistics\n\n");
    sb.append(String.format(Locale.ROOT, "- source: %s, fingerprint `%s`%n", source, fingerprint.substring(0, 16)));
    sb.append(String.format(Locale.ROOT, "- users %,d, items %,d, categories %,d, events %,d%n", users, items, categories, events));
    sb.append("- events per behavior: ");
    StringBuilder b = new StringBuilder();
    behaviors.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %,d", k, v)));
    sb.append(b).append("\n\n");
    sb.append("| lengths | count | mean | min | median | p90 | p99 | max |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    row(sb, "sequence per user", sequenceLength);
    splits.forEach((k, s) -> row(sb, "history at " + k + " samples", s.historyLength()));
    sb.append("\n| split | samples | positives | positive rate | oracle AUC | oracle LogLoss | oracle GAUC |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
    splits.forEach((k, s) -> sb.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %s | %s | %s |%n", k, s.samples(),
        s.positives(), fmt(s.positiveRate()), s.oracle() == null ? "-" : fmt(s.oracle().auc()),
        s.oracle() == null ? "-" : fmt(s.oracle().logLoss()), s.oracle() == null ? "-" : fmt(s.oracle().gauc()))));
    sb.append(String.format(Locale.ROOT, "%nHistory shortcuts (last %,d events before each sample): share of positive / negative "
        + "samples whose target category (item) occurs in the history, and the AUC of that occurrence count as a score.%n%n",
        SHORTCUT_WINDOW));
    sb.append("| split | category seen: pos / neg | AUC of category count | item seen: pos / neg | AUC of item count |\n");
    sb.append("|---|---:|---:|---:|---:|\n");
    splits.forEach((k, s) -> {
      Shortcuts c = s.shortcuts();
      if (c == null) return;
      sb.append(String.format(Locale.ROOT, "| %s | %s / %s | %s | %s / %s | %s |%n", k, fmt(c.categorySeenPositives()),
          fmt(c.categorySeenNegatives()), fmt(c.categoryCountAuc()), fmt(c.itemSeenPositives()), fmt(c.itemSeenNegatives()),
          fmt(c.itemCountAuc())));
    });
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, Distribution d) {
    sb.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,d | %s | %s | %s | %,d |%n", name, d.count(), d.mean(), d.min(),
        num(d.median()), num(d.p90()), num(d.p99()), d.max()));
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.1f", v);
  }

  private static String fmt(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** Writes {@code stats.json} and {@code stats.md} into {@code dir}. */
  public void write(Path dir) {
    Json.write(dir.resolve(JSON), this);
    try {
      AtomicFiles.write(dir.resolve(MARKDOWN), toMarkdown().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(MARKDOWN), e);
    }
  }

  /** Reads {@code stats.json}. */
  public static DatasetStats read(Path dir) {
    return Json.read(dir.resolve(JSON), DatasetStats.class);
  }
}
