package org.r2led.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.r2led.data.Split;
import org.r2led.io.Progress;
import org.r2led.io.ToolFile;
import org.r2led.recall.RecallKeys;
import org.r2led.recall.RecallEvaluation;
import org.r2led.nextitem.RankingReport;
import org.r2led.nextitem.TargetSlice;
import org.r2led.recall.RecallRun;
import org.r2led.recall.TwoStage;
import org.r2led.recall.TwoStageEvaluation;
import org.r2led.serving.ScoringModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r2led retrieve evaluate}: reloads a retrieval run and recomputes its full-catalog metrics. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Reload a retrieval run and print HR@N, Recall@N and NDCG@N (full catalog) on a split.")
public final class RetrieveEvaluateCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "run directory written by `r2led retrieve train`")
  Path run;

  @Option(names = "--split", defaultValue = "test", description = "valid or test (default: ${DEFAULT-VALUE})")
  String split;

  @Option(names = "--n", split = ",", description = "cutoffs N (default: 10,50,200)")
  int[] cutoffs = RecallRun.CUTOFFS;

  @Option(names = "--ranker", description = "also evaluate the two-stage pipeline: this exported ranker re-ranks the "
      + "retriever's --candidates (its HR/NDCG at N <= candidates)")
  Path ranker;

  @Option(names = "--candidates", defaultValue = "200", description = "candidates the ranker re-ranks (default: ${DEFAULT-VALUE})")
  int candidates;

  @Option(names = "--retrieval-weight", split = ",", description = "with --ranker: the retriever's share w of the final "
      + "order, (1-w)*rank by the ranker + w*rank by the retriever; several (e.g. 0,0.25,0.5) are evaluated in one pass "
      + "(default: 0, the ranker alone)")
  double[] retrievalWeights = {0};

  @Mixin
  SeenOptions seen = new SeenOptions();

  @Option(names = "--max-users", description = "evaluate only the first N users of the split (quick looks)")
  Integer maxUsers;

  @Option(names = "--targets", defaultValue = "all", description = "all, repeat (only users whose target is already "
      + "in their history) or new (only the others); default: ${DEFAULT-VALUE}")
  String targets;

  @Option(names = "--set", description = "retrieve with KEY=VALUE instead of the run's value (no retraining), e.g. "
      + "cascade_weight=0.25; only retrieval-time keys: cascade_weight, topk_categories, repeat_weight, cooc_weight, cooc_window, hnsw_ef_search, hnsw_m, "
      + "hnsw_ef_construction, hnsw_exact_below, exact_search")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--json", description = "also write the run, split, overrides and metrics to this JSON file "
      + "(replaces only such a file)")
  Path json;

  /** The keys of the --json file, by which an existing one is recognised as this command's. */
  private static final List<String> JSON_KEYS = List.of("run", "model", "split", "overrides", "metrics");

  @Override
  public Integer call() {
    ToolFile jsonFile = json == null ? null : ToolFile.json(json, JSON_KEYS).checked();
    for (double w : retrievalWeights) TwoStage.checkRetrievalWeight(w);
    Boolean keepSeen = seen.keepSeen();
    RecallRun.Loaded l = RecallRun.load(run, set);
    Split s = Split.parse(split);
    if (s == Split.TRAIN) throw new IllegalArgumentException("--split train: evaluate on valid or test");
    TargetSlice slice = TargetSlice.parse("--targets", targets);
    var ex = slice.select(l.data().examples(s));
    if (maxUsers != null) ex = ex.subList(0, Math.min(maxUsers, ex.size()));
    try (Progress p = Progress.builder("evaluate " + s).total(ex.size()).unit("users").build()) {
      RecallEvaluation e = RecallEvaluation.of(l.retriever(), ex, p, cutoffs);
      System.out.println(l.info().model() + " on " + l.info().dataset() + ", " + s
          + (slice == TargetSlice.ALL ? "" : ", " + slice.label() + " targets only (" + ex.size() + " users)")
          + (set.isEmpty() ? "" : ", with " + overrides(l)) + ":");
      System.out.print(e.report().format());
      System.out.printf(Locale.ROOT, "latency per user: mean %.2f ms, p99 %.2f ms%n", e.meanMillis(), e.p99Millis());
      if (jsonFile != null) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.toAbsolutePath().normalize().toString());
        out.put("model", l.info().model());
        out.put("split", s.name().toLowerCase(Locale.ROOT));
        out.put("overrides", new TreeMap<>(set));
        out.put("targets", slice.label());
        out.put("metrics", RecallRun.metrics(e));
        jsonFile.writeJson(out);
      }
    }
    if (ranker != null) {
      TwoStage two = new TwoStage(l.retriever(), ScoringModel.load(ranker), l.dataset());
      int[] cut = java.util.Arrays.stream(cutoffs).filter(c -> c <= candidates).toArray();
      try (Progress p = Progress.builder("two-stage " + s).total(ex.size()).unit("users").build()) {
        List<RankingReport> r = TwoStageEvaluation.atWeights(two, l.dataset(), ex, candidates, retrievalWeights,
            two.excludeSeen(keepSeen), p, cut);
        for (int w = 0; w < retrievalWeights.length; w++) {
          System.out.println("two-stage (" + l.info().model() + " top " + candidates + " -> " + ranker
              + (retrievalWeights.length > 1 || retrievalWeights[0] != 0 ? ", retrieval weight " + retrievalWeights[w] : "")
              + "):");
          System.out.print(r.get(w).format());
        }
      }
    }
    return 0;
  }

  /** {@code cascade_weight=0.25 (run: 0.5), ...}: the overridden keys with the run's recorded values. */
  private String overrides(RecallRun.Loaded l) {
    StringBuilder sb = new StringBuilder();
    Map<String, String> used = RecallKeys.toMap(l.config());
    for (String k : set.keySet()) {
      if (sb.length() > 0) sb.append(", ");
      sb.append(k).append('=').append(used.get(k)).append(" (run: ").append(l.info().config().getOrDefault(k, String.valueOf(RecallKeys.ALL.get(k).defaultValue()))).append(')');
    }
    return sb.toString();
  }

  /** {@code HR@10 0.1 ...} of a metrics map written by a run. */
  static String format(Map<String, Object> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> {
      if (k.startsWith("hr@") || k.startsWith("ndcg@")) sb.append(String.format(Locale.ROOT, "%s %.4f  ", k, ((Number) v).doubleValue()));
    });
    return sb.toString().trim();
  }
}
