package org.r2led.bench.seqrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.seqrec.SeqRecTestData;
import org.r2led.train.Convergence;

/** Issue 21: the seqrec bench table flags a run whose best checkpoint is its last evaluation. */
class SeqRecBenchTest {
  @TempDir Path dir;

  @Test
  void theBenchFlagsACappedRun() throws Exception {
    Path data = SeqRecTestData.write(dir.resolve("data"));
    List<String> settings = List.of("embedding_dim=8", "max_seq_len=6", "num_negatives=10", "sampled_negatives=10",
        "batch_size=16", "epochs=1");
    Path out = dir.resolve("bench");
    List<SeqRecBench.Row> rows = SeqRecBench.run(data, out, List.of("gru4rec"), List.of("plain"), 1, settings,
        dir.resolve("cache"), false, true);
    assertEquals(Convergence.of(1, 1, 3, 3, Convergence.EPOCH_LIMIT), rows.get(0).convergence());
    String md = Files.readString(out.resolve("results.md"));
    assertTrue(md.contains("| seeds | best/last epoch |") && md.contains(" | 1 | 1/1 (capped) |")
        && md.contains("**1 of 1 runs ended capped**"), md);
    // one seed: the value alone, no "± 0.0000" (its spread is unknown)
    assertTrue(md.lines().filter(l -> l.startsWith("| gru4rec | plain |")).noneMatch(l -> l.contains("±")), md);
    assertTrue(Files.readAllLines(out.resolve("results.csv")).get(1).endsWith(",1,1,true"));
  }
}
