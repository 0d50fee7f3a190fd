package org.r2led.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.seqrec.BackboneSpec;
import org.r2led.seqrec.Backbones;
import org.r2led.seqrec.SeqRecKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code r2led seqrec models}: lists the sequence encoders (backbones), the enhancements and the keys with defaults. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the sequential backbones and enhancements; with names, each backbone's own keys.")
public final class SeqrecModelsCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "BACKBONE", description = "backbones to describe (default: all, then every key)")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    StringBuilder out = new StringBuilder();
    if (names.isEmpty()) {
      out.append("Sequential backbones (--backbone; seqrec models NAME for its own keys):\n\n");
      for (BackboneSpec s : Backbones.all().values()) out.append(String.format(Locale.ROOT, "  %-10s %s%n", s.name(), s.summary()));
      out.append("\nenhancements (--enhance): ").append(String.join(", ", SeqRecKeys.ENHANCE.choices())).append(" — ")
          .append(SeqRecKeys.ENHANCE.doc()).append("\n\nkeys (every backbone; --set key=value):\n");
      ModelsCommand.keys(out, SeqRecKeys.ALL);
    } else {
      for (String n : names) {
        BackboneSpec s = Backbones.spec(n);
        ModelsCommand.describe(out, s.name(), s.summary(), s.keys());
      }
    }
    System.out.print(out);
    return 0;
  }
}
