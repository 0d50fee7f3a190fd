package org.r2led.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.data.Split;
import org.r2led.nextitem.RankingReport;
import org.r2led.nextitem.TargetSlice;
import org.r2led.seqrec.SeqRecEvaluation;
import org.r2led.seqrec.SeqRecMetrics;
import org.r2led.seqrec.SeqRecRunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led seqrec evaluate}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Reload a seqrec run's best parameters and print HR@K and NDCG@K (K=5,10,20) under both candidate "
        + "protocols (full catalog; 100 sampled negatives), checking them against the values train logged.")
public final class SeqrecEvaluateCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "run directory written by `r2led seqrec train`")
  Path run;

  @Option(names = "--split", defaultValue = "test", description = "valid or test (default: ${DEFAULT-VALUE})")
  String split;

  @Option(names = "--targets", defaultValue = "all", description = "all, repeat (only users whose target is already "
      + "in their history) or new (only the others); default: ${DEFAULT-VALUE}")
  String targets;

  @Option(names = "--no-progress", description = "do not draw the progress bar")
  boolean noProgress;

  @Override
  public Integer call() {
    Split s = Split.parse(split);
    TargetSlice slice = TargetSlice.parse("--targets", targets);
    SeqRecMetrics m = SeqRecEvaluation.evaluate(run, s, slice, !noProgress);
    String name = s.name().toLowerCase(Locale.ROOT);
    System.out.println(name + (slice == TargetSlice.ALL ? "" : ", " + slice.label() + " targets only") + " ("
        + m.fullCatalog().users() + " users, candidate protocol named first on each line):");
    System.out.println(m.format());
    if (slice != TargetSlice.ALL) return 0;
    boolean same = same(m.fullCatalog(), name, "full_catalog") && same(m.sampled(), name, "sampled_100");
    System.out.println(same ? "equals the metrics logged by train" : "DIFFERS from the metrics logged by train");
    return same ? 0 : 1;
  }

  private boolean same(RankingReport r, String split, String protocol) {
    for (int k : SeqRecMetrics.CUTOFFS) {
      if (Math.abs(r.hr(k) - SeqRecRunFiles.logged(run, split, protocol, "HR@" + k)) > 1e-9) return false;
      if (Math.abs(r.ndcg(k) - SeqRecRunFiles.logged(run, split, protocol, "NDCG@" + k)) > 1e-9) return false;
    }
    return true;
  }
}
