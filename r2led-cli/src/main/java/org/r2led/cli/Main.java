package org.r2led.cli;

import org.r2led.io.Progress;
import org.r2led.nn.NativeMemory;
import org.r2led.options.CommandErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code r2led} command-line tool. */
@Command(
    name = "r2led",
    mixinStandardHelpOptions = true,
    version = "r2led 0.1.0",
    description = "Lifelong user modeling for CTR prediction: data preparation, Semantic IDs, "
        + "training and evaluation of R2LED and its baselines.",
    subcommands = {
      QuickstartCommand.class,
      DataCommand.class,
      SidCommand.class,
      ModelsCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      SeqrecCommand.class,
      ExportCommand.class,
      ExportSamplesCommand.class,
      ServeCommand.class,
      StoreCommand.class,
      LearnCommand.class,
      RetrieveCommand.class,
      RecommendCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Builds the command line with the project's error handling (clear message, no stack trace); progress bars
   * of the library print on stderr.
   */
  public static CommandLine commandLine() {
    Progress.printByDefaultTo(() -> System.err);
    return CommandErrors.install(new CommandLine(new Main()));
  }

  /**
   * Runs the tool. The application's process-wide setting is made here, not by the library: the C
   * allocator keeps freed tensor memory for reuse ({@link NativeMemory#retainFreedMemory}; off with
   * {@code -Dr2led.malloc.retain=false}, which {@code R2LED_MAX_MEMORY} sets).
   */
  public static void main(String[] args) {
    NativeMemory.retainFreedMemory();
    int code = commandLine().execute(args);
    System.exit(code);
  }
}
