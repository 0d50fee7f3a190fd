package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, case 3b: a file the user puts inside an output folder of this tool is never deleted by the
 * next command writing that folder: the command refuses, naming the file and how to proceed, and the
 * folder is left as it was.
 */
class UserFilesInOutputsTest {
  @TempDir static Path shared;
  static Path data;
  static Path run;

  @BeforeAll
  static void datasetAndRun() {
    data = shared.resolve("ds");
    CliRun s = CliRun.of("data", "synth", "--out", data.toString(), "--preset", "quickstart", "--users", "40", "--items", "300",
        "--seed", "3", "--set", "max_len=60", "--quiet");
    assertEquals(0, s.code(), s.err());
    run = shared.resolve("run");
    CliRun t = CliRun.of("train", "--data", data.toString(), "--model", "din", "--out", run.toString(), "--no-progress",
        "--set", "epochs=1", "--set", "embedding_dim=8", "--set", "dnn_hidden_units=[8]");
    assertEquals(0, t.code(), t.err());
  }

  /** Runs {@code args} twice with NOTES.txt put into {@code out} in between: the second run is refused, the note kept. */
  private static void secondWriteKeepsTheNote(Path out, String... args) throws Exception {
    CliRun first = CliRun.of(args);
    assertEquals(0, first.code(), first.err());
    Files.writeString(out.resolve("NOTES.txt"), "my notes");
    CliRun second = CliRun.of(args);
    assertNotEquals(0, second.code(), "a write over " + out + " must refuse: " + second.err());
    assertTrue(second.err().contains("NOTES.txt") && second.err().contains("did not write"), second.err());
    assertEquals("my notes", Files.readString(out.resolve("NOTES.txt")));
  }

  @Test
  void datasetNotesSurviveForcedRegeneration(@TempDir Path tmp) throws Exception {
    Path ds = tmp.resolve("ds");
    secondWriteKeepsTheNote(ds, "data", "synth", "--out", ds.toString(), "--preset", "quickstart", "--users", "30", "--items", "300",
        "--set", "max_len=60", "--quiet", "--force");
    CliRun reuse = CliRun.of("data", "synth", "--out", ds.toString(), "--preset", "quickstart", "--users", "30", "--items", "300",
        "--set", "max_len=60", "--quiet");
    assertEquals(0, reuse.code(), "an up-to-date dataset is reused, notes and all: " + reuse.err());
  }

  @Test
  void preparedDatasetNotesSurviveDataPrepareForce(@TempDir Path tmp) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 60; i++) rows.append(i % 4).append(',').append(i % 9).append(",1,pv,").append(1511539300 + i * 3600).append('\n');
    Path in = Files.writeString(tmp.resolve("ub.csv"), rows);
    Path ds = tmp.resolve("prepared");
    secondWriteKeepsTheNote(ds, "data", "prepare", "--source", "taobao", "--input", in.toString(), "--out", ds.toString(),
        "--set", "click.warmup=1", "--force");
  }

  @Test
  void exportedModelNotesSurviveTheNextExport(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("model");
    secondWriteKeepsTheNote(model, "export", "--run", run.toString(), "--out", model.toString());
  }

  @Test
  void sidNotesSurviveTheNextBuild(@TempDir Path tmp) throws Exception {
    Path sids = tmp.resolve("sids");
    secondWriteKeepsTheNote(sids, "sid", "build", "--data", data.toString(), "--out", sids.toString(), "--encoder", "cooccurrence",
        "--levels", "2", "--codebook-size", "6", "--seed", "1");
  }

  @Test
  void retrievalRunNotesSurviveRetraining(@TempDir Path tmp) throws Exception {
    Path r = tmp.resolve("popular");
    secondWriteKeepsTheNote(r, "retrieve", "train", "--data", data.toString(), "--model", "popular", "--out", r.toString(),
        "--no-progress");
  }

  @Test
  void samplesExportIsWrittenInPlaceAndLeavesTheNoteAlone(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("tsv");
    String[] args = {"export-samples", "--data", data.toString(), "--split", "test", "--out", out.toString()};
    assertEquals(0, CliRun.of(args).code());
    Files.writeString(out.resolve("NOTES.txt"), "my notes");
    CliRun again = CliRun.of(args);
    assertEquals(0, again.code(), again.err());
    assertEquals("my notes", Files.readString(out.resolve("NOTES.txt")));
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("items.tsv"), "my own table");
    CliRun refused = CliRun.of("export-samples", "--data", data.toString(), "--split", "test", "--out", mine.toString());
    assertNotEquals(0, refused.code(), "an unmarked folder is exported into only when it holds nothing but exported files");
    assertEquals("my own table", Files.readString(mine.resolve("items.tsv")));
  }

  @Test
  void quickstartRunsAreReplacedOnlyWhenTheyHoldNothingButRuns(@TempDir Path tmp) throws Exception {
    Path runs = tmp.resolve("runs");
    Path din = Files.createDirectories(runs.resolve("din/checkpoint"));
    for (String f : List.of("config.yaml", "run.json", "metrics.json", "checkpoint/best.ckpt")) Files.writeString(din.getParent().resolve(f), "x");
    Files.writeString(runs.resolve("results.tsv"), "ledger");
    QuickstartCommand.checkOwnRuns(runs); // a quickstart's own runs: replaceable
    Files.writeString(din.resolve("NOTES.txt"), "mine");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuickstartCommand.checkOwnRuns(runs));
    assertTrue(e.getMessage().contains("(din/checkpoint/NOTES.txt)"), e.getMessage());
  }

  @Test
  void aRunDirectoryRefusesAFreshRunOverFilesRunsDoNotWrite(@TempDir Path tmp) throws Exception {
    Path r = Files.createDirectories(tmp.resolve("r/checkpoint"));
    Files.writeString(r.resolve("NOTES.txt"), "mine");
    CliRun t = CliRun.of("train", "--data", data.toString(), "--model", "din", "--out", r.getParent().toString(), "--no-progress",
        "--set", "epochs=1", "--set", "embedding_dim=8", "--set", "dnn_hidden_units=[8]");
    assertNotEquals(0, t.code());
    assertTrue(t.err().contains("checkpoint/NOTES.txt"), t.err());
    assertEquals("mine", Files.readString(r.resolve("NOTES.txt")));
  }
}
