package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.eval.RunSummary;
import org.r2led.io.ToolFile;

/**
 * Issue 20: a command that writes a single file at a path the user chose ({@code --json}, {@code --out}
 * FILE, the tables {@code retrieve summarize} puts beside the runs) replaces only a file it wrote, told
 * by its content; a file of the user's is refused (before the command computes anything), named, and
 * left byte for byte; the command's own file, or one of an earlier version, is replaced.
 */
class SingleFileOutputsTest {
  @TempDir static Path shared;
  static Path data;
  static Path retrievalRuns;
  static Path retrievalRun;
  static Path trainRuns;

  @BeforeAll
  static void datasetAndRuns() {
    data = CliRun.synthDataset(shared.resolve("ds"), "--seed", "4", "--set", "max_len=60");
    retrievalRuns = shared.resolve("retrieval");
    retrievalRun = retrievalRuns.resolve("syn/popular-s1");
    ok(CliRun.of("retrieve", "train", "--data", data.toString(), "--model", "popular", "--out", retrievalRun.toString(),
        "--no-progress"));
    trainRuns = shared.resolve("train-runs");
    ok(CliRun.of("train", "--data", data.toString(), "--model", "din", "--out", trainRuns.resolve("din/seed1").toString(),
        "--no-progress", "--set", "epochs=1", "--set", "embedding_dim=8", "--set", "dnn_hidden_units=[8]"));
  }

  private static CliRun ok(CliRun r) {
    assertEquals(0, r.code(), r.err());
    return r;
  }

  /** Puts the user's {@code content} at {@code file} and runs {@code args}: refused naming it, nothing computed, the file kept. */
  private static CliRun refusesTheUsersFile(Path file, String content, String... args) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    CliRun r = CliRun.of(args);
    assertNotEquals(0, r.code(), "must refuse to overwrite " + file + ": " + r.out());
    assertTrue(r.err().contains("refusing to overwrite " + file.toRealPath() + ": r2led did not write it"), r.err());
    assertEquals(content, Files.readString(file));
    return r;
  }

  /** {@link #refusesTheUsersFile}; then, with the user's file gone, the command writes its own twice (replacing it). */
  private static CliRun refusedThenOwnReplaced(Path file, String content, String... args) throws IOException {
    CliRun refused = refusesTheUsersFile(file, content, args);
    Files.delete(file);
    for (int i = 0; i < 2; i++) ok(CliRun.of(args));
    return refused;
  }

  @Test
  void retrieveSummarizeLeavesTheUsersResultsBesideTheRunsAlone() throws IOException {
    String[] summarize = {"retrieve", "summarize", retrievalRuns.toString()};
    Path md = retrievalRuns.resolve("results.md");
    refusesTheUsersFile(md, "# my notes on these runs\n", summarize);
    assertFalse(Files.exists(retrievalRuns.resolve("results.csv")), "nothing is written when one file is refused");
    assertFalse(Files.exists(retrievalRuns.resolve("hr50_syn.png")));
    Files.delete(md);
    refusesTheUsersFile(retrievalRuns.resolve("hr50_syn.png"), "my own picture", summarize);
    Files.delete(retrievalRuns.resolve("hr50_syn.png"));

    ok(CliRun.of(summarize));
    assertTrue(Files.readString(md).startsWith(ToolFile.markdownHeader("retrieve summarize") + "\n"), Files.readString(md));
    ok(CliRun.of(summarize)); // its own files are replaced
    Files.writeString(md, "\n### syn (test, full catalog, mean ± std over seeds)\n\n| model | seeds |\n"); // an earlier version's
    ok(CliRun.of(summarize));
    assertTrue(Files.readString(md).contains("| popular | 1 |"), Files.readString(md));
  }

  @Test
  void retrieveEvaluateAndLatencyJsonReplaceOnlyTheirOwn(@TempDir Path tmp) throws IOException {
    Path ev = tmp.resolve("ev.json");
    CliRun r = refusedThenOwnReplaced(ev, "{\"mine\": true}\n", "retrieve", "evaluate", "--run", retrievalRun.toString(),
        "--json", ev.toString());
    assertFalse(r.out().contains("hr@10"), "refused before evaluating: " + r.out());

    Path lat = tmp.resolve("lat.json");
    String[] latency = {"retrieve", "latency", "--run", retrievalRun.toString(), "--history", "30", "--n", "10", "--warmup", "1",
        "--reps", "3", "--json", lat.toString()};
    refusedThenOwnReplaced(lat, "[1, 2, 3]\n", latency);
  }

  @Test
  void benchSummarizeOutReplacesOnlyItsOwnTable(@TempDir Path tmp) throws IOException {
    Path md = tmp.resolve("summary.md");
    String[] summarize = {"bench", "summarize", trainRuns.toString(), "--out", md.toString()};
    refusesTheUsersFile(md, "# my summary\n", summarize);
    Files.delete(md);
    ok(CliRun.of(summarize));
    assertTrue(Files.readString(md).startsWith(ToolFile.markdownHeader("bench summarize") + "\n\n" + RunSummary.TABLE_HEADER));
    ok(CliRun.of(summarize));
    Files.writeString(md, RunSummary.TABLE_HEADER + "\n|---|\n"); // an earlier version's
    ok(CliRun.of(summarize));
  }

  @Test
  void benchSynthRefusesTheUsersJsonAndANonEmptyDirItWouldDelete(@TempDir Path tmp) throws IOException {
    Path json = tmp.resolve("synth.json");
    refusesTheUsersFile(json, "{\"events\": \"my own\"}\n", "bench", "synth", "--events", "2000", "--preset", "quickstart",
        "--json", json.toString());
    Files.delete(json);

    Path dir = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    CliRun r = CliRun.of("bench", "synth", "--events", "2000", "--preset", "quickstart", "--dir", dir.toString());
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("refusing to generate into " + dir + " without --keep: it is not empty (found notes.txt)"), r.err());
    assertEquals(List.of("notes.txt"), names(dir));

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    for (int i = 0; i < 2; i++) {
      ok(CliRun.of("bench", "synth", "--events", "2000", "--preset", "quickstart", "--dir", empty.toString(), "--json",
          json.toString()));
    }
    assertEquals(List.of(), names(empty), "the generated dataset is deleted, the directory the user gave is kept");
  }

  @Test
  void benchRetrievalJsonReplacesOnlyItsOwn(@TempDir Path tmp) throws IOException {
    Path json = tmp.resolve("retrieval.json");
    String[] bench = {"bench", "retrieval", "--history", "200", "--items", "500", "--codebook", "8", "--targets", "5", "--batch",
        "2", "--runs", "1", "--warmup", "0", "--json", json.toString()};
    refusedThenOwnReplaced(json, "{\"routes\": 3}\n", bench);
  }

  @Test
  void benchTrainRefusesTheUsersJsonWorkFolderAndTraceFolderBeforeMeasuring(@TempDir Path tmp) throws IOException {
    Path json = tmp.resolve("train.json");
    refusesTheUsersFile(json, "{\"cores\": 2}\n", "bench", "train", "--steps", "1", "--warmup", "0", "--repeat", "1",
        "--cases", "din", "--json", json.toString());

    // --work: each generated dataset is a staged dataset output; a folder of the user's at its name is refused
    Path mine = Files.createDirectories(tmp.resolve("work/v2-items-100000-users-28"));
    Files.writeString(mine.resolve("notes.txt"), "mine");
    CliRun r = CliRun.of("bench", "train", "--steps", "1", "--warmup", "0", "--repeat", "1", "--cases", "din", "--work",
        tmp.resolve("work").toString());
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("refusing to write dataset output into " + mine.toRealPath()), r.err());
    assertEquals(List.of("notes.txt"), names(mine));

    // --torch-trace: a marked output of kind torch-traces; a folder of the user's is refused before the benchmark
    Path traces = Files.createDirectories(tmp.resolve("traces"));
    Files.writeString(traces.resolve("din.trace.json"), "[]");
    CliRun t = CliRun.of("bench", "train", "--data", data.toString(), "--models", "din", "--steps", "1", "--warmup", "0",
        "--repeat", "1", "--torch-trace", traces.toString());
    assertNotEquals(0, t.code());
    assertTrue(t.err().contains("refusing to write torch-traces output into " + traces.toRealPath()), t.err());
    assertFalse(t.out().contains("run 1:"), "nothing was measured: " + t.out());
    assertEquals("[]", Files.readString(traces.resolve("din.trace.json")));
  }

  @Test
  void sidEmbedReplacesOnlyAVectorFileItWrote(@TempDir Path tmp) throws IOException {
    Path vec = tmp.resolve("vectors.txt");
    String[] embed = {"sid", "embed", "--data", data.toString(), "--out", vec.toString(), "--encoder", "cooccurrence"};
    refusedThenOwnReplaced(vec, "i1 0.1 0.2\n", embed);
  }

  private static List<String> names(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
