package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class SidReportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("report is not implemented yet");
  }
}
