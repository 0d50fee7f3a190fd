package org.r2led.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: to be implemented. */
@Command(name = "export-samples", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class ExportSamplesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("export-samples is not implemented yet");
  }
}
