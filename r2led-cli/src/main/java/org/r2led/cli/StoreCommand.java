package org.r2led.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code store} command group: the serving event store. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "The event store that `r2led serve` reads histories from (docs/serving.md).",
    subcommands = {StoreLoadCommand.class, StoreSamplesCommand.class})
public final class StoreCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
