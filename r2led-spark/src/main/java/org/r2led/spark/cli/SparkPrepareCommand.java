package org.r2led.spark.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.r2led.options.PrepareOptions;
import org.r2led.data.protocol.PrepareResult;
import org.r2led.spark.SparkProgress;
import org.r2led.spark.prepare.SparkPrepare;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code r2led spark prepare}: {@code data prepare} as a Spark job — same options, same output. */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The Spark job of `data prepare`: the same options and protocols, the same prepared layout"
        + " (byte-identical for the same input). Sources: movielens, taobao, csv (amazon: use `data prepare`);"
        + " with csv, an --input named *.parquet (file or directory) or a directory of .parquet files is read as Parquet"
        + " (generic column names, or --columns in schema order).",
    footer = {"", "Protocol parameters (--set key=value): see `r2led data prepare --help` and docs/data-formats.md.",
        "Scale-out, cluster submission and measured figures: docs/scale.md"})
public final class SparkPrepareCommand implements Callable<Integer> {
  @Mixin
  PrepareOptions options;

  @Mixin
  SparkOptions spark;

  @Override
  public Integer call() {
    SparkSession s = spark.session("r2led spark prepare");
    try (SparkProgress p = SparkProgress.attach(s, System.err)) {
      PrepareResult r = SparkPrepare.run(s, options.request(), spark.partitions(s), System.err);
      System.out.println((r.upToDate() ? "up to date: " : "prepared: ") + r.dir().toAbsolutePath());
      System.out.println("fingerprint: " + r.manifest().fingerprint());
      return 0;
    } finally {
      s.stop();
    }
  }
}
