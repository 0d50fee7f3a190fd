package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.io.Hashing;

/**
 * {@code --resume} checks everything before writing: changes of fixed keys are refused naming the key
 * and both values with every file left byte for byte as it was; schedule keys may change; a finished
 * run with nothing left to train is reported without rewriting files.
 */
class ResumeRulesTest {
  @TempDir Path tmp;

  static final List<String> SETTINGS = List.of("embedding_dim=8", "short_seq_len=8", "batch_size=64", "epochs=1",
      "learning_rate=0.01", "embedding_init_std=0.01", "dnn_hidden_units=[16]", "attention_hidden_units=[8]");

  /** A finished one-epoch DIN run on the tiny task (with SIDs recorded) in {@code tmp/runs/din}. */
  static Path finishedRun(Path tmp) {
    Path data = tmp.resolve("data");
    TinyTask.sids(TinyTask.write(data, 40, 60, 3), tmp.resolve("sids"));
    Path run = tmp.resolve("runs/din");
    Trainer.train(new TrainRequest(data, tmp.resolve("sids"), "din", null, SETTINGS, run, false, null, false));
    return run;
  }

  static RunResult resume(Path tmp, Path run, String... settings) {
    return Trainer.train(new TrainRequest(tmp.resolve("data"), tmp.resolve("sids"), null, null, List.of(settings), run, true, null,
        false));
  }

  /** Every file under {@code dir} with its sha256. */
  static Map<String, String> snapshot(Path dir) {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).forEach(f -> m.put(dir.relativize(f).toString(), Hashing.sha256(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  @Test
  void fixedKeyChangesAreRefusedBeforeAnythingIsWritten() throws IOException {
    Path run = finishedRun(tmp);
    Map<String, String> before = snapshot(tmp);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resume(tmp, run, "embedding_dim=64"));
    assertTrue(e.getMessage().contains("embedding_dim is 8 in the run, the request gives 64"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> resume(tmp, run, "learning_rate=0.5", "seed=5"));
    assertTrue(e.getMessage().contains("learning_rate is 0.01 in the run, the request gives 0.5")
        && e.getMessage().contains("seed is 2024 in the run, the request gives 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(new TrainRequest(tmp.resolve("data"), tmp.resolve("sids"),
        "din_full", null, List.of(), run, true, null, false)));
    assertTrue(e.getMessage().contains("model is din in the run, the request gives din_full"), e.getMessage());
    assertEquals(before, snapshot(tmp));
    // the run stays resumable: a schedule key may change
    RunResult more = resume(tmp, run, "epochs=2");
    assertEquals(2, more.epochs());
    assertTrue(Files.readAllLines(run.resolve(RunFiles.CONFIG)).contains("epochs: 2"));
  }

  @Test
  void checkpointOfAnotherShapeIsRefusedBeforeAnythingIsWritten() throws IOException {
    Path run = finishedRun(tmp);
    // a run directory damaged by the old behaviour: config.yaml and run.json rewritten to another shape
    Path cfg = run.resolve(RunFiles.CONFIG);
    Files.writeString(cfg, Files.readString(cfg).replace("embedding_dim: 8", "embedding_dim: 64"));
    Path runJson = run.resolve(RunFiles.RUN);
    Files.writeString(runJson, Files.readString(runJson).replace("\"embedding_dim\" : 8", "\"embedding_dim\" : 64"));
    Map<String, String> before = snapshot(tmp);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resume(tmp, run, "epochs=2"));
    assertTrue(e.getMessage().contains(RunFiles.last(run).toString()) && e.getMessage().contains("shape"), e.getMessage());
    assertEquals(before, snapshot(tmp));
  }

  @Test
  void finishedRunWithNothingToTrainIsReportedWithoutWriting() {
    Path run = finishedRun(tmp);
    RunResult logged = RunResult.read(run);
    Map<String, String> before = snapshot(tmp);
    List<String> err = new ArrayList<>();
    RunResult r = captureErr(err, () -> resume(tmp, run));
    assertEquals(logged, r);
    assertTrue(err.get(0).contains("already finished (trained all 1 epochs"), err.get(0));
    assertEquals(before, snapshot(tmp));
    captureErr(err, () -> resume(tmp, run, "patience=7", "max_steps=0"));
    assertEquals(before, snapshot(tmp));
  }

  static <T> T captureErr(List<String> into, java.util.function.Supplier<T> body) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      return body.get();
    } finally {
      System.setErr(old);
      into.add(0, buf.toString(StandardCharsets.UTF_8));
    }
  }
}
