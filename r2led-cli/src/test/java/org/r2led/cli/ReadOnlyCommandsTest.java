package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.io.Hashing;

/**
 * Issue 20, case 4: the read-only commands never write into their inputs. Tests run as root, where
 * permissions do not stop writes, so every input tree's listing, sizes and bytes are compared before
 * and after; where the machine allows a read-only bind mount, the commands also run on one.
 */
class ReadOnlyCommandsTest {
  @TempDir static Path inputs;
  static Path data;
  static Path sids;
  static Path run;
  static Path model;
  static Path retrieval;
  static Path seqrec;

  @BeforeAll
  static void inputsOfEveryReadOnlyCommand() {
    data = inputs.resolve("ds");
    ok(CliRun.of("data", "synth", "--out", data.toString(), "--preset", "quickstart", "--users", "40", "--items", "300",
        "--seed", "3", "--set", "max_len=80", "--quiet"));
    sids = inputs.resolve("sids");
    ok(CliRun.of("sid", "build", "--data", data.toString(), "--out", sids.toString(), "--encoder", "cooccurrence", "--levels", "2",
        "--codebook-size", "6", "--seed", "1"));
    run = inputs.resolve("run");
    ok(CliRun.of("train", "--data", data.toString(), "--model", "din", "--out", run.toString(), "--no-progress",
        "--set", "epochs=1", "--set", "embedding_dim=8", "--set", "dnn_hidden_units=[8]"));
    model = inputs.resolve("model");
    ok(CliRun.of("export", "--run", run.toString(), "--out", model.toString()));
    retrieval = inputs.resolve("popular");
    ok(CliRun.of("retrieve", "train", "--data", data.toString(), "--model", "popular", "--out", retrieval.toString(), "--no-progress"));
    seqrec = inputs.resolve("seqrec");
    ok(CliRun.of("seqrec", "train", "--data", data.toString(), "--backbone", "sasrec", "--enhance", "none", "--out",
        seqrec.toString(), "--set", "epochs=1", "--set", "embedding_dim=8", "--set", "max_seq_len=10", "--set", "num_negatives=20",
        "--no-progress"));
  }

  private static CliRun ok(CliRun r) {
    assertEquals(0, r.code(), r.err());
    return r;
  }

  /** Every read-only command over the inputs under {@code root} (the inputs' own place or a read-only view), writing only into {@code out}. */
  private static void readEverything(Path root, Path out) {
    Function<Path, String> in = p -> root.resolve(inputs.relativize(p)).toString();
    ok(CliRun.of("data", "stats", in.apply(data)));
    ok(CliRun.of("data", "stats", in.apply(data), "--json"));
    ok(CliRun.of("evaluate", "--run", in.apply(run), "--no-progress"));
    ok(CliRun.of("sid", "report", in.apply(sids)));
    ok(CliRun.of("export-samples", "--data", in.apply(data), "--sids", in.apply(sids), "--split", "test", "--out",
        out.resolve("tsv").toString()));
    ok(CliRun.of("retrieve", "evaluate", "--run", in.apply(retrieval), "--ranker", in.apply(model), "--candidates", "20"));
    ok(CliRun.of("seqrec", "evaluate", "--run", in.apply(seqrec), "--no-progress"));
    ok(CliRun.of("store", "load", "--data", in.apply(data), "--store", out.resolve("store").toString()));
  }

  /** Every path under {@code dir} (links not followed) → its size and sha256 ("dir" for directories). */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        boolean file = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
        m.put(dir.relativize(p).toString(), file ? Files.size(p) + " " + Hashing.sha256(p) : "dir");
      }
    }
    return m;
  }

  @Test
  void readOnlyCommandsLeaveTheirInputsByteForByte(@TempDir Path out) throws IOException {
    Map<String, String> before = snapshot(inputs);
    readEverything(inputs, out);
    assertEquals(before, snapshot(inputs));
    assertTrue(before.keySet().stream().noneMatch(k -> k.endsWith("stats.json")), "no stats.json is written by data stats");
  }

  @Test
  void readOnlyCommandsWorkOnAReadOnlyFileSystem(@TempDir Path out) throws Exception {
    // a temp file of a killed writer in the run: its best-effort cleanup must not fail the read
    Path orphan = run.resolve(".metrics.json.999999999.1.tmp");
    Files.writeString(orphan, "half");
    Path ro = Files.createDirectories(out.resolve("ro"));
    assumeTrue(sh("mount", "--bind", inputs.toString(), ro.toString()), "bind mounts are not allowed here");
    try {
      assumeTrue(sh("mount", "-o", "remount,bind,ro", ro.toString()), "read-only remounts are not allowed here");
      assertTrue(!Files.isWritable(ro) || !writes(ro), "the view is read-only");
      Map<String, String> before = snapshot(inputs);
      readEverything(ro, out);
      assertEquals(before, snapshot(inputs));
      assertTrue(Files.exists(orphan), "left in place on the read-only view");
    } finally {
      sh("umount", "--lazy", ro.toString()); // lazy: memory-mapped dataset files may still hold the mount
      Files.deleteIfExists(orphan);
    }
  }

  private static boolean writes(Path dir) {
    try {
      Files.delete(Files.createFile(dir.resolve("probe")));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean sh(String... cmd) {
    try {
      Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
