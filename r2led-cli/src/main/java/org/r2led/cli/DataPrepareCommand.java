package org.r2led.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareRequest;
import org.r2led.data.protocol.PrepareResult;
import org.r2led.data.source.SourceFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led data prepare}: real logs → prepared lifelong dataset (thin wrapper over {@link DatasetPreparer}). */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Read MovieLens, Taobao UserBehavior or generic CSV/TSV logs, apply the source's protocol"
        + " (labels, negatives, warm-up, splits) and write the prepared dataset layout. Unchanged inputs and"
        + " parameters reuse the existing output (\"up to date\").", "",
        "Parameters (--set key=value):",
        "  all:       duplicates=drop|keep",
        "  rating:    rating.threshold=4.0, split.valid_fraction=0.1, split.test_fraction=0.1",
        "  click:     seed=42, click.target_behavior=pv|auto, click.warmup=10, click.negatives=1,",
        "             click.utc_offset_hours (taobao 8, csv 0), click.window_start, click.window_end,",
        "             click.valid_start, click.test_start (Unix seconds or auto)",
        "  movielens: movielens.max_tags=10",
        "  csv:       csv.delimiter=auto|tab|comma|<char>, csv.items_delimiter=auto|...",
        "See docs/data-formats.md for the formats and protocols."})
public final class DataPrepareCommand implements Callable<Integer> {
  @Option(names = "--source", required = true, paramLabel = "movielens|taobao|csv",
      description = "Source format.", converter = SourceConverter.class)
  SourceFormat source;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "MovieLens directory, Taobao CSV file, or generic events file.")
  Path input;

  @Option(names = "--items", paramLabel = "PATH", description = "Generic items file (csv only): item,category,text.")
  Path items;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output dataset directory.")
  Path out;

  @Option(names = "--skip-bad-rows", description = "Skip malformed rows (count and first examples are reported) instead of failing.")
  boolean skipBadRows;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of negative sampling (click protocol); same as --set seed=N.")
  Long seed;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a protocol parameter (repeatable).")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--force", description = "Rebuild even when the output is up to date.")
  boolean force;

  @Override
  public Integer call() {
    Map<String, String> overrides = new LinkedHashMap<>(set);
    if (seed != null) overrides.put("seed", seed.toString());
    PrepareResult r = DatasetPreparer.prepare(
        new PrepareRequest(source, input, items, out, skipBadRows, overrides, force), System.err);
    System.out.println((r.upToDate() ? "up to date: " : "prepared: ") + r.dir().toAbsolutePath());
    System.out.println("fingerprint: " + r.manifest().fingerprint());
    return 0;
  }

  static final class SourceConverter implements picocli.CommandLine.ITypeConverter<SourceFormat> {
    @Override
    public SourceFormat convert(String value) {
      return SourceFormat.parse(value);
    }
  }
}
