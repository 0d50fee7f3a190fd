package org.r2led.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark session of a job: local mode by default, quiet, with settings the jobs rely on. */
public final class SparkSessions {
  private SparkSessions() {}

  /** The default master: all local cores. */
  public static final String DEFAULT_MASTER = "local[*]";

  /**
   * A session for {@code master} ({@code local[2]}, {@code spark://host:7077}, {@code yarn}, ...; null
   * keeps what {@code spark-submit} set). The web UI is off in local mode.
   */
  public static SparkSession create(String master, String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName)
        .config("spark.sql.adaptive.enabled", "false");
    if (master != null) {
      b.master(master);
      if (master.startsWith("local")) {
        b.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "8");
      }
    }
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    return s;
  }

  /** Default number of partitions: 4 per core Spark reports (at least 2). */
  public static int defaultPartitions(SparkSession spark) {
    return Math.max(2, 4 * spark.sparkContext().defaultParallelism());
  }
}
