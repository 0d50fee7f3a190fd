package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.io.Hashing;
import org.r2led.sid.SidTable;

/**
 * {@code evaluate} and {@code --resume} refuse a run whose SID table, dataset or configuration differ
 * from what {@code run.json} recorded, and both remove the temp files killed writes left behind.
 */
class RunProvenanceTest {
  @TempDir Path tmp;

  @Test
  void evaluateRemovesOrphanedTempFilesOfDeadWriters() throws Exception {
    Path run = ResumeRulesTest.finishedRun(tmp);
    long dead = org.r2led.io.OrphanedTempFilesTest.deadPid();
    Path orphan = Files.write(run.resolve("checkpoint/.last.ckpt." + dead + ".1.tmp"), new byte[4096]);
    List<String> err = new ArrayList<>();
    Evaluator.Result r = ResumeRulesTest.captureErr(err, () -> Evaluator.evaluate(run, Split.TEST, false));
    assertTrue(r.reproducesLogged());
    assertFalse(Files.exists(orphan));
    assertTrue(err.get(0).contains("removed 1 orphaned temp file"), err.get(0));
  }

  @Test
  void rebuiltSidsAreRefusedByEvaluateAndResume() {
    Path run = ResumeRulesTest.finishedRun(tmp);
    Path sids = tmp.resolve("sids");
    String recorded = Hashing.sha256(sids.resolve(SidTable.CODES_FILE));
    // rebuilt for the same dataset (same fingerprint), with other codes
    SidTable old = SidTable.load(sids);
    int[] codes = old.codeMatrix();
    codes[old.levels() + 2] = codes[old.levels() + 2] % TinyTask.PER_SUB + 1;
    new SidTable(old.meta(), codes).save(sids);
    String found = Hashing.sha256(sids.resolve(SidTable.CODES_FILE));
    Map<String, String> before = ResumeRulesTest.snapshot(tmp);
    for (Runnable r : List.<Runnable>of(() -> Evaluator.evaluate(run, Split.TEST, false),
        () -> ResumeRulesTest.resume(tmp, run, "epochs=2"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
      assertTrue(e.getMessage().contains("SID table " + sids) && e.getMessage().contains(recorded)
          && e.getMessage().contains(found), e.getMessage());
    }
    assertEquals(before, ResumeRulesTest.snapshot(tmp));
  }

  @Test
  void changedDatasetIsRefused() throws IOException {
    Path run = ResumeRulesTest.finishedRun(tmp);
    Path data = tmp.resolve("data");
    String recorded = PreparedDataset.open(data).manifest().fingerprint();
    try (Stream<Path> s = Files.walk(data)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
    String found = TinyTask.write(data, 40, 60, 4).manifest().fingerprint();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(run, Split.TEST, false));
    assertTrue(e.getMessage().contains("dataset " + data) && e.getMessage().contains(recorded) && e.getMessage().contains(found),
        e.getMessage());
  }

  @Test
  void editedConfigIsRefused() throws IOException {
    Path run = ResumeRulesTest.finishedRun(tmp);
    Path cfg = run.resolve(RunFiles.CONFIG);
    Files.writeString(cfg, Files.readString(cfg).replace("embedding_dim: 8", "embedding_dim: 16"));
    for (Runnable r : List.<Runnable>of(() -> Evaluator.evaluate(run, Split.TEST, false), () -> ResumeRulesTest.resume(tmp, run))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
      assertTrue(e.getMessage().contains(cfg.toString()) && e.getMessage().contains("embedding_dim: recorded 8, found 16"),
          e.getMessage());
    }
  }
}
