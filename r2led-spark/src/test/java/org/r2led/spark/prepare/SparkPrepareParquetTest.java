package org.r2led.spark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareRequest;
import org.r2led.data.protocol.PrepareResult;
import org.r2led.data.source.BadInputException;
import org.r2led.data.source.SourceFormat;
import org.r2led.spark.SparkTestBase;

/**
 * Parquet events: a CSV written as Parquet by Spark prepares (Spark job) to the same layout as the CSV
 * itself with {@code data prepare}; a null item is the generic reader's bad row, named by Parquet file and row.
 */
class SparkPrepareParquetTest extends SparkTestBase {

  /** Writes the CSV (header row) as one Parquet file in {@code dir/events.parquet/}. */
  private static Path toParquet(Path csv, Path dir) {
    Path out = dir.resolve("events.parquet");
    spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
        .coalesce(1).write().parquet(out.toString());
    return out;
  }

  private static PrepareRequest request(Path in, Path out, boolean skip) {
    return new PrepareRequest(SourceFormat.CSV, in, null, out, skip, Map.of(), false);
  }

  @Test
  void parquetEqualsLocalCsv(@TempDir Path tmp) throws Exception {
    Path csv = SparkPrepareRowsTest.events(tmp, 40, 25, 300, Map.of());
    Path parquet = toParquet(csv, tmp);
    PrepareResult local = DatasetPreparer.prepare(request(csv, tmp.resolve("local"), false), null);
    PrepareResult dist = SparkPrepare.run(spark, request(parquet, tmp.resolve("spark"), false), 3, null);
    LayoutComparison.assertSameLayout(local.dir(), dist.dir(), false);
  }

  @Test
  void movieLensRatingsAsParquetEqualLocalCsv(@TempDir Path tmp) throws Exception {
    Path ratings = SparkPrepareEqualityTest.SHARED.resolve("movielens-latest-small/ratings.csv");
    assumeTrue(Files.isRegularFile(ratings), "shared MovieLens data absent: " + ratings);
    List<String> lines = new ArrayList<>(Files.readAllLines(ratings));
    lines.set(0, "user,item,rating,timestamp");
    Path csv = tmp.resolve("ratings.csv");
    Files.write(csv, lines);
    Path parquet = toParquet(csv, tmp);
    PrepareResult local = DatasetPreparer.prepare(request(csv, tmp.resolve("local"), false), null);
    PrepareResult dist = SparkPrepare.run(spark, request(parquet, tmp.resolve("spark"), false), 3, null);
    LayoutComparison.assertSameLayout(local.dir(), dist.dir(), false);
  }

  @Test
  void nullItemIsABadRowNamedByFileAndRow(@TempDir Path tmp) throws Exception {
    Path csv = SparkPrepareRowsTest.events(tmp, 20, 30, 0, Map.of(77, "u2,,pv,1600000000"));
    Path parquet = toParquet(csv, tmp);
    BadInputException e = assertThrows(BadInputException.class,
        () -> SparkPrepare.run(spark, request(parquet, tmp.resolve("strict"), false), 2, null));
    // CSV line 77 is the 76th data row.
    assertTrue(e.getMessage().matches("part-[^:]*\\.parquet:76: missing field 'item' \\(text: \"u2,null,pv,1600000000\"\\)"),
        e.getMessage());

    PrepareResult local = DatasetPreparer.prepare(request(csv, tmp.resolve("local"), true), null);
    PrepareResult dist = SparkPrepare.run(spark, request(parquet, tmp.resolve("skip"), true), 2, null);
    assertEquals(1, dist.badRowsSkipped());
    assertEquals(local.badRowsSkipped(), dist.badRowsSkipped());
    LayoutComparison.assertSameLayout(local.dir(), dist.dir(), false);
  }
}
