package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "prepare", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class DataPrepareCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("prepare is not implemented yet");
  }
}
