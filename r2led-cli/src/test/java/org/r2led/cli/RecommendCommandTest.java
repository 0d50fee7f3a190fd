package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendCommandTest {
  @TempDir Path tmp;

  /** Column {@code col} of the printed recommendations (header skipped). */
  private static double[] column(String out, int col) {
    return out.lines().skip(1).mapToDouble(l -> Double.parseDouble(l.split("\t")[col])).toArray();
  }

  private static boolean nonIncreasing(double[] v) {
    for (int k = 1; k < v.length; k++) if (v[k] > v[k - 1]) return false;
    return true;
  }

  @Test
  void retrievalWeightMovesTheFinalOrderFromTheRankerToTheRetriever() throws Exception {
    Path run = tmp.resolve("popular");
    CliRun train = CliRun.of("retrieve", "train", "--data", ServeFixture.data().toString(), "--model", "popular",
        "--out", run.toString(), "--no-progress");
    assertEquals(0, train.code(), train.err());
    String user = Files.readAllLines(ServeFixture.data().resolve("users/raw_id.txt")).get(5);
    List<String> common = List.of("recommend", "--retriever", run.toString(), "--ranker", ServeFixture.model().toString(),
        "--user", user, "--n", "8", "--candidates", "40");
    CliRun byRanker = CliRun.of(concat(common, "--retrieval-weight", "0"));
    assertEquals(0, byRanker.code(), byRanker.err());
    assertEquals(9, byRanker.out().lines().count(), byRanker.out());
    assertTrue(nonIncreasing(column(byRanker.out(), 2)), "ranker order: " + byRanker.out());
    CliRun byRetriever = CliRun.of(concat(common, "--retrieval-weight", "1"));
    assertEquals(0, byRetriever.code(), byRetriever.err());
    assertTrue(nonIncreasing(column(byRetriever.out(), 3)), "retriever order: " + byRetriever.out());
    CliRun bad = CliRun.of(concat(common, "--retrieval-weight", "2"));
    assertTrue(bad.code() != 0 && bad.err().contains("retrieval weight = 2.0; expected a number in [0, 1]"), bad.err());
  }

  private static String[] concat(List<String> a, String... b) {
    String[] out = Arrays.copyOf(a.toArray(new String[0]), a.size() + b.length);
    System.arraycopy(b, 0, out, a.size(), b.length);
    return out;
  }
}
