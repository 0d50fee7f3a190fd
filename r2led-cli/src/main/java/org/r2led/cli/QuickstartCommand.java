package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "quickstart", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class QuickstartCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("quickstart is not implemented yet");
  }
}
