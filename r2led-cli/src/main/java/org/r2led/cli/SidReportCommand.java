package org.r2led.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.sid.SidReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code r2led sid report DIR}: prints a SID build's Markdown report. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Print the report of a SID build directory (rendered from report.json).")
public final class SidReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "output directory of `r2led sid build`")
  Path dir;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(dir.resolve(SidReport.JSON_FILE))) {
      throw new IllegalArgumentException(dir + " has no " + SidReport.JSON_FILE + " (create it with `r2led sid build`)");
    }
    System.out.print(SidReport.read(dir).toMarkdown());
    return 0;
  }
}
