package org.r2led.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.r2led.train.Convergence;

/** {@code results.md}: the comparison table (best AUC, LogLoss and GAUC in bold), latency vs length, the grid search. */
public final class ResultsMarkdown {
  private ResultsMarkdown() {}

  public static String render(BenchResult r) {
    BenchRequest q = r.request();
    List<ModelFigures> fs = r.figures();
    StringBuilder sb = new StringBuilder("# Model benchmark\n\n");
    sb.append("Dataset `").append(q.data().toAbsolutePath().normalize()).append("` (fingerprint `").append(r.datasetFingerprint(), 0, Math.min(16, r.datasetFingerprint().length()))
        .append("`)");
    if (q.sids() != null) sb.append(", SIDs `").append(q.sids().toAbsolutePath().normalize()).append('`');
    sb.append(q.seeds() == 1 ? ". Seed 1. " : String.format(Locale.ROOT, ". Seeds 1..%d. ", q.seeds()));
    sb.append("Same budget for every model: ");
    if (r.request().grid().keys().isEmpty()) {
      sb.append("no grid search (default settings)");
    } else {
      sb.append(String.format(Locale.ROOT, "grid `%s` (%d settings) trained on seed 1, the setting with the best validation AUC chosen",
          q.grid().spec(), q.grid().settings().size()));
    }
    sb.append(q.seeds() > 2 ? ", seeds 2.." + q.seeds() + " at the chosen setting" : q.seeds() == 2 ? ", seed 2 at the chosen setting" : "").append("; settings of every run: ")
        .append(q.settings().isEmpty() ? "defaults" : "`" + String.join(" ", q.settings()) + "`").append(".\n");
    BenchResult.Counts c = r.cells();
    sb.append(String.format(Locale.ROOT, "Runs: %d (%d reused, %d resumed, %d trained) in `runs/<model>/<setting>/seed<k>/`; "
        + "every run trains until early stopping ends it, a run its epoch limit ended being resumed with the limit doubled up to "
        + "%d epochs (`--max-epochs`; %d extended in this invocation).%n%n", c.total(), c.reused(), c.resumed(), c.trained(),
        q.maxEpochs(), c.extended()));

    int cand = r.candidates();
    sb.append(String.format(Locale.ROOT, "| model | setting | seeds | test AUC | test LogLoss | test GAUC | train samples/s "
        + "| µs/target @1 | µs/target @%d | params | non-embedding params | %s |%n", cand, Convergence.HEADING));
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    double bestAuc = best(fs, f -> f.testAuc().mean(), true);
    double bestLl = best(fs, f -> f.testLogloss().mean(), false);
    double bestGauc = best(fs, f -> f.testGauc().mean(), true);
    for (ModelFigures f : fs) {
      ScoringBench.Trained t = f.scoring();
      sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %,d | %,d | %s |%n", f.model(), f.setting().label(),
          f.seeds(), bold(Fmt.pm(f.testAuc()), f.testAuc().mean() == bestAuc), bold(Fmt.pm(f.testLogloss()),
              f.testLogloss().mean() == bestLl), bold(Fmt.pm(f.testGauc()), f.testGauc().mean() == bestGauc),
          Fmt.count(f.trainSamplesPerSecond()), Fmt.micros(t.one().microsPerTarget()), Fmt.micros(t.many().microsPerTarget()),
          t.size().total(), t.size().nonEmbedding(), Convergence.column(f.convergence())));
    }
    int hist = fs.isEmpty() ? 0 : fs.get(0).scoring().historyEvents();
    sb.append(String.format(Locale.ROOT, "%nTest metrics: mean ± sample std over the seeds, each from its run's best-validation "
        + "checkpoint; best in bold. Train samples/s: median over seeds (training wall time, evaluations excluded; %d intra-op "
        + "threads). Scoring: `prepare` (history window, retrieval, token batch) + `forward` + sigmoid for one history with 1 or "
        + "%d candidates (one batch), the best checkpoint of seed 1, the test history of median length (%,d events, before each "
        + "model's cap), %d intra-op thread%s, median of timed calls after warm-up; µs/target = call time / candidates. Params: "
        + "floats in all parameters; non-embedding: outside the row-sparse item/category/SID tables.%n",
        r.trainingThreads(), cand, hist, r.scoringThreads(), r.scoringThreads() == 1 ? "" : "s"));
    sb.append('\n').append(Convergence.note(fs.stream().flatMap(f -> f.convergence().stream()).toList()));

    List<Integer> lengths = q.latencyLengths();
    if (!lengths.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%n## Scoring time vs history length (µs/target, %d candidates per history)%n%n", cand));
      sb.append("| model |");
      for (int l : lengths) sb.append(String.format(Locale.ROOT, " %,d |", l));
      sb.append("\n|---|").append("---:|".repeat(lengths.size())).append('\n');
      for (ModelFigures f : fs) {
        sb.append("| ").append(f.model()).append(" |");
        for (int l : lengths) sb.append(' ').append(Fmt.micros(f.sweepMicros(l))).append(" |");
        sb.append('\n');
      }
      sb.append("\nEach model at its chosen setting with `max_seq_len` set to the length (models without that key read a fixed "
          + "window, e.g. `din` its `short_seq_len`), untrained parameters (shapes set the cost), a synthetic history of exactly "
          + "that many events drawn from the dataset's event log; same threads and timing as above.\n");
    }

    if (q.grid().settings().size() > 1) {
      sb.append("\n## Grid search (seed 1, validation AUC and best/last epoch; chosen in bold)\n\n| model |");
      for (Grid.Setting s : q.grid().settings()) sb.append(' ').append(s.label()).append(" |");
      sb.append("\n|---|").append("---:|".repeat(q.grid().settings().size())).append('\n');
      for (ModelRuns mr : r.runs()) {
        sb.append("| ").append(mr.model()).append(" |");
        for (CellResult t : mr.trials()) {
          Convergence cv = t.run().convergence();
          String v = String.format(Locale.ROOT, "%.4f", t.run().valid().auc()) + (cv == null ? "" : ", " + cv.label());
          sb.append(' ').append(bold(v, t.cell().setting().equals(mr.chosen()))).append(" |");
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static double best(List<ModelFigures> fs, ToDoubleFunction<ModelFigures> f, boolean higher) {
    double b = Double.NaN;
    for (ModelFigures x : fs) {
      double v = f.applyAsDouble(x);
      if (Double.isNaN(v)) continue;
      if (Double.isNaN(b) || (higher ? v > b : v < b)) b = v;
    }
    return b;
  }

  private static String bold(String s, boolean on) { return on ? "**" + s + "**" : s; }
}
