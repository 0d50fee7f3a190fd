package org.r2led.cli;

import java.io.PrintWriter;
import org.r2led.nn.NativeMemory;
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

  /** Builds the command line with the project's error handling (clear message, no stack trace). */
  public static CommandLine commandLine() {
    return withErrorHandling(new CommandLine(new Main()));
  }

  /** Gives {@code cl} the project's error handling: {@code error: message} and exit code 2 (stack trace with -Dr2led.debug=true). */
  public static CommandLine withErrorHandling(CommandLine cl) {
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("error: " + describe(ex));
      if (Boolean.getBoolean("r2led.debug")) ex.printStackTrace(err);
      err.flush();
      return 2;
    });
    return cl;
  }

  static String describe(Throwable ex) {
    String msg = ex.getMessage();
    if (msg == null || msg.isBlank()) msg = ex.getClass().getSimpleName();
    Throwable c = ex.getCause();
    if (c != null && c.getMessage() != null && !msg.contains(c.getMessage())) msg += " (" + c.getMessage() + ")";
    return msg;
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
