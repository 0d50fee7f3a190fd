package org.r2led.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code seqrec} command group: sequential recommendation (next item) with plain or DMESR-enhanced backbones. */
@Command(
    name = "seqrec",
    mixinStandardHelpOptions = true,
    description = "Sequential recommendation on the next-item protocol: SASRec, GRU4Rec, BERT4Rec, plain or "
        + "DMESR-enhanced (docs/seqrec.md).",
    subcommands = {SeqrecTrainCommand.class, SeqrecEvaluateCommand.class, SeqrecBenchCommand.class,
        SeqrecExportCommand.class, SeqrecModelsCommand.class})
public final class SeqrecCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
