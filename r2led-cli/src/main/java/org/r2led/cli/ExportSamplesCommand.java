package org.r2led.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.data.export.SampleExporter;
import org.r2led.sid.SidTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led export-samples}: the exact samples of one split as plain TSV. */
@Command(name = "export-samples", mixinStandardHelpOptions = true,
    description = {"Writes the exact samples of one split as UTF-8 TSV so other toolkits can train on identical data:",
        "  samples-<split>.tsv  user label item category hist_items hist_categories ts hist_behaviors hist_ts",
        "                       (ts: target time; histories oldest -> newest, space-separated, equal lengths;",
        "                       dense ids, behavior codes 1-based, Unix seconds)",
        "  items.tsv            item category sid (SID codes joined by '-', empty without --sids)"})
public final class ExportSamplesCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "prepared dataset directory")
  Path data;

  @Option(names = "--sids", description = "SID table directory (must be built for this dataset)")
  Path sids;

  @Option(names = "--split", required = true, description = "train, valid or test")
  String split;

  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Option(names = "--no-progress", description = "do not show a progress bar")
  boolean noProgress;

  @Override
  public Integer call() {
    Split s = Split.parse(split);
    PreparedDataset ds = PreparedDataset.open(data);
    SidTable table = sids == null ? null : SidTable.load(sids, ds.manifest().fingerprint());
    SampleExporter.Result r = SampleExporter.export(ds, table, s, out, !noProgress);
    System.out.printf("exported %d %s samples (%d history events) to %s%n", r.samples(), s.id(), r.historyEvents(),
        r.samplesFile());
    System.out.printf("wrote %d items%s to %s%n", r.items(), r.withSids() ? " with SIDs" : "", r.itemsFile());
    return 0;
  }
}
