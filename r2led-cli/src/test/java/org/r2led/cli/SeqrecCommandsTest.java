package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seqrec train} then {@code seqrec evaluate} on a tiny synthetic dataset (plain SASRec: no encoder needed). */
class SeqrecCommandsTest {
  @TempDir Path tmp;

  @Test
  void trainThenEvaluatePrintsBothProtocolsAndReproducesTheLoggedMetrics() {
    Path data = tmp.resolve("ds");
    assertEquals(0, Main.commandLine().execute("data", "synth", "--out", data.toString(), "--preset", "quickstart",
        "--users", "40", "--items", "500", "--seed", "3", "--set", "max_len=120", "--quiet"));
    Path run = tmp.resolve("run");
    CliRun train = CliRun.of("seqrec", "train", "--data", data.toString(), "--backbone", "sasrec", "--enhance", "none",
        "--out", run.toString(), "--set", "epochs=2", "--set", "embedding_dim=16", "--set", "max_seq_len=20",
        "--set", "num_negatives=50", "--no-progress");
    assertEquals(0, train.code(), train.err());
    CliRun eval = CliRun.of("seqrec", "evaluate", "--run", run.toString(), "--no-progress");
    assertEquals(0, eval.code(), eval.err());
    assertTrue(eval.out().contains("full catalog:") && eval.out().contains("100 sampled negatives (seed 7):"), eval.out());
    assertTrue(eval.out().contains("NDCG@10") && eval.out().contains("HR@20"), eval.out());
    assertTrue(eval.out().contains("equals the metrics logged by train"), eval.out());
    CliRun repeat = CliRun.of("seqrec", "evaluate", "--run", run.toString(), "--no-progress", "--targets", "repeat");
    CliRun fresh = CliRun.of("seqrec", "evaluate", "--run", run.toString(), "--no-progress", "--targets", "new");
    assertEquals(0, repeat.code(), repeat.err());
    assertEquals(0, fresh.code(), fresh.err());
    assertEquals(users(eval.out()), users(repeat.out()) + users(fresh.out()), repeat.out() + fresh.out());
    assertTrue(repeat.out().startsWith("test, repeat targets only (") && !repeat.out().contains("logged"), repeat.out());
  }

  /** The user count of {@code seqrec evaluate}'s first line, "test ... (N users, ...". */
  private static int users(String out) {
    var m = java.util.regex.Pattern.compile("\\((\\d+) users").matcher(out);
    if (!m.find()) throw new AssertionError("no user count in " + out);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void aPausedRunResumesFromTheCommandLineToTheUninterruptedMetrics() {
    Path data = tmp.resolve("ds");
    assertEquals(0, Main.commandLine().execute("data", "synth", "--out", data.toString(), "--preset", "quickstart",
        "--users", "40", "--items", "500", "--seed", "3", "--set", "max_len=120", "--quiet"));
    String[] common = {"--set", "epochs=2", "--set", "embedding_dim=8", "--set", "max_seq_len=10", "--set", "num_negatives=20",
        "--set", "batch_size=16", "--no-progress"};
    CliRun full = CliRun.of(concat(new String[] {"seqrec", "train", "--data", data.toString(), "--out", tmp.resolve("full").toString()},
        common));
    assertEquals(0, full.code(), full.err());
    Path run = tmp.resolve("run");
    CliRun paused = CliRun.of(concat(new String[] {"seqrec", "train", "--data", data.toString(), "--out", run.toString(),
        "--set", "max_steps=3"}, common));
    assertEquals(0, paused.code(), paused.err());
    CliRun resumed = CliRun.of("seqrec", "train", "--out", run.toString(), "--resume", "--set", "max_steps=0", "--no-progress");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(full.out().substring(full.out().indexOf("valid")), resumed.out().substring(resumed.out().indexOf("valid")));
    CliRun refused = CliRun.of("seqrec", "train", "--out", run.toString(), "--resume", "--set", "embedding_dim=16");
    assertNotEquals(0, refused.code());
    assertTrue(refused.err().contains("embedding_dim is 8 in the run, the request gives 16"), refused.err());
  }

  static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void unknownBackboneFailsNamingTheKey() {
    CliRun r = CliRun.of("seqrec", "train", "--data", tmp.toString(), "--backbone", "lstm", "--out", tmp.resolve("r").toString());
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("backbone") && r.err().contains("lstm"), r.err());
  }
}
