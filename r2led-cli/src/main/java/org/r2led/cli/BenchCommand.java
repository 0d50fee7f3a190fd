package org.r2led.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bench} command group. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that print measured figures.",
    subcommands = {BenchSynthCommand.class, BenchSidCommand.class, BenchRetrievalCommand.class, BenchTrainCommand.class, BenchSummarizeCommand.class,
        BenchModelsCommand.class, BenchServeCommand.class, BenchScoringCommand.class, BenchReplayCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
