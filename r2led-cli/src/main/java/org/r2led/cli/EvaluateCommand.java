package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class EvaluateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("evaluate is not implemented yet");
  }
}
