package org.r2led.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.data.Split;
import org.r2led.train.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led evaluate}: re-computes a run's metrics from its best checkpoint. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Reload a run's best checkpoint and compute AUC, LogLoss and GAUC on a split; for test/valid, "
        + "also check they equal the metrics logged by train.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "run directory written by `r2led train`")
  Path run;

  @Option(names = "--split", defaultValue = "test", description = "train, valid or test (default: ${DEFAULT-VALUE})")
  String split;

  @Option(names = "--no-progress", description = "do not draw the progress bar")
  boolean noProgress;

  @Override
  public Integer call() {
    Evaluator.Result r = Evaluator.evaluate(run, Split.parse(split), !noProgress);
    System.out.println(r.split() + ": " + r.metrics());
    if (r.oracle() != null) {
      System.out.printf(java.util.Locale.ROOT, "oracle (true probabilities): %s; AUC gap to oracle %.5f%n", r.oracle(),
          r.oracle().auc() - r.metrics().auc());
    }
    if (r.logged() != null) {
      System.out.println("logged by train: " + r.logged() + (r.reproducesLogged() ? "  (reproduced exactly)" : "  (DIFFERENT)"));
      return r.reproducesLogged() ? 0 : 1;
    }
    return 0;
  }
}
