package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrieveCommandsTest {
  @TempDir Path tmp;

  @Test
  void trainEvaluateSummarizeAndClearErrors() throws Exception {
    Path ds = tmp.resolve("ds");
    assertEquals(0, Main.commandLine().execute("data", "synth", "--out", ds.toString(), "--preset", "quickstart",
        "--users", "40", "--items", "300", "--seed", "3", "--set", "max_len=200", "--quiet"));
    Path runs = tmp.resolve("runs");
    CliRun pop = CliRun.of("retrieve", "train", "--data", ds.toString(), "--model", "popular", "--out",
        runs.resolve("syn/popular-s1").toString(), "--no-progress");
    assertEquals(0, pop.code(), pop.err());
    assertTrue(pop.out().contains("test:  hr@10"), pop.out());
    CliRun ulim = CliRun.of("retrieve", "train", "--data", ds.toString(), "--model", "ulim", "--out",
        runs.resolve("syn/ulim-s1").toString(), "--no-progress", "--set", "epochs=1", "--set", "embedding_dim=8",
        "--set", "short_seq_len=10", "--set", "long_seq_len=10", "--set", "catalog_negatives=20",
        "--set", "num_negatives=5", "--set", "max_train_per_user=5");
    assertEquals(0, ulim.code(), ulim.err());
    CliRun ev = CliRun.of("retrieve", "evaluate", "--run", runs.resolve("syn/ulim-s1").toString());
    assertEquals(0, ev.code(), ev.err());
    assertTrue(ev.out().contains("NDCG@200"), ev.out());
    CliRun repeats = CliRun.of("retrieve", "evaluate", "--run", runs.resolve("syn/popular-s1").toString(), "--targets", "repeat");
    assertEquals(0, repeats.code(), repeats.err());
    assertTrue(repeats.out().contains(", test, repeat targets only ("), repeats.out());
    CliRun badSlice = CliRun.of("retrieve", "evaluate", "--run", runs.resolve("syn/popular-s1").toString(), "--targets", "old");
    assertTrue(badSlice.code() != 0 && badSlice.err().contains("--targets old: expected all, repeat"), badSlice.err());
    Path evJson = tmp.resolve("ev.json");
    CliRun tuned = CliRun.of("retrieve", "evaluate", "--run", runs.resolve("syn/ulim-s1").toString(), "--split", "valid",
        "--set", "cascade_weight=0.25", "--json", evJson.toString());
    assertEquals(0, tuned.code(), tuned.err());
    assertTrue(tuned.out().contains("valid, with cascade_weight=0.25 (run: 0.5)"), tuned.out());
    String written = Files.readString(evJson);
    assertTrue(written.contains("\"cascade_weight\" : \"0.25\"") && written.contains("\"hr@50\""), written);
    CliRun trainKey = CliRun.of("retrieve", "evaluate", "--run", runs.resolve("syn/ulim-s1").toString(),
        "--set", "epochs=5");
    assertTrue(trainKey.code() != 0 && trainKey.err().contains("'epochs' is a training setting"), trainKey.err());
    CliRun lat = CliRun.of("retrieve", "latency", "--run", runs.resolve("syn/ulim-s1").toString(), "--history", "300",
        "--n", "20", "--warmup", "5", "--reps", "20", "--profile", "--set", "repeat_weight=0.5", "--json", tmp.resolve("lat.json").toString());
    assertEquals(0, lat.code(), lat.err());
    String latJson = Files.readString(tmp.resolve("lat.json"));
    assertTrue(latJson.contains("\"repeat_weight\" : \"0.5\"") && latJson.contains("\"ulim.interest\""), latJson);
    assertTrue(lat.out().contains("history 300, 20 candidates: wall p50") && lat.out().contains("ulim.search_categories")
        && lat.out().contains("ulim.long_vectors"), lat.out());
    CliRun sum = CliRun.of("retrieve", "summarize", runs.toString());
    assertEquals(0, sum.code(), sum.err());
    assertTrue(sum.out().contains("| ulim | 1 |") && Files.isRegularFile(runs.resolve("results.csv")), sum.out());
    // one epoch: ulim's best checkpoint is its last evaluation, flagged; popular has no training
    assertTrue(sum.out().contains(" | 1/1 (capped) |") && sum.out().contains("**1 of 1 runs ended capped**")
        && sum.out().lines().anyMatch(l -> l.startsWith("| popular |") && l.endsWith(" | — |")), sum.out());
    assertTrue(Files.readString(runs.resolve("syn/ulim-s1/retrieval.json")).contains("\"best_at_last_eval\" : true"));
    assertTrue(Files.isRegularFile(runs.resolve("hr50_syn.png")));
    String[] small = {"--no-progress", "--set", "epochs=2", "--set", "embedding_dim=8", "--set", "short_seq_len=10",
        "--set", "catalog_negatives=20", "--set", "max_train_per_user=5", "--set", "batch_size=64"};
    CliRun ytb = CliRun.of(SeqrecCommandsTest.concat(new String[] {"retrieve", "train", "--data", ds.toString(), "--model",
        "youtube_dnn", "--out", tmp.resolve("ytb").toString()}, small));
    assertEquals(0, ytb.code(), ytb.err());
    CliRun paused = CliRun.of(SeqrecCommandsTest.concat(new String[] {"retrieve", "train", "--data", ds.toString(), "--model",
        "youtube_dnn", "--out", tmp.resolve("ytb-parts").toString(), "--set", "max_steps=2"}, small));
    assertEquals(0, paused.code(), paused.err());
    assertTrue(paused.out().contains("paused (continue with --resume)"), paused.out());
    CliRun resumed = CliRun.of("retrieve", "train", "--out", tmp.resolve("ytb-parts").toString(), "--resume", "--set", "max_steps=0",
        "--no-progress");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(ytb.out().lines().limit(2).toList(), resumed.out().lines().limit(2).toList(), "valid and test as uninterrupted");
    CliRun bad = CliRun.of("retrieve", "train", "--data", ds.toString(), "--model", "ulim", "--out",
        tmp.resolve("x").toString(), "--set", "cascade_weight=2");
    assertTrue(bad.code() != 0 && bad.err().contains("config key 'cascade_weight' has invalid value '2' (--set); expected a number in [0.0, 1.0]"), bad.err());
    CliRun floor = CliRun.of("retrieve", "train", "--data", ds.toString(), "--model", "ulim", "--out",
        tmp.resolve("y").toString(), "--set", "min_steps=-3");
    assertTrue(floor.code() != 0 && floor.err().contains("config key 'min_steps' has invalid value '-3' (--set); expected an integer in [0, 2147483647]"), floor.err());
  }
}
