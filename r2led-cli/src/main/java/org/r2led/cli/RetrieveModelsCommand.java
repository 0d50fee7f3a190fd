package org.r2led.cli;

import java.util.concurrent.Callable;
import org.r2led.recall.RecallConfig;
import org.r2led.recall.RecallModels;
import picocli.CommandLine.Command;

/** {@code r2led retrieve models}: lists the retrieval models and their keys. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the retrieval models, presets and keys.")
public final class RetrieveModelsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    for (RecallModels.Entry e : RecallModels.all().values()) {
      System.out.printf("%-20s %s%s%n", e.name(), e.description(), e.preset().isEmpty() ? "" : "  " + e.preset());
    }
    System.out.println();
    System.out.println("keys (--set key=value) and defaults:");
    RecallConfig.DEFAULTS.forEach((k, v) -> System.out.printf("  %-22s %s%n", k, v));
    return 0;
  }
}
