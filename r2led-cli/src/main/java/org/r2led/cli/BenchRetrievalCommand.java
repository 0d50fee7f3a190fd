package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "retrieval", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class BenchRetrievalCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("retrieval is not implemented yet");
  }
}
