package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.io.StagedDir;

/**
 * Issue 20, cases 2 and 4: outputs written in place (seqrec bench, export-samples, the quickstart) are
 * marked kinds whose marker records the paths they wrote; a folder of the user's is refused, and so is
 * a file of the user's that has the name of one they are going to write; a seqrec run directory holding
 * the user's files is refused. Each refusal leaves the folder byte for byte.
 */
class InPlaceOutputsTest {
  @TempDir static Path shared;
  static Path data;

  @BeforeAll
  static void dataset() {
    data = CliRun.synthDataset(shared.resolve("ds"), "--seed", "6", "--set", "max_len=40");
  }

  /** Marks {@code dir} as an output of {@code kind} whose writer recorded only {@code runs/} (as one killed early leaves it). */
  static void markedWithRunsOnly(Path dir, String kind) throws IOException {
    Files.createDirectories(dir.resolve("runs"));
    Files.writeString(dir.resolve(StagedDir.MARKER), "{\"kind\": \"" + kind + "\", \"tool\": \"r2led\", \"paths\": [\"runs/\"]}");
  }

  /** Runs {@code args}: refused naming {@code found} and saying r2led did not write it, {@code dir} left as it was. */
  static void refusedAndUntouched(Path dir, String found, String... args) throws IOException {
    Map<String, String> before = ReadOnlyCommandsTest.snapshot(dir);
    CliRun r = CliRun.of(args);
    assertNotEquals(0, r.code(), "must refuse: " + r.out());
    assertTrue(r.err().contains(found), r.err());
    assertEquals(before, ReadOnlyCommandsTest.snapshot(dir));
  }

  private static String[] seqrecBench(Path out, String... more) {
    String[] base = {"seqrec", "bench", "--data", data.toString(), "--out", out.toString(), "--backbones", "sasrec", "--variants",
        "plain", "--seeds", "1", "--set", "epochs=1", "--set", "embedding_dim=8", "--set", "max_seq_len=10", "--set",
        "num_negatives=20", "--no-progress"};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void seqrecBenchIsAMarkedKindThatRefusesTheUsersFolderAndFiles(@TempDir Path tmp) throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("results.md"), "# my results");
    refusedAndUntouched(mine, "refusing to write seqrec-bench output into " + mine.toRealPath() + ": it is not empty and is not"
        + " r2led seqrec-bench output (found results.md)", seqrecBench(mine));

    Path out = tmp.resolve("bench");
    CliRun first = CliRun.of(seqrecBench(out));
    assertEquals(0, first.code(), first.err());
    assertEquals("seqrec-bench", StagedDir.markerKind(out));
    Files.writeString(out.resolve("NOTES.txt"), "mine");
    CliRun again = CliRun.of(seqrecBench(out, "--only-finished"));
    assertEquals(0, again.code(), "a bench folder is reused, the user's other files left alone: " + again.err());
    assertEquals("mine", Files.readString(out.resolve("NOTES.txt")));

    Path early = tmp.resolve("early");
    markedWithRunsOnly(early, "seqrec-bench");
    Files.writeString(early.resolve("results.csv"), "my,own\n");
    refusedAndUntouched(early, "it holds a file r2led did not write with the name of one it writes (results.csv)",
        seqrecBench(early));
  }

  @Test
  void seqrecTrainRefusesAFolderOfTheUsersFiles(@TempDir Path tmp) throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("config.yaml"), "my: config\n");
    Files.writeString(mine.resolve("notes.txt"), "mine");
    refusedAndUntouched(mine, "refusing to train into " + mine.toRealPath() + ": it is not empty and is not a seqrec run directory"
        + " (found notes.txt)", "seqrec", "train", "--data", data.toString(), "--out", mine.toString(), "--set", "epochs=1",
        "--no-progress");
  }

  @Test
  void exportSamplesNeverOverwritesAUsersFileNamedLikeASplitItHasNotWritten(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("samples");
    CliRun train = CliRun.of("export-samples", "--data", data.toString(), "--split", "train", "--out", out.toString(),
        "--no-progress");
    assertEquals(0, train.code(), train.err());
    Files.writeString(out.resolve("samples-test.tsv"), "my own test samples\n");
    refusedAndUntouched(out, "(samples-test.tsv)", "export-samples", "--data", data.toString(), "--split", "test", "--out",
        out.toString(), "--no-progress");
    CliRun valid = CliRun.of("export-samples", "--data", data.toString(), "--split", "valid", "--out", out.toString(),
        "--no-progress");
    assertEquals(0, valid.code(), "the other splits accumulate: " + valid.err());
    assertEquals("my own test samples\n", Files.readString(out.resolve("samples-test.tsv")));
  }

  @Test
  void quickstartNeverOverwritesAUsersSummary(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("quickstart");
    markedWithRunsOnly(out, "quickstart");
    Files.writeString(out.resolve("summary.md"), "# my summary of the quickstart");
    refusedAndUntouched(out, "(summary.md)", "quickstart", "--out", out.toString(), "--models", "din");
    assertFalse(Files.exists(out.resolve("data")), "refused before the dataset is generated");
  }
}
