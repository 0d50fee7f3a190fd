package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class DataStatsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("stats is not implemented yet");
  }
}
