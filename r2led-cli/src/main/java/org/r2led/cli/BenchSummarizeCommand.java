package org.r2led.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.eval.RunSummary;
import org.r2led.io.ToolFile;
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

  @Option(names = "--out", description = "also write the table to this Markdown file (replaces only a file this command wrote)")
  Path out;

  @Override
  public Integer call() {
    // an existing file is replaced only when it is this command's: its header line, or (earlier versions) the table's first line
    ToolFile file = out == null ? null : ToolFile.markdown(out, "bench summarize", h -> h.startsWith(RunSummary.TABLE_HEADER + "\n"));
    if (file != null) ToolFile.check(List.of(file));
    String md = RunSummary.toMarkdown(RunSummary.collect(root));
    System.out.print(md);
    if (file != null) file.write((ToolFile.markdownHeader("bench summarize") + "\n\n" + md).getBytes(StandardCharsets.UTF_8));
    return 0;
  }
}
