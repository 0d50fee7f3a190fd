package org.r2led.spark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareRequest;
import org.r2led.data.protocol.PrepareResult;
import org.r2led.data.source.BadInputException;
import org.r2led.data.source.SourceFormat;
import org.r2led.spark.SparkTestBase;

/**
 * The Spark job on generated generic CSV input: bad rows (strict and skipped) as the local reader
 * reports them, and a skewed input (one user with most of the events) prepared equal to the local path.
 */
class SparkPrepareRowsTest extends SparkTestBase {

  /** Events of {@code users} users with {@code perUser} events each, plus {@code heavy} events of user "whale". */
  static Path events(Path dir, int users, int perUser, int heavy, Map<Integer, String> replaceLines) throws Exception {
    Path f = dir.resolve("events.csv");
    int line = 1;
    try (BufferedWriter w = Files.newBufferedWriter(f)) {
      w.write("user,item,behavior,timestamp\n");
      for (int u = 0; u < users + 1; u++) {
        int n = u < users ? perUser : heavy;
        String user = u < users ? "u" + u : "whale";
        for (int k = 0; k < n; k++) {
          line++;
          String row = user + ",i" + ((u * 31 + k * 7) % 97) + "," + (k % 5 == 0 ? "buy" : "pv") + "," + (1_600_000_000L + k * 600L + u);
          w.write(replaceLines.getOrDefault(line, row));
          w.write('\n');
        }
      }
    }
    return f;
  }

  @Test
  void badRowFailsWithTheLocalMessage(@TempDir Path tmp) throws Exception {
    Path in = events(tmp, 20, 30, 0, Map.of(77, "u2,i5,pv,yesterday"));
    PrepareRequest local = PrepareRequest.of(SourceFormat.CSV, in, tmp.resolve("local"));
    PrepareRequest dist = PrepareRequest.of(SourceFormat.CSV, in, tmp.resolve("spark"));
    BadInputException a = assertThrows(BadInputException.class, () -> DatasetPreparer.prepare(local, null));
    BadInputException b = assertThrows(BadInputException.class, () -> SparkPrepare.run(spark, dist, 3, null));
    assertEquals(a.getMessage(), b.getMessage());
    assertTrue(b.getMessage().startsWith("events.csv:77: non-numeric timestamp 'yesterday'"), b.getMessage());
  }

  @Test
  void skippedBadRowsAreCountedAndNamedAsLocally(@TempDir Path tmp) throws Exception {
    Path in = events(tmp, 40, 30, 0, Map.of(50, "u1,i5,pv", 900, "u29,,pv,1600000000", 1100, "u36,i1,pv,1600000000000"));
    PrepareResult local = DatasetPreparer.prepare(
        new PrepareRequest(SourceFormat.CSV, in, null, tmp.resolve("local"), true, Map.of(), false), null);
    PrepareResult dist = SparkPrepare.run(spark,
        new PrepareRequest(SourceFormat.CSV, in, null, tmp.resolve("spark"), true, Map.of(), false), 3, null);
    assertEquals(3, dist.badRowsSkipped());
    assertEquals(local.badRowExamples(), dist.badRowExamples());
    LayoutComparison.assertSameLayout(local.dir(), dist.dir());
  }

  @Test
  void tooManyBadRowsStopAsLocally(@TempDir Path tmp) throws Exception {
    Path in = events(tmp, 10, 10, 0, Map.of(5, "x", 6, "y"));
    PrepareRequest dist = new PrepareRequest(SourceFormat.CSV, in, null, tmp.resolve("spark"), true, Map.of(), false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkPrepare.run(spark, dist, 2, null));
    assertTrue(e.getMessage().startsWith("events.csv: 2 of 100 rows are bad (2.00 %)"), e.getMessage());
  }

  @Test
  void skewedUserIsPreparedAsLocally(@TempDir Path tmp) throws Exception {
    int heavy = 30_000;
    Path in = events(tmp, 50, 20, heavy, Map.of());
    PrepareResult local = DatasetPreparer.prepare(PrepareRequest.of(SourceFormat.CSV, in, tmp.resolve("local")), null);
    PrepareResult dist = SparkPrepare.run(spark, PrepareRequest.of(SourceFormat.CSV, in, tmp.resolve("spark")), 4, null);
    LayoutComparison.assertSameLayout(local.dir(), dist.dir());
    PreparedDataset ds = PreparedDataset.open(dist.dir());
    int whale = ds.numUsers() - 1; // "whale" sorts after "u..."
    assertEquals(heavy, ds.seqLength(whale));
  }
}
