package org.r2led.spark.cli;

import org.r2led.io.Progress;
import org.r2led.options.CommandErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code r2led spark}: the Spark jobs, in their own module and launcher class path so the core
 * command-line tool stays free of Spark. The {@code ./r2led} launcher dispatches {@code spark ...}
 * here; on a cluster, submit this class with {@code spark-submit} (docs/scale.md).
 */
@Command(name = "r2led spark", mixinStandardHelpOptions = true,
    description = "Scale-out jobs on Apache Spark (local mode by default; --master for a cluster).",
    subcommands = {SparkPrepareCommand.class, SparkEmbedCommand.class, SparkTrainCommand.class, SparkBenchTrainCommand.class,
        SynthEventsCommand.class})
public final class SparkMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    org.r2led.nn.NativeMemory.retainFreedMemory(); // as the r2led tool does (driver; local tasks run here)
    Progress.printByDefaultTo(() -> System.err);
    System.exit(CommandErrors.install(new CommandLine(new SparkMain())).execute(args));
  }
}
