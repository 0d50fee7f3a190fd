package org.r2led.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code retrieve} command group: the retrieval stage (next-item candidates). */
@Command(
    name = "retrieve",
    mixinStandardHelpOptions = true,
    description = "The retrieval stage: train and evaluate next-item retrieval models (ULIM and baselines).",
    subcommands = {RetrieveTrainCommand.class, RetrieveEvaluateCommand.class, RetrieveModelsCommand.class,
        RetrieveSummarizeCommand.class, RetrieveLatencyCommand.class, RetrieveExportCandidatesCommand.class})
public final class RetrieveCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
