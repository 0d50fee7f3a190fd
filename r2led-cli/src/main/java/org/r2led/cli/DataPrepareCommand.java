package org.r2led.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareResult;
import org.r2led.data.protocol.ProtocolKeys;
import org.r2led.data.source.SourceData;
import org.r2led.data.source.SourceFormat;
import org.r2led.options.PrepareOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r2led data prepare}: real logs → prepared lifelong dataset (thin wrapper over {@link DatasetPreparer}). */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Read MovieLens, Taobao UserBehavior, Amazon reviews or generic CSV/TSV logs, apply the source's protocol"
        + " (labels, negatives, warm-up, splits) and write the prepared dataset layout. Unchanged inputs and"
        + " parameters reuse the existing output (\"up to date\").",
    footer = {"", "Protocol parameters: --set key=value, all recorded in manifest.json; --help-keys lists each source's",
        "keys with their defaults (--help-keys --source NAME for one source).",
        "Formats and protocols: docs/data-formats.md"})
public final class DataPrepareCommand implements Callable<Integer> {
  @Mixin
  PrepareOptions options;

  @Option(names = "--help-keys", help = true,
      description = "List the protocol parameters of each source (or of --source) with their defaults, and exit.")
  boolean helpKeys;

  @Override
  public Integer call() {
    if (helpKeys) {
      System.out.print(keyListing(options.source()));
      return 0;
    }
    PrepareResult r = DatasetPreparer.prepare(options.request(), System.err);
    System.out.println((r.upToDate() ? "up to date: " : "prepared: ") + r.dir().toAbsolutePath());
    System.out.println("fingerprint: " + r.manifest().fingerprint());
    return 0;
  }

  /** The keys of every source format and label source (only {@code format}'s when not null). */
  static String keyListing(SourceFormat format) {
    StringBuilder out = new StringBuilder();
    for (SourceFormat f : SourceFormat.values()) {
      if (format != null && f != format) continue;
      List<SourceData.Labels> labels = f == SourceFormat.CSV ? List.of(SourceData.Labels.RATING, SourceData.Labels.LABEL,
          SourceData.Labels.NONE) : List.of(f == SourceFormat.TAOBAO ? SourceData.Labels.NONE : SourceData.Labels.RATING);
      for (SourceData.Labels l : labels) {
        String from = switch (l) {
          case RATING -> "ratings";
          case LABEL -> "a label column";
          case NONE -> "behaviors (no label)";
        };
        out.append(KeyTable.of(f.id() + ", " + ProtocolKeys.protocolFor(l) + " protocol, labels from " + from + ":",
            ProtocolKeys.schema(f, l)));
      }
    }
    return out.toString();
  }
}
