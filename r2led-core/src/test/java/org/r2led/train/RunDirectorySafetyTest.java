package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.io.DirLock;

/** Issue 9, case 4: two trainings into one run directory never both "succeed". */
class RunDirectorySafetyTest {
  @TempDir Path tmp;

  private TrainRequest request(Path data, Path run) {
    return new TrainRequest(data, null, "din", null, List.of("embedding_dim=8", "short_seq_len=10", "max_steps=2",
        "dnn_hidden_units=[8]", "attention_hidden_units=[8]"), run, false, tmp.resolve("ledger.tsv"), false);
  }

  @Test
  void aSecondTrainingFailsAtOnceWhileTheFirstHoldsTheRunDirectory() throws Exception {
    Path data = tmp.resolve("data");
    TinyTask.write(data, 20, 30, 3);
    Path run = tmp.resolve("run");
    try (DirLock first = DirLock.acquire(run)) {
      DirLock.LockedException e = assertThrows(DirLock.LockedException.class, () -> Trainer.train(request(data, run)));
      assertTrue(e.getMessage().contains("PID " + ProcessHandle.current().pid()), e.getMessage());
    }
    assertFalse(Files.exists(run.resolve(RunFiles.CONFIG)), "the refused run wrote nothing");
    assertFalse(Files.exists(tmp.resolve("ledger.tsv")), "the ledger records no run");
  }

  @Test
  void aFolderThatIsNotARunDirectoryIsRefused() throws Exception {
    Path data = tmp.resolve("data");
    TinyTask.write(data, 20, 30, 3);
    Path run = tmp.resolve("mine");
    Files.createDirectories(run);
    Files.writeString(run.resolve("config.yaml"), "my: own\n");
    Files.writeString(run.resolve("thesis.tex"), "keep");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(request(data, run)));
    assertTrue(e.getMessage().contains("thesis.tex"), e.getMessage());
    assertEquals("my: own\n", Files.readString(run.resolve("config.yaml")));
  }
}
