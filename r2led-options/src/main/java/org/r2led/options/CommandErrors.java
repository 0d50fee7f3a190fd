package org.r2led.options;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The error handling of the r2led command lines ({@code r2led} and {@code r2led spark}): a failed
 * command prints {@code error: message} (with its cause's message when that adds something) and exits
 * with code 2; {@code -Dr2led.debug=true} adds the stack trace.
 */
public final class CommandErrors {
  private CommandErrors() {}

  /** Gives {@code cl} this error handling; returns it. */
  public static CommandLine install(CommandLine cl) {
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("error: " + describe(ex));
      if (Boolean.getBoolean("r2led.debug")) ex.printStackTrace(err);
      err.flush();
      return 2;
    });
    return cl;
  }

  /** The message of {@code ex}, or its class name when it has none, plus its cause's message in parentheses. */
  static String describe(Throwable ex) {
    String msg = ex.getMessage();
    if (msg == null || msg.isBlank()) msg = ex.getClass().getSimpleName();
    Throwable c = ex.getCause();
    if (c != null && c.getMessage() != null && !msg.contains(c.getMessage())) msg += " (" + c.getMessage() + ")";
    return msg;
  }
}
