package org.r2led.spark.cli;

import org.apache.spark.sql.SparkSession;
import org.r2led.spark.SparkSessions;
import picocli.CommandLine.Option;

/** Options every Spark job takes: where it runs and how finely it splits the work (a picocli mixin). */
public final class SparkOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[*] (default: all local cores), local[2], spark://host:7077, yarn, k8s://...;"
          + " 'submit' keeps what spark-submit set.")
  String master = SparkSessions.DEFAULT_MASTER;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the parse and per-user passes (default: 4 per core of the cluster).")
  Integer partitions;

  /** The session these options ask for. */
  public SparkSession session(String app) {
    return SparkSessions.create(master.equals("submit") ? null : master, app);
  }

  /** The partitions to use with {@code spark}. */
  public int partitions(SparkSession spark) {
    if (partitions != null && partitions < 1) throw new IllegalArgumentException("--partitions " + partitions + ": expected >= 1");
    return partitions != null ? partitions : SparkSessions.defaultPartitions(spark);
  }
}
