package org.r2led.seqrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.config.Config;
import org.r2led.io.Json;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.train.Checkpoint;
import org.r2led.train.KilledTraining;

/**
 * A sequential run paused at {@code max_steps} mid-epoch, or killed with SIGKILL in a child JVM, and
 * resumed ends with exactly the parameters and metrics of the uninterrupted run.
 */
class SeqRecResumeTest {
  @TempDir Path dir;

  /** 3 batches an epoch; the epoch's random stream draws windows, masks and negatives. */
  private static final List<String> SETTINGS = List.of("backbone=bert4rec", "embedding_dim=8", "max_seq_len=6", "num_blocks=1",
      "num_negatives=10", "sampled_negatives=10", "batch_size=16", "windows_per_user=1", "patience=50", "learning_rate=0.01");

  private static List<String> with(List<String> base, String... more) {
    List<String> l = new ArrayList<>(base);
    l.addAll(List.of(more));
    return l;
  }

  private SeqRecResult train(Path data, Path run, List<String> settings, boolean resume) {
    Config.Builder b = Config.builder();
    if (resume) b.file(run.resolve(SeqRecRunFiles.CONFIG));
    Config cfg = b.overrides(settings).build(SeqRecKeys.ALL);
    return SeqRecTrainer.train(new SeqRecTrainer.Request(data, run, cfg, dir.resolve("cache"), false,
        org.r2led.sid.embed.BgeSmallEncoder::new, resume));
  }

  private static void assertSameRun(Path a, Path b) {
    ParamStore pa = params(a);
    ParamStore pb = params(b);
    for (Param x : pa.all()) assertArrayEquals(x.values(), pb.get(x.name()).values(), x.name());
    Map<?, ?> ma = Json.read(a.resolve(SeqRecRunFiles.METRICS), Map.class);
    Map<?, ?> mb = Json.read(b.resolve(SeqRecRunFiles.METRICS), Map.class);
    for (String k : List.of("valid", "test", "best_epoch", "epochs", "steps", "convergence")) assertEquals(ma.get(k), mb.get(k), k);
  }

  private static ParamStore params(Path run) {
    Config cfg = SeqRecRunFiles.readConfig(run);
    try (SeqRecModel m = new SeqRecModel(cfg, 30, null)) {
      Checkpoint.read(run.resolve(SeqRecRunFiles.BEST), m.params(), null);
      return m.params();
    }
  }

  @Test
  void pausedMidEpochAndResumedEqualsUninterrupted() {
    Path data = KilledTraining.walks(dir.resolve("data"), 40, 9, 30);
    Path full = dir.resolve("full");
    SeqRecResult a = train(data, full, with(SETTINGS, "epochs=4"), false);
    Path parts = dir.resolve("parts");
    SeqRecResult p = train(data, parts, with(SETTINGS, "epochs=4", "max_steps=5"), false); // epoch 2, batch 2 of 3
    assertEquals(5, p.steps());
    assertEquals("paused", Json.read(parts.resolve(SeqRecRunFiles.RUN), Map.class).get("status"));
    IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class,
        () -> train(data, parts, List.of("max_steps=0", "learning_rate=0.02"), true));
    assertTrue(fixed.getMessage().contains("learning_rate is 0.01 in the run, the request gives 0.02"), fixed.getMessage());
    SeqRecResult b = train(data, parts, List.of("max_steps=0"), true);
    assertEquals(a.steps(), b.steps());
    assertEquals(a.test(), b.test());
    assertSameRun(full, parts);
    assertEquals("finished", Json.read(parts.resolve(SeqRecRunFiles.RUN), Map.class).get("status"));
    assertThrows(IllegalArgumentException.class, () -> train(data, parts, with(SETTINGS, "epochs=4"), false),
        "a fresh run into a trained run directory is refused");
  }

  @Test
  void killedWithSigkillAndResumedEqualsUninterrupted() throws Exception {
    Path data = KilledTraining.walks(dir.resolve("data"), 40, 9, 30);
    List<String> settings = with(SETTINGS, "epochs=60", "checkpoint_steps=1");
    Path full = dir.resolve("full");
    SeqRecResult a = train(data, full, settings, false);
    Path killed = dir.resolve("killed");
    List<String> args = new ArrayList<>(List.of("seqrec", data.toString(), killed.toString()));
    args.addAll(settings);
    KilledTraining.killAfter(killed.resolve(SeqRecRunFiles.LAST), 8, args.toArray(String[]::new));
    assertFalse(Files.exists(killed.resolve(SeqRecRunFiles.METRICS)), "killed while training");
    SeqRecResult b = train(data, killed, List.of(), true);
    assertEquals(a.steps(), b.steps());
    assertEquals(a.test(), b.test());
    assertSameRun(full, killed);
  }
}
