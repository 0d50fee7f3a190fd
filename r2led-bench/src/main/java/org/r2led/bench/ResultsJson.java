package org.r2led.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.train.Convergence;
import org.r2led.train.RunResult;

/** {@code results.json}: the request, cell counts (incl. {@code reused}), and per model every run and figure. */
public final class ResultsJson {
  private ResultsJson() {}

  public static Map<String, Object> of(BenchResult r) {
    BenchRequest q = r.request();
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("dir", q.data().toAbsolutePath().normalize().toString());
    data.put("manifest_fingerprint", r.datasetFingerprint());
    m.put("dataset", data);
    m.put("sids", q.sids() == null ? null : q.sids().toAbsolutePath().normalize().toString());
    m.put("models", q.models());
    m.put("seeds", q.seeds());
    m.put("grid", q.grid().spec());
    m.put("grid_settings", q.grid().settings().stream().map(Grid.Setting::id).toList());
    m.put("settings", q.settings());
    m.put("max_epochs", q.maxEpochs());
    m.put("selection", "seed 1 of every grid setting; best validation AUC (ties: earlier setting); seeds 2..N at that setting");
    m.put("cells", r.cells());
    m.put("reused", r.cells().reused());
    Map<String, Object> scoring = new LinkedHashMap<>();
    scoring.put("candidates", q.candidates());
    scoring.put("intra_op_threads", r.scoringThreads());
    scoring.put("max_repeats", q.latencyRepeats());
    scoring.put("latency_lengths", q.latencyLengths());
    m.put("scoring", scoring);
    m.put("training_intra_op_threads", r.trainingThreads());
    m.put("seconds", r.seconds());
    List<Object> models = new ArrayList<>();
    for (int i = 0; i < r.figures().size(); i++) models.add(model(r.figures().get(i), r.runs().get(i)));
    m.put("results", models);
    return m;
  }

  private static Map<String, Object> model(ModelFigures f, ModelRuns runs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", f.model());
    m.put("setting_id", f.setting().id());
    m.put("setting", f.setting().overrides());
    m.put("test_auc", f.testAuc());
    m.put("test_logloss", f.testLogloss());
    m.put("test_gauc", f.testGauc());
    m.put("valid_auc", f.validAuc());
    m.put("train_samples_per_s_median", f.trainSamplesPerSecond());
    m.put("capped_seeds", Convergence.capped(f.convergence()));
    m.put("params", f.scoring().size().total());
    m.put("params_non_embedding", f.scoring().size().nonEmbedding());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("history_events", f.scoring().historyEvents());
    s.put("one_candidate", timing(f.scoring().one()));
    s.put("candidates", timing(f.scoring().many()));
    m.put("scoring", s);
    List<Object> sweep = new ArrayList<>();
    for (ScoringBench.Point p : f.sweep()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("length", p.length());
      if (p.timing() != null) x.putAll(timing(p.timing()));
      if (p.error() != null) x.put("error", p.error());
      sweep.add(x);
    }
    m.put("latency_vs_length", sweep);
    m.put("seeds", runs.seeds().stream().map(ResultsJson::cell).toList());
    m.put("grid_trials", runs.trials().stream().map(ResultsJson::cell).toList());
    return m;
  }

  private static Map<String, Object> timing(ScoringTimer.Timing t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("us_per_target", t.microsPerTarget());
    m.put("median_us_per_call", t.medianNanos() / 1000);
    m.put("min_us_per_call", t.minNanos() / 1000);
    m.put("candidates", t.candidates());
    m.put("repeats", t.repeats());
    return m;
  }

  private static Map<String, Object> cell(CellResult c) {
    RunResult r = c.run();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("setting_id", c.cell().setting().id());
    m.put("seed", c.cell().seed());
    m.put("run_dir", c.cell().runDir().toAbsolutePath().normalize().toString());
    m.put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT));
    m.put("valid", r.valid());
    m.put("test", r.test());
    m.put("train_samples_per_s", r.trainSamplesPerSecond());
    m.put("steps", r.steps());
    m.put("best_step", r.bestStep());
    m.put("epochs", r.epochs());
    m.put("convergence", r.convergence());
    m.put("extensions", c.extensions());
    return m;
  }
}
