package org.r2led.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.config.KeySet;
import org.r2led.model.ModelRegistry;
import org.r2led.model.ModelSpec;
import org.r2led.train.TrainKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code r2led models}: every registered model with its hyper-parameter keys and defaults. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the models (name, summary, hyper-parameter keys with defaults) and the training keys every run accepts.")
public final class ModelsCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "MODEL", description = "models to describe (default: all)")
  java.util.List<String> names = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    StringBuilder out = new StringBuilder();
    if (names.isEmpty()) {
      out.append("Models (./r2led models NAME for one model's keys):\n\n");
      for (ModelSpec s : ModelRegistry.builtIn().specs()) out.append(String.format(Locale.ROOT, "  %-26s %s%n", s.name(), s.summary()));
      out.append("\n");
      for (ModelSpec s : ModelRegistry.builtIn().specs()) describe(out, s);
    } else {
      for (String n : names) describe(out, ModelRegistry.builtIn().spec(n));
    }
    out.append("training keys (every model; --set key=value):\n");
    KeyTable.append(out, TrainKeys.ALL);
    System.out.print(out);
    return 0;
  }

  private static void describe(StringBuilder out, ModelSpec s) { describe(out, s.name(), s.summary(), s.keys()); }

  /** One registered model (of any task): its name and summary, then its keys. */
  static void describe(StringBuilder out, String name, String summary, KeySet keys) {
    out.append(name).append(" — ").append(summary).append('\n');
    keys(out, keys);
    out.append('\n');
  }

  /** The table of {@code keys} (name, default, doc, expected values). */
  static void keys(StringBuilder out, KeySet keys) { KeyTable.append(out, keys); }
}
