package org.r2led.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.r2led.eval.RunSummary;
import org.r2led.train.Convergence;
import org.r2led.train.RunResult;

/**
 * The figures of one model at its chosen setting: test (and validation) metrics as mean ± sample
 * std over seeds, the median training throughput, each seed's convergence (null when not recorded),
 * its scoring timings and parameter counts, and the latency sweep.
 */
public record ModelFigures(String model, Grid.Setting setting, int seeds, Stat testAuc, Stat testLogloss, Stat testGauc,
    Stat validAuc, double trainSamplesPerSecond, List<Convergence> convergence, ScoringBench.Trained scoring,
    List<ScoringBench.Point> sweep) {
  /** Mean and sample standard deviation (0 for one value) over {@code n} values. */
  public record Stat(double mean, double std, int n) {
    static Stat of(double[] v) {
      double[] ms = RunSummary.meanStd(v);
      return new Stat(ms[0], ms[1], v.length);
    }
  }

  public ModelFigures {
    sweep = List.copyOf(sweep);
    convergence = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(convergence));
  }

  public static ModelFigures of(ModelRuns runs, ScoringBench.Trained scoring, List<ScoringBench.Point> sweep) {
    List<RunResult> rs = runs.seeds().stream().map(CellResult::run).toList();
    return new ModelFigures(runs.model(), runs.chosen(), rs.size(), stat(rs, r -> r.test().auc()), stat(rs, r -> r.test().logloss()),
        stat(rs, r -> r.test().gauc()), stat(rs, r -> r.valid().auc()),
        median(rs.stream().mapToDouble(RunResult::trainSamplesPerSecond).toArray()),
        rs.stream().map(RunResult::convergence).toList(), scoring, sweep);
  }

  private static Stat stat(List<RunResult> rs, ToDoubleFunction<RunResult> f) {
    return Stat.of(rs.stream().mapToDouble(f).toArray());
  }

  /** Median (mean of the two middle values for an even count; NaN when empty). */
  public static double median(double[] v) {
    if (v.length == 0) return Double.NaN;
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** µs per target at {@code length} in the sweep, NaN when not measured. */
  public double sweepMicros(int length) {
    for (ScoringBench.Point p : sweep) if (p.length() == length) return p.microsPerTarget();
    return Double.NaN;
  }
}
