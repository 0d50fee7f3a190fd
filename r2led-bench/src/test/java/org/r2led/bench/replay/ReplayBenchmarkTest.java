package org.r2led.bench.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.bench.BenchOutputs;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.data.synth.SynthConfig;
import org.r2led.data.synth.SyntheticGenerator;
import org.r2led.io.Json;

class ReplayBenchmarkTest {
  private static final List<String> TINY = List.of("epochs=1", "batch_size=64", "embedding_dim=8", "seed=3");

  @Test
  void aTinyReplayScoresEveryWindowWithTheThreeStrategies(@TempDir Path tmp) {
    Path data = tmp.resolve("data");
    SyntheticGenerator.generate(SynthConfig.quickstart().with(Map.of("users", "150", "items", "400", "max_len", "400",
        "interest_drift", "0.15", "item_birth_share", "0.3")), data, null);
    Path out = tmp.resolve("out");
    ReplayResult r = ReplayBenchmark.run(new ReplayBenchmark.Request(data, "din", 2, TINY, out), null);

    assertEquals(3, r.windows());
    assertEquals(2, r.rows().size());
    for (ReplayResult.Row row : r.rows()) {
      for (int s = 0; s < 4; s++) {
        double auc = ReplayResult.auc(row, s);
        assertTrue(auc > 0 && auc < 1, "window " + row.window() + " strategy " + s + " AUC " + auc);
      }
      assertTrue(row.samples() > 0, "window " + row.window() + " has samples");
    }
    ReplayResult.Row first = r.rows().get(0);
    assertEquals(first.frozenAuc(), first.warmAuc(), "at window 1 (b) is (a)'s model");
    assertEquals(first.frozenAuc(), first.fullAuc(), "at window 1 (c) is (a)'s model");
    // (b) at window 2 starts from the window-0 model, the one (a) freezes.
    JsonNode init = Json.read(out.resolve("runs/warm-2/run.json"), JsonNode.class).path("init");
    assertEquals(out.resolve("runs/window-0").toAbsolutePath().normalize().toString(), init.path("dir").asText());
    // (a)'s score of window 2 is the frozen window-0 model's.
    assertEquals(r.rows().get(1).frozenAuc(),
        ReplayBenchmark.evaluate(out.resolve("runs/window-0"), PreparedDataset.open(out.resolve("data/full-2"))), 0.0);

    ReplayOutputs.write(r, out);
    for (String f : List.of(BenchOutputs.MARKDOWN, BenchOutputs.CSV, BenchOutputs.JSON, ReplayOutputs.CHART)) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
  }

  @Test
  void windowDatasetsKeepTimeOrderAndHistoriesBeforeEachSample(@TempDir Path tmp) {
    Path data = tmp.resolve("data");
    SyntheticGenerator.generate(SynthConfig.quickstart().with(Map.of("users", "80", "items", "300", "max_len", "300")), data, null);
    PreparedDataset src = PreparedDataset.open(data);
    ReplayWindows win = ReplayWindows.of(src, 4);
    PreparedDataset step = WindowDataset.write(src, win, 1, 3, 3, 0.1, tmp.resolve("step"));
    long total = 0;
    for (Split s : Split.values()) total += step.split(s).size();
    long inWindows = 0;
    for (Split s : Split.values()) {
      SampleSplit sp = src.split(s);
      for (int i = 0; i < sp.size(); i++) if (win.windowOf(sp.ts(i)) >= 1) inWindows++;
    }
    assertEquals(inWindows, total, "every sample of windows 1..3 is in exactly one split");
    long latestTrain = Long.MIN_VALUE;
    for (int i = 0; i < step.split(Split.TRAIN).size(); i++) latestTrain = Math.max(latestTrain, step.split(Split.TRAIN).ts(i));
    for (int i = 0; i < step.split(Split.VALID).size(); i++) assertTrue(step.split(Split.VALID).ts(i) >= latestTrain);
    for (Split s : Split.values()) {
      SampleSplit sp = step.split(s);
      for (int i = 0; i < sp.size(); i++) {
        int w = win.windowOf(sp.ts(i));
        assertTrue(s == Split.TEST ? w == 3 : w >= 1 && w < 3, s + " sample in window " + w);
        assertTrue(step.eventTs(sp.historyStart(i) + sp.pos(i) - 1) < sp.ts(i), "history ends before the sample");
      }
    }
    assertEquals(step.split(Split.TEST).size(), step.manifest().count("samples_test"));
  }
}
