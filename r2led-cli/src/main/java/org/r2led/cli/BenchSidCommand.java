package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "sid", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class BenchSidCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("sid is not implemented yet");
  }
}
