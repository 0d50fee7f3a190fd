package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "synth", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class BenchSynthCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("synth is not implemented yet");
  }
}
