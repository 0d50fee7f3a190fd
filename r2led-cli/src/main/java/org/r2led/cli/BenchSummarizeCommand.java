package org.r2led.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.eval.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code r2led bench summarize ROOT}: mean ± std of finished runs, grouped by parent directory. */
@Command(name = "summarize", mixinStandardHelpOptions = true,
    description = "Aggregate finished runs under ROOT (every directory with a metrics.json; the group is the "
        + "run's parent directory, e.g. ROOT/r2led/seed1) into a Markdown table of mean ± std.")
public final class BenchSummarizeCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "root directory of the runs")
  Path root;

  @Option(names = "--out", description = "also write the table to this Markdown file")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<RunSummary.Group> groups = RunSummary.collect(root);
    String md = RunSummary.toMarkdown(groups);
    System.out.print(md);
    if (out != null) {
      if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, md);
    }
    return 0;
  }
}
