package org.r2led.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One {@code local[2]} Spark session per test class (starting one costs seconds). */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSessions.create("local[2]", "r2led-test");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }
}
