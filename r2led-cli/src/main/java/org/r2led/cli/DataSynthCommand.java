package org.r2led.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r2led.data.Split;
import org.r2led.config.Config;
import org.r2led.data.synth.SynthConfig;
import org.r2led.data.synth.SynthKeys;
import org.r2led.data.synth.SynthSummary;
import org.r2led.data.synth.SyntheticGenerator;
import org.r2led.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led data synth}: generate a synthetic dataset ({@link SyntheticGenerator}). */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a synthetic lifelong-behaviour dataset in the prepared layout: hierarchical topics, Zipf item "
          + "popularity, item titles made of topic words, users with long-term and drifting short-term interests, "
          + "heavy-tailed sequence lengths, and labels from a known click model (true probabilities and true "
          + "topics are written too). Same settings and seed => byte-identical files.",
      "An existing dataset in --out with identical settings is reused unless --force is given."
    })
public final class DataSynthCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", description = "Output dataset directory (required unless --show-settings).")
  Path out;

  @Option(names = "--preset", defaultValue = "standard", paramLabel = "NAME",
      description = "Base settings: standard (10k users, 20k items, sequences 20..20,000) or quickstart "
          + "(2k users, 3k items, sequences 20..3,000). Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--users", paramLabel = "N", description = "Number of users (overrides the preset).")
  Integer users;

  @Option(names = "--items", paramLabel = "M", description = "Number of items (overrides the preset).")
  Integer items;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (overrides the preset).")
  Long seed;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override any setting, e.g. --set item_zipf=1.1 --set max_len=50000 (see --help-keys).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--show-settings", description = "Print the resolved settings as JSON and exit.")
  boolean showSettings;

  @Option(names = "--help-keys", description = "List the settings (keys, the preset's defaults, what each accepts) and exit.")
  boolean helpKeys;

  @Option(names = "--force", description = "Regenerate even if --out already holds these settings.")
  boolean force;

  @Option(names = "--quiet", description = "No progress lines on stderr.")
  boolean quiet;

  @Override
  public Integer call() {
    if (helpKeys) {
      System.out.print(KeyTable.of("synthetic generator settings (" + preset + " preset; --set key=value):", SynthKeys.preset(preset)));
      return 0;
    }
    SynthConfig cfg = resolve();
    PrintStream stdout = System.out;
    if (showSettings) {
      stdout.println(Json.toString(cfg.toMap()));
      return 0;
    }
    if (out == null) throw new IllegalArgumentException("missing required option --out=DIR (the dataset directory)");
    PrintStream progress = quiet ? null : System.err;
    SynthSummary s = force ? SyntheticGenerator.generate(cfg, out, progress)
        : SyntheticGenerator.generateOrReuse(cfg, out, progress);
    stdout.printf(Locale.ROOT, "dataset   %s%s%n", s.dir(), s.reused() ? " (reused: same settings)" : "");
    stdout.printf(Locale.ROOT, "users     %,d%nitems     %,d%nevents    %,d%n", s.users(), s.items(), s.events());
    StringBuilder splits = new StringBuilder();
    for (Split sp : Split.values()) {
      splits.append(String.format(Locale.ROOT, "%s %,d  ", sp.id(), s.manifest().count("samples_" + sp.id())));
    }
    stdout.printf(Locale.ROOT, "samples   %s%npositives %.1f%%%n", splits.toString().strip(), 100 * s.positiveRate());
    if (!s.reused()) {
      stdout.printf(Locale.ROOT, "time      %.1f s (%,.0f events/s)%n", s.seconds(), s.eventsPerSecond());
    }
    return 0;
  }

  SynthConfig resolve() {
    Config.Builder b = Config.builder();
    if (users != null) b.set(SynthKeys.USERS.name(), users, "--users " + users);
    if (items != null) b.set(SynthKeys.ITEMS.name(), items, "--items " + items);
    if (seed != null) b.set(SynthKeys.SEED.name(), seed, "--seed " + seed);
    settings.forEach((k, v) -> b.set(k, v, "--set " + k + "=" + v));
    return SynthConfig.of(b.build(SynthKeys.preset(preset)));
  }
}
