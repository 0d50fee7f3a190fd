package org.r2led.cli;

import java.util.concurrent.Callable;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareResult;
import org.r2led.options.PrepareOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code r2led data prepare}: real logs → prepared lifelong dataset (thin wrapper over {@link DatasetPreparer}). */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Read MovieLens, Taobao UserBehavior, Amazon reviews or generic CSV/TSV logs, apply the source's protocol"
        + " (labels, negatives, warm-up, splits) and write the prepared dataset layout. Unchanged inputs and"
        + " parameters reuse the existing output (\"up to date\").",
    footer = {"", "Protocol parameters (--set key=value; all recorded in manifest.json):",
        "  all        duplicates=drop|keep",
        "  rating     rating.threshold=4.0  split.valid_fraction=0.1",
        "             split.test_fraction=0.1",
        "  click      seed=42  click.target_behavior=pv|auto  click.warmup=10",
        "             click.negatives=1  click.utc_offset_hours=8 (taobao), 0 (csv)",
        "             click.window_start  click.window_end  click.valid_start",
        "             click.test_start  (Unix seconds, or auto)",
        "  movielens  movielens.max_tags=10",
        "  csv        csv.delimiter=auto|tab|comma|<chars>  csv.items_delimiter=auto",
        "             csv.columns=header  csv.item_columns=header  csv.item_text=auto",
        "  reading    input.encoding=auto  input.timestamp_unit=auto",
        "             input.max_bad_rows_share=0.01  input.max_line_bytes=1048576",
        "             (set by the options above)",
        "Formats and protocols: docs/data-formats.md"})
public final class DataPrepareCommand implements Callable<Integer> {
  @Mixin
  PrepareOptions options;

  @Override
  public Integer call() {
    PrepareResult r = DatasetPreparer.prepare(options.request(), System.err);
    System.out.println((r.upToDate() ? "up to date: " : "prepared: ") + r.dir().toAbsolutePath());
    System.out.println("fingerprint: " + r.manifest().fingerprint());
    return 0;
  }
}
