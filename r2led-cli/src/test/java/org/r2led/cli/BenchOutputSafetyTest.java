package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.io.Json;
import org.r2led.io.StagedDir;

/**
 * Issue 20, case 3a: {@code bench models --out} is a marked output of kind {@code bench}: a folder of
 * the user's files and any other kind of output are refused before anything is written; a bench
 * folder is resumed (finished cells reused) and nothing the benchmark did not write is touched.
 */
class BenchOutputSafetyTest {
  @TempDir static Path shared;
  static Path data;

  @BeforeAll
  static void dataset() {
    data = CliRun.synthDataset(shared.resolve("ds"), "--seed", "5", "--set", "max_len=100", "--set", "samples_per_user=6");
  }

  private static String[] benchArgs(Path out) {
    return new String[] {"bench", "models", "--data", data.toString(), "--models", "din", "--seeds", "1", "--out", out.toString(),
        "--grid", "learning_rate=1e-3", "--set", "epochs=1", "--set", "batch_size=64", "--set", "embedding_dim=8",
        "--latency-lengths", "none", "--candidates", "5", "--latency-repeats", "2", "--no-progress"};
  }

  private static CliRun bench(Path out) {
    return CliRun.of(benchArgs(out));
  }

  @Test
  void aFolderOfTheUsersOwnResultsIsRefusedListingWhatWasFound(@TempDir Path tmp) throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("results.md"), "# my results");
    Files.writeString(mine.resolve("results.csv"), "a,b\n1,2\n");
    Map<String, String> before = ReadOnlyCommandsTest.snapshot(mine);
    CliRun r = bench(mine);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("refusing to write bench output into " + mine.toRealPath() + ": it is not empty and is not r2led"
        + " bench output (found results.csv, results.md)"), r.err());
    assertEquals(before, ReadOnlyCommandsTest.snapshot(mine), "nothing was written, overwritten or marked");
  }

  @Test
  void aPreparedDatasetIsAnotherKindOfOutputAndIsRefused() throws IOException {
    Map<String, String> before = ReadOnlyCommandsTest.snapshot(data);
    CliRun r = bench(data);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("holds r2led dataset output, not bench"), r.err());
    assertEquals(before, ReadOnlyCommandsTest.snapshot(data));
    assertFalse(Files.exists(data.resolve("runs")));
  }

  @Test
  void aBenchFolderIsResumedAndOtherFilesInItAreLeftAlone(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("bench");
    CliRun first = bench(out);
    assertEquals(0, first.code(), first.err());
    assertEquals("bench", StagedDir.markerKind(out));
    Files.writeString(out.resolve("NOTES.txt"), "what I changed");
    Files.delete(out.resolve("results.md")); // as if killed after its cells finished
    CliRun again = bench(out);
    assertEquals(0, again.code(), again.err());
    assertEquals(1, Json.read(out.resolve("results.json"), JsonNode.class).path("reused").asInt(), "the finished cell is reused");
    assertTrue(Files.isRegularFile(out.resolve("results.md")));
    assertEquals("what I changed", Files.readString(out.resolve("NOTES.txt")));
  }

  @Test
  void aFileOfTheUsersNamedLikeABenchResultIsNeverOverwritten(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("bench");
    InPlaceOutputsTest.markedWithRunsOnly(out, "bench"); // a bench killed during its cells, before writing its results
    Files.writeString(out.resolve("results.md"), "# what I noted about these runs");
    InPlaceOutputsTest.refusedAndUntouched(out, "refusing to write into r2led bench output " + out.toRealPath() + ": it holds a"
        + " file r2led did not write with the name of one it writes (results.md)", benchArgs(out));
  }
}
