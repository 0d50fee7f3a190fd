package org.r2led.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code data} command group. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Prepare datasets: read real logs, generate synthetic data, print statistics.",
    subcommands = {DataPrepareCommand.class, DataStatsCommand.class, DataSynthCommand.class})
public final class DataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
