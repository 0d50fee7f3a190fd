package org.r2led.bench;

import java.util.ArrayList;
import java.util.List;
import org.r2led.train.Convergence;

/** {@code results.csv}: one row per model with every figure and the chosen setting (RFC 4180 quoting). */
public final class ResultsCsv {
  private ResultsCsv() {}

  public static String render(BenchResult r) {
    List<String> header = new ArrayList<>(List.of("model", "setting_id", "setting", "seeds", "test_auc_mean", "test_auc_std",
        "test_logloss_mean", "test_logloss_std", "test_gauc_mean", "test_gauc_std", "valid_auc_mean", "valid_auc_std",
        "train_samples_per_s_median", "params", "params_non_embedding", "scoring_history_events", "scoring_threads",
        "us_per_target_1", "candidates", "us_per_target_candidates", "best_last_epoch", "capped_seeds"));
    for (int l : r.request().latencyLengths()) header.add("us_per_target_len_" + l);
    StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
    for (ModelFigures f : r.figures()) {
      ScoringBench.Trained t = f.scoring();
      List<String> row = new ArrayList<>(List.of(f.model(), f.setting().id(), String.join(" ", f.setting().overrides()),
          Integer.toString(f.seeds()), Fmt.csv(f.testAuc().mean()), Fmt.csv(f.testAuc().std()), Fmt.csv(f.testLogloss().mean()),
          Fmt.csv(f.testLogloss().std()), Fmt.csv(f.testGauc().mean()), Fmt.csv(f.testGauc().std()), Fmt.csv(f.validAuc().mean()),
          Fmt.csv(f.validAuc().std()), Fmt.csv(f.trainSamplesPerSecond()), Long.toString(t.size().total()),
          Long.toString(t.size().nonEmbedding()), Integer.toString(t.historyEvents()), Integer.toString(r.scoringThreads()),
          Fmt.csv(t.one().microsPerTarget()), Integer.toString(r.candidates()), Fmt.csv(t.many().microsPerTarget()),
          Convergence.column(f.convergence()), Long.toString(Convergence.capped(f.convergence()))));
      for (int l : r.request().latencyLengths()) row.add(Fmt.csv(f.sweepMicros(l)));
      sb.append(String.join(",", row.stream().map(ResultsCsv::quote).toList())).append('\n');
    }
    return sb.toString();
  }

  /** {@code s} as one CSV field (RFC 4180: quoted when it holds a comma, quote or line break). */
  public static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
