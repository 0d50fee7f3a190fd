package org.r2led.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r2led.data.Split;
import org.r2led.io.Progress;
import org.r2led.recall.RecallEvaluation;
import org.r2led.recall.RecallRun;
import picocli.CommandLine.Command;
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

  @Override
  public Integer call() {
    RecallRun.Loaded l = RecallRun.load(run);
    Split s = Split.parse(split);
    if (s == Split.TRAIN) throw new IllegalArgumentException("--split train: evaluate on valid or test");
    var ex = l.data().examples(s);
    try (Progress p = Progress.builder("evaluate " + s).total(ex.size()).unit("users").build()) {
      RecallEvaluation e = RecallEvaluation.of(l.retriever(), ex, p, cutoffs);
      System.out.println(l.info().model() + " on " + l.info().dataset() + ", " + s + ":");
      System.out.print(e.report().format());
      System.out.printf(Locale.ROOT, "latency per user: mean %.2f ms, p99 %.2f ms%n", e.meanMillis(), e.p99Millis());
    }
    return 0;
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
