package org.r2led.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r2led.bench.synth.SynthBenchmark;
import org.r2led.data.synth.SynthConfig;
import org.r2led.io.ToolFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led bench synth}: synthetic-generator throughput ({@link SynthBenchmark}). */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = "Measure synthetic-data generation throughput (events/s, MB/s) and heap use on a sizeable run; "
        + "the generated dataset is deleted afterwards unless --keep is given.")
public final class BenchSynthCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "1e7", paramLabel = "N",
      description = "Approximate number of events to generate (e.g. 1e7, 100_000_000). Default: ${DEFAULT-VALUE}.")
  String events;

  @Option(names = "--preset", defaultValue = "standard", paramLabel = "NAME",
      description = "Base settings (standard or quickstart); users are chosen to reach --events. Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override generator settings (see `data synth --show-settings`).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where to generate (default: a new temporary directory); without --keep it must be new or empty.")
  Path dir;

  @Option(names = "--keep", description = "Keep the generated dataset.")
  boolean keep;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE (replaces only such a file).")
  Path json;

  /** Keys of the --json file, by which an existing one is recognised as this command's. */
  private static final List<String> JSON_KEYS = List.of("events", "users", "events_per_second", "bytes_written", "peak_heap_bytes");

  @Override
  public Integer call() throws Exception {
    ToolFile jsonFile = json == null ? null : ToolFile.json(json, JSON_KEYS).checked();
    long target = parseCount("--events", events);
    SynthConfig cfg = SynthConfig.preset(preset).with(settings);
    Path out = dir != null ? dir : Files.createTempDirectory("r2led-bench-synth-");
    SynthBenchmark.Result r = SynthBenchmark.run(cfg, target, out, keep, System.err);
    System.out.printf(Locale.ROOT, "synthetic generator benchmark (%s preset, %d cores, Java %s)%n", preset,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    System.out.printf(Locale.ROOT, "events        %,d (%,d users, %,d samples)%n", r.events(), r.users(), r.samples());
    System.out.printf(Locale.ROOT, "time          %.2f s%n", r.seconds());
    System.out.printf(Locale.ROOT, "throughput    %,.0f events/s, %.1f MB/s written (%,.1f MB)%n",
        r.eventsPerSecond(), r.megabytesPerSecond(), r.bytesWritten() / 1e6);
    System.out.printf(Locale.ROOT, "heap          peak %,.0f MB sampled (incl. garbage), %,.0f MB live after GC, max %,.0f MB%n",
        r.peakHeapBytes() / 1e6, r.liveHeapBytes() / 1e6, r.maxHeapBytes() / 1e6);
    System.out.println("output        " + r.dir() + (r.kept() ? " (kept)" : " (deleted)"));
    if (jsonFile != null) {
      jsonFile.writeJson(r.toMap());
      System.out.println("figures       " + json);
    }
    return 0;
  }

  static long parseCount(String option, String text) {
    String t = text.trim().replace("_", "").replace(",", "");
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(t);
        if (d >= 1 && d == Math.rint(d) && d < 9e18) return (long) d;
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException(option + " '" + text + "': expected a positive whole number such as 10000000 or 1e7");
    }
  }
}
