package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only finished runs are exported; a refused export writes nothing. */
class ExportRefusalTest {
  @TempDir Path tmp;

  @Test
  void unfinishedRunsAreRefusedWithAClearMessage() {
    Path data = tmp.resolve("data");
    TinyTask.write(data, 40, 40, 3);
    List<String> common = List.of("batch_size=32", "embedding_dim=8", "dnn_hidden_units=[8]", "attention_hidden_units=[8]");
    Path early = tmp.resolve("runs/early");
    Trainer.train(new TrainRequest(data, null, "din", null, concat(common, "max_steps=1"), early, false, null, false));
    Path out = tmp.resolve("model");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelExporter.export(early, out));
    assertTrue(e.getMessage().contains("no best checkpoint"), e.getMessage());
    Path paused = tmp.resolve("runs/paused");
    Trainer.train(new TrainRequest(data, null, "din", null, concat(common, "eval_steps=1", "max_steps=2"), paused, false, null, false));
    assertTrue(Files.isRegularFile(paused.resolve("checkpoint/best.ckpt")));
    e = assertThrows(IllegalArgumentException.class, () -> ModelExporter.export(paused, out));
    assertTrue(e.getMessage().contains("not finished") && e.getMessage().contains("paused"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelExporter.export(data, out));
    assertTrue(e.getMessage().contains("not a run directory"), e.getMessage());
    assertFalse(Files.exists(out));
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(List.of(b));
    return out;
  }
}
