package org.r2led.bench.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import org.r2led.sid.SidTable;

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

  @Test
  void windowsBySamplesHoldEqualCountsAndByTimeEqualSpans(@TempDir Path tmp) {
    PreparedDataset src = drifting(tmp.resolve("data"), 80);
    ReplayWindows bySamples = ReplayWindows.of(src, 4, ReplayWindows.By.SAMPLES);
    ReplayWindows byTime = ReplayWindows.of(src, 4);
    assertEquals(ReplayWindows.By.TIME, byTime.by());
    assertEquals(bySamples.first(), byTime.first());
    assertEquals(bySamples.last(), byTime.last());
    long[] perSample = new long[4];
    long total = 0;
    for (Split s : Split.values()) {
      SampleSplit sp = src.split(s);
      for (int i = 0; i < sp.size(); i++) {
        perSample[bySamples.windowOf(sp.ts(i))]++;
        total++;
        int w = byTime.windowOf(sp.ts(i));
        assertTrue(byTime.start(w) <= sp.ts(i) && sp.ts(i) < byTime.start(w + 1), "time window " + w + " holds " + sp.ts(i));
      }
    }
    for (int w = 0; w < 4; w++) {
      assertEquals(total / 4.0, perSample[w], 2, "window " + w + " of " + total + " samples: " + perSample[w]);
      long span = byTime.start(w + 1) - byTime.start(w);
      assertEquals((byTime.last() - byTime.first() + 1) / 4.0, span, 1, "time window " + w + " spans " + span + " s");
    }
    assertEquals(ReplayWindows.By.SAMPLES, ReplayWindows.By.parse("samples"));
    assertThrows(IllegalArgumentException.class, () -> ReplayWindows.By.parse("days"));
  }

  @Test
  void theSampleWeightedMeanCountsASmallWindowLittle() {
    ReplayResult r = new ReplayResult("m", 3, "time", List.of(
        new ReplayResult.Row(1, 0, 900, 0.6, 0.7, 0.8, Double.NaN, 1, 1, 1),
        new ReplayResult.Row(2, 10, 100, 0.5, 0.3, 0.4, Double.NaN, 0, 1, 2)));
    assertEquals(0.55, r.meanAuc(0), 1e-12);
    assertEquals(0.59, r.weightedMeanAuc(0), 1e-12);
    assertEquals(0.66, r.weightedMeanAuc(1), 1e-12);
    assertEquals(0.76, r.weightedMeanAuc(2), 1e-12);
    JsonNode summary = Json.MAPPER.valueToTree(ReplayOutputs.json(r)).path("summary");
    assertEquals(0.66, summary.path("warm").path("weighted_mean_auc").asDouble(), 1e-12);
    assertEquals("time", Json.MAPPER.valueToTree(ReplayOutputs.json(r)).path("window_by").asText());
    assertTrue(ReplayOutputs.markdown(r).contains("| (b) warm-started per window | 0.5000 | 0.6600 | 2.0 |"), ReplayOutputs.markdown(r));
  }

  @Test
  void aWindowDatasetTakesTheSidsOfItsSourceAndNoOtherDatasetDoes(@TempDir Path tmp) {
    Path data = tmp.resolve("data");
    SyntheticGenerator.generate(SynthConfig.quickstart().with(Map.of("users", "60", "items", "200", "max_len", "200")), data, null);
    PreparedDataset src = PreparedDataset.open(data);
    SidTable sids = sids(src);
    ReplayWindows win = ReplayWindows.of(src, 3, ReplayWindows.By.SAMPLES);
    PreparedDataset step = WindowDataset.write(src, win, 0, 1, 1, 0.1, tmp.resolve("step"));
    assertEquals(src.manifest().fingerprint(), WindowDataset.sourceFingerprint(step));

    Path dir = WindowSids.write(sids, step, tmp.resolve("step-sids"));
    SidTable bound = SidTable.load(dir, step.manifest().fingerprint());
    assertArrayEquals(sids.codeMatrix(), bound.codeMatrix());
    assertEquals(src.manifest().fingerprint(), bound.meta().extra().get(WindowDataset.SOURCE_FINGERPRINT));

    // the source itself is no window dataset; a window of another dataset was cut from another fingerprint
    assertThrows(IllegalArgumentException.class, () -> WindowSids.write(sids, src, tmp.resolve("no-1")));
    Path other = tmp.resolve("other");
    SyntheticGenerator.generate(SynthConfig.quickstart().with(Map.of("users", "60", "items", "200", "max_len", "200",
        "seed", "99")), other, null);
    PreparedDataset otherSrc = PreparedDataset.open(other);
    PreparedDataset otherStep = WindowDataset.write(otherSrc, ReplayWindows.of(otherSrc, 3), 0, 1, 1, 0.1, tmp.resolve("other-step"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WindowSids.write(sids, otherStep, tmp.resolve("no-2")));
    assertTrue(e.getMessage().contains(otherSrc.manifest().fingerprint()), e.getMessage());
  }

  @Test
  void aReplayOfAModelWithSemanticIdsRunsOnWindowsOfEqualSampleCounts(@TempDir Path tmp) throws IOException {
    Path data = tmp.resolve("data");
    PreparedDataset src = drifting(data, 100);
    Path sidDir = Files.createDirectories(tmp.resolve("sids"));
    sids(src).save(sidDir);
    Path out = tmp.resolve("out");
    List<String> tiny = List.of("epochs=1", "batch_size=64", "embedding_dim=8", "seed=3", "max_seq_len=100", "topk=10",
        "short_seq_len=10");
    ReplayResult r = ReplayBenchmark.run(new ReplayBenchmark.Request(data, "r2led", 2, tiny, out, ReplayWindows.By.SAMPLES, sidDir),
        null);

    assertEquals("samples", r.windowBy());
    assertEquals(2, r.rows().size());
    assertEquals(r.rows().get(0).samples(), r.rows().get(1).samples(), 2, "windows of equal sample counts");
    for (ReplayResult.Row row : r.rows()) {
      assertTrue(row.warmAuc() > 0 && row.warmAuc() < 1, "window " + row.window() + " warm AUC " + row.warmAuc());
    }
    JsonNode run = Json.read(out.resolve("runs/warm-2/run.json"), JsonNode.class);
    assertEquals(out.resolve("sids/last-2").toString(), run.path("sids").path("dir").asText());
  }

  /** Generates a small synthetic dataset with interest drift and items born over time into {@code dir}. */
  private static PreparedDataset drifting(Path dir, int users) {
    SyntheticGenerator.generate(SynthConfig.quickstart().with(Map.of("users", String.valueOf(users), "items", "300", "max_len", "300",
        "interest_drift", "0.15", "item_birth_share", "0.3")), dir, null);
    return PreparedDataset.open(dir);
  }

  /** A SID table for {@code ds}'s items: two semantic levels and a unique suffix. */
  private static SidTable sids(PreparedDataset ds) {
    int n = ds.numItems();
    int[] codes = new int[(n + 1) * 3];
    for (int i = 1; i <= n; i++) {
      codes[i * 3] = 1 + i % 8;
      codes[i * 3 + 1] = 1 + i % 5;
      codes[i * 3 + 2] = i;
    }
    return new SidTable(new SidTable.Meta(ds.manifest().fingerprint(), n, new int[] {8, 5, n}, 2, "test", "test", Map.of()), codes);
  }
}
