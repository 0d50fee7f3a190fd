package org.r2led.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.bench.recall.RecallTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code r2led retrieve summarize ROOT}: the retrieval table of finished runs. */
@Command(name = "summarize", mixinStandardHelpOptions = true,
    description = "Mean ± std of finished retrieval runs ROOT/<dataset>/<model>-s<seed>/ as Markdown "
        + "(also written to ROOT/results.md, ROOT/results.csv and a chart per dataset, replacing only files it wrote).")
public final class RetrieveSummarizeCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "directory of runs")
  Path root;

  @Override
  public Integer call() {
    System.out.print(RecallTable.summarize(root));
    return 0;
  }
}
