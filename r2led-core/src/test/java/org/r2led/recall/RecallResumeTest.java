package org.r2led.recall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.nn.Param;
import org.r2led.recall.train.NeuralRecall;
import org.r2led.recall.train.RecallTrainer;
import org.r2led.train.KilledTraining;

/**
 * A retrieval run paused at {@code max_steps} mid-epoch, or killed with SIGKILL in a child JVM, and
 * resumed ends with exactly the parameters and metrics of the uninterrupted run; until it finishes,
 * the run directory holds only its resumable state.
 */
class RecallResumeTest {
  @TempDir Path dir;

  /** 3 batches an epoch (60 users, 5 targets each); negatives come from one random stream over the whole run. */
  private static final Map<String, String> SETTINGS = Map.ofEntries(Map.entry("embedding_dim", "8"),
      Map.entry("short_seq_len", "6"), Map.entry("num_negatives", "5"), Map.entry("catalog_negatives", "10"),
      Map.entry("batch_size", "128"), Map.entry("max_train_per_user", "5"), Map.entry("learning_rate", "0.01"),
      Map.entry("patience", "50"));

  private static Map<String, String> with(Map<String, String> base, String... kv) {
    Map<String, String> m = new LinkedHashMap<>(base);
    m.putAll(KilledTraining.settings(List.of(kv)));
    return m;
  }

  private static void assertSameRun(RecallRun.Info a, Path runA, RecallRun.Info b, Path runB) {
    assertEquals(a.convergence(), b.convergence());
    assertEquals(a.epochs().stream().map(RecallTrainer.EpochLog::validNdcg50).toList(),
        b.epochs().stream().map(RecallTrainer.EpochLog::validNdcg50).toList());
    assertEquals(a.epochs().stream().map(RecallTrainer.EpochLog::loss).toList(), b.epochs().stream().map(RecallTrainer.EpochLog::loss).toList());
    for (String k : List.of("hr@10", "hr@50", "ndcg@10", "ndcg@50", "recall@50")) {
      assertEquals(a.valid().get(k), b.valid().get(k), "valid " + k);
      assertEquals(a.test().get(k), b.test().get(k), "test " + k);
    }
    List<Param> pa = ((NeuralRecall) RecallRun.load(runA).retriever()).params().all();
    List<Param> pb = ((NeuralRecall) RecallRun.load(runB).retriever()).params().all();
    for (int i = 0; i < pa.size(); i++) assertArrayEquals(pa.get(i).values(), pb.get(i).values(), pa.get(i).name());
  }

  @Test
  void pausedMidEpochAndResumedEqualsUninterrupted() {
    Path data = KilledTraining.walks(dir.resolve("data"), 60, 9, 30);
    Path full = dir.resolve("full");
    RecallRun.Info a = RecallRun.train(data, "youtube_dnn", with(SETTINGS, "epochs=4"), full, false);
    Path parts = dir.resolve("parts");
    RecallRun.Info p = RecallRun.train(data, "youtube_dnn", with(SETTINGS, "epochs=4", "max_steps=4"), parts, false); // epoch 2, batch 1 of 3
    assertTrue(p.paused());
    assertFalse(Files.exists(parts.resolve(RecallRun.INFO)), "a paused run writes no output");
    assertTrue(Files.isRegularFile(parts.resolve(RecallRun.LAST)));
    IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class,
        () -> RecallRun.train(null, null, Map.of("max_steps", "0", "embedding_dim", "16"), parts, false, true));
    assertTrue(fixed.getMessage().contains("embedding_dim is 8 in the run, the request gives 16"), fixed.getMessage());
    RecallRun.Info b = RecallRun.train(null, null, Map.of("max_steps", "0"), parts, false, true);
    assertFalse(b.paused());
    assertSameRun(a, full, b, parts);
    assertFalse(Files.exists(parts.resolve(RecallRun.LAST)), "the finished output replaces the training state");
    assertThrows(IllegalArgumentException.class, () -> RecallRun.train(null, null, Map.of(), parts, false, true));
  }

  @Test
  void killedWithSigkillAndResumedEqualsUninterrupted() throws Exception {
    Path data = KilledTraining.walks(dir.resolve("data"), 60, 9, 30);
    Map<String, String> settings = with(SETTINGS, "epochs=80", "checkpoint_steps=1");
    Path full = dir.resolve("full");
    RecallRun.Info a = RecallRun.train(data, "youtube_dnn", settings, full, false);
    Path killed = dir.resolve("killed");
    List<String> args = new ArrayList<>(List.of("recall", data.toString(), killed.toString(), "youtube_dnn"));
    settings.forEach((k, v) -> args.add(k + "=" + v));
    KilledTraining.killAfter(killed.resolve(RecallRun.LAST), 7, args.toArray(String[]::new));
    assertFalse(Files.exists(killed.resolve(RecallRun.INFO)), "killed while training");
    RecallRun.Info b = RecallRun.train(null, null, Map.of(), killed, false, true);
    assertSameRun(a, full, b, killed);
  }
}
