package org.r2led.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sid} command group. */
@Command(
    name = "sid",
    mixinStandardHelpOptions = true,
    description = "Semantic IDs: content embeddings and residual quantization.",
    subcommands = {SidEmbedCommand.class, SidBuildCommand.class, SidExtendCommand.class, SidReportCommand.class})
public final class SidCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
