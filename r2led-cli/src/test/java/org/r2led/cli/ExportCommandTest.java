package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.UserHistory;

class ExportCommandTest {
  @TempDir Path tmp;

  @Test
  void trainThenExportThenScore() throws Exception {
    Path data = tmp.resolve("ds");
    assertEquals(0, Main.commandLine().execute("data", "synth", "--out", data.toString(), "--preset", "quickstart",
        "--users", "40", "--items", "300", "--seed", "3", "--set", "max_len=60", "--quiet"));
    Path run = tmp.resolve("run");
    CliRun t = CliRun.of("train", "--data", data.toString(), "--model", "din", "--out", run.toString(), "--no-progress",
        "--set", "epochs=1", "--set", "embedding_dim=8", "--set", "dnn_hidden_units=[8]");
    assertEquals(0, t.code(), t.err());
    Path model = tmp.resolve("model");
    CliRun e = CliRun.of("export", "--run", run.toString(), "--out", model.toString());
    assertEquals(0, e.code(), e.err());
    assertTrue(e.out().startsWith("exported din (model id "), e.out());
    assertTrue(Files.isRegularFile(model.resolve("model.json")));
    float[] p = ScoringModel.load(model).score(UserHistory.empty(), List.of("1", "2"));
    assertEquals(2, p.length);
    // the data directory is not a model directory: refused, untouched
    CliRun refused = CliRun.of("export", "--run", run.toString(), "--out", data.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("refusing to"), refused.err());
    CliRun notRun = CliRun.of("export", "--run", data.toString(), "--out", tmp.resolve("m2").toString());
    assertTrue(notRun.err().contains("not a run directory"), notRun.err());
  }
}
