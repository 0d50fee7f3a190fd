package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class BenchTrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("train is not implemented yet");
  }
}
