package org.r2led.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.recall.RecallKeys;
import org.r2led.recall.RecallModels;
import org.r2led.recall.RecallSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code r2led retrieve models}: lists the retrieval models and presets, and their keys with defaults. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the retrieval models and presets; with names, each one's keys and defaults.")
public final class RetrieveModelsCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "MODEL", description = "models to describe (default: all, then the keys)")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    StringBuilder out = new StringBuilder();
    if (names.isEmpty()) {
      out.append("Retrieval models (retrieve models NAME for one model's keys and defaults):\n\n");
      for (RecallSpec s : RecallModels.all().values()) out.append(String.format(Locale.ROOT, "  %-22s %s%n", s.name(), s.summary()));
      out.append("\nkeys (every model; --set key=value; presets change some defaults):\n");
      ModelsCommand.keys(out, RecallKeys.ALL);
    } else {
      for (String n : names) {
        RecallSpec s = RecallModels.spec(n);
        ModelsCommand.describe(out, s.name(), s.summary(), s.keys());
      }
    }
    System.out.print(out);
    return 0;
  }
}
