package org.r2led.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.data.PreparedDataset;
import org.r2led.spark.bench.EventsCsvExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led spark events-csv}: a prepared (e.g. synthetic) dataset's events as a raw generic CSV, for scale runs. */
@Command(name = "events-csv", mixinStandardHelpOptions = true,
    description = "Write a prepared dataset's event sequences as a raw events file (" + EventsCsvExport.HEADER + "),"
        + " the input of `data prepare --source csv` and `spark prepare --source csv` in scale measurements"
        + " (docs/scale.md). --heavy-user-events adds one user with that many events (skew).")
public final class SynthEventsCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "DIR", description = "prepared dataset (e.g. `data synth` output)")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "events file to write")
  Path out;

  @Option(names = "--heavy-user-events", defaultValue = "0", paramLabel = "N",
      description = "events of one extra user (default: ${DEFAULT-VALUE})")
  long heavy;

  @Override
  public Integer call() {
    long n = EventsCsvExport.write(PreparedDataset.open(data), out, heavy);
    System.out.printf("wrote %,d events to %s%n", n, out);
    return 0;
  }
}
