package org.r2led.bench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.io.StagedDir;
import org.r2led.sid.SidTable;

/** Issue 20: {@code bench train}'s generated datasets (with their SIDs inside) are staged dataset outputs. */
class TrainBenchmarkOutputTest {
  @TempDir Path tmp;

  @Test
  void theGeneratedDatasetIsStagedWithItsSidsAndAFolderOfTheUsersIsRefused() throws Exception {
    Path d = tmp.resolve("gen");
    PreparedDataset ds = TrainBenchmark.generate(d, 50, 2, 4, 12, 3, 1);
    assertEquals("dataset", StagedDir.markerKind(d));
    assertTrue(Files.readString(d.resolve(StagedDir.MARKER)).contains("\"sids/" + SidTable.META_FILE + "\""), "the SIDs are recorded");
    assertEquals(100, SidTable.load(d.resolve("sids"), ds.manifest().fingerprint()).numItems());
    TrainBenchmark.generate(d, 50, 2, 4, 12, 3, 1); // its own output is replaced

    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "mine");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainBenchmark.generate(mine, 50, 2, 4, 12, 3, 1));
    assertTrue(e.getMessage().contains("(found notes.txt)"), e.getMessage());
    assertEquals("mine", Files.readString(mine.resolve("notes.txt")));
  }

  @Test
  void aRunLongerThanTheDataWrapsIntoTheNextEpochs() {
    // 8 users x 4 samples = 32 training samples at most: 2 batches of 16, while the run trains 2 + 5 steps
    PreparedDataset ds = TrainBenchmark.generate(tmp.resolve("small"), 50, 2, 8, 12, 4, 1);
    int batches = ds.split(org.r2led.data.Split.TRAIN).size() / 16;
    assertTrue(batches < 7, "fewer batches than steps: " + batches);
    TrainBenchmark.Figure f = TrainBenchmark.measure("din small", ds, null, "din",
        java.util.List.of("batch_size=16", "short_seq_len=8"), 2, 5);
    assertEquals(5, f.steps());
    assertTrue(f.samplesPerSecond() > 0 && f.jitMs() >= 0, f.toString());
  }
}
