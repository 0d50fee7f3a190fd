package org.r2led.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.data.PreparedDataset;
import org.r2led.data.stats.DatasetStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code r2led data stats}: statistics of a prepared dataset (thin wrapper over {@link DatasetStats}). */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Print users, items, categories, events, samples and positive rate per split, the per-user"
        + " sequence-length and history-length distributions (min/median/p90/p99/max) and, on synthetic data,"
        + " the oracle AUC/LogLoss/GAUC. Writes nothing: the dataset may be read-only.")
public final class DataStatsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Prepared dataset directory.")
  Path dir;

  @Option(names = "--json", description = "Print JSON instead of Markdown.")
  boolean json;

  @Override
  public Integer call() {
    DatasetStats s = DatasetStats.compute(PreparedDataset.open(dir));
    System.out.print(json ? s.toJson() + System.lineSeparator() : s.toMarkdown());
    return 0;
  }
}
