package org.r2led.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r2led.bench.IntraOpThreads;
import org.r2led.bench.ScoringProfile;
import org.r2led.nn.Profile;
import org.r2led.serving.ScoringModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led bench scoring}: where one in-process scoring request of an exported model spends its time. */
@Command(name = "scoring", mixinStandardHelpOptions = true,
    description = "Profile in-process scoring of an exported model (ScoringModel.score) on one thread: a synthetic user "
        + "of each history length against random vocabulary candidates; prints the median time per request of each phase "
        + "(query mapping, history window, retrieval, route statistics, token batch, forward blocks, read-back).")
public final class BenchScoringCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "model directory written by `r2led export`")
  Path model;

  @Option(names = "--history", split = ",", defaultValue = "1000,10000", description = "events per synthetic user (default: ${DEFAULT-VALUE})")
  List<Integer> histories;

  @Option(names = "--candidates", defaultValue = "100", description = "candidates per request (default: ${DEFAULT-VALUE})")
  int candidates;

  @Option(names = "--warmup", defaultValue = "50", description = "untimed calls first (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--calls", defaultValue = "200", description = "timed calls (default: ${DEFAULT-VALUE})")
  int calls;

  @Option(names = "--threads", defaultValue = "1", description = "PyTorch intra-op threads while timing (serving uses 1; default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--cpu-clock", description = "time phases by the scoring thread's CPU time instead of wall time "
      + "(with one intra-op thread all work runs on that thread, so other load on the machine does not count)")
  boolean cpuClock;

  @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic user and candidates (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    if (candidates < 1 || calls < 1 || warmup < 0 || threads < 1) {
      throw new IllegalArgumentException("--candidates, --calls and --threads must be >= 1, --warmup >= 0");
    }
    for (int h : histories) if (h < 0 || h > 1_000_000) throw new IllegalArgumentException("--history must be in 0..1000000, got " + h);
    ScoringModel m = ScoringModel.load(model);
    boolean wasCpu = Profile.cpuClock();
    Profile.useCpuClock(cpuClock);
    try {
      print(m);
    } finally {
      Profile.useCpuClock(wasCpu);
    }
    return 0;
  }

  private void print(ScoringModel m) {
    for (int h : histories) {
      ScoringProfile.Result r = IntraOpThreads.with(threads, () -> ScoringProfile.run(m, h, candidates, warmup, calls, seed));
      System.out.printf(Locale.ROOT, "%s, history %,d, %d candidates, %d intra-op thread(s), %s: median %.2f ms, p90 %.2f ms per request "
          + "(%d calls after %d warm-up)%n", m.manifest().model(), h, candidates, threads, cpuClock ? "thread CPU time" : "wall time",
          r.medianMs(), r.p90Ms(), r.calls(), r.warmup());
      System.out.println("| phase | median ms/request |");
      System.out.println("|---|---:|");
      for (Map.Entry<String, Double> e : r.sections().entrySet()) {
        System.out.printf(Locale.ROOT, "| %s | %.3f |%n", e.getKey(), e.getValue());
      }
      System.out.println();
    }
  }
}
