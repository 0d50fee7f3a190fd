package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "build", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class SidBuildCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("build is not implemented yet");
  }
}
