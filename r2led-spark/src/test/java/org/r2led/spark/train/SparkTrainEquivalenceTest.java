package org.r2led.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.spark.SparkTestBase;
import org.r2led.train.Checkpoint;
import org.r2led.train.RunFiles;
import org.r2led.train.RunResult;
import org.r2led.train.TinyTask;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;

/**
 * {@code spark train} in {@code local[2]} with 2 barrier tasks trains as {@code train} with one worker
 * and with 2 worker threads (DIN, no dropout, same global batch and seed): the parameters after the
 * run agree to a stated tolerance and so does the test AUC; a paused and resumed Spark run, and one
 * whose stage failed and was retried by Spark, end exactly where the uninterrupted Spark run ends; a
 * resume is checked as {@code train}'s is.
 */
class SparkTrainEquivalenceTest extends SparkTestBase {
  /** max |difference| of any parameter, relative to the largest |parameter| (float rounding of merged sums, through Adam). */
  private static final double TOLERANCE = 1e-3;
  private static final double AUC_TOLERANCE = 2e-3;

  @TempDir Path tmp;

  private static List<String> settings(String... more) {
    List<String> l = new ArrayList<>(List.of("embedding_dim=8", "short_seq_len=8", "batch_size=64", "epochs=2", "learning_rate=0.01",
        "embedding_init_std=0.05", "dnn_hidden_units=[16]", "attention_hidden_units=[8]", "patience=5",
        "net_dropout=0", "eval_steps=6", "seed=7"));
    l.addAll(List.of(more));
    return l;
  }

  private static ParamStore lastParams(Path data, Path run) {
    PreparedDataset ds = PreparedDataset.open(data);
    ParamStore s = TrainKeys.resolve(Config.builder().file(run.resolve(RunFiles.CONFIG))).create(ds, null).params();
    Checkpoint.read(RunFiles.last(run), s, null);
    return s;
  }

  private static double maxDiff(ParamStore a, ParamStore b) {
    double d = 0;
    for (Param p : a.all()) {
      float[] x = p.values();
      float[] y = b.get(p.name()).values();
      for (int i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
    }
    return d;
  }

  private static double maxAbs(ParamStore a) {
    double m = 0;
    for (Param p : a.all()) for (float v : p.values()) m = Math.max(m, Math.abs(v));
    return m;
  }

  private Path data() {
    Path data = tmp.resolve("data");
    TinyTask.write(data, 40, 60, 3);
    return data;
  }

  private SparkTrain.Result spark(Path data, List<String> s, Path run, boolean resume, long failAt) {
    return SparkTrain.train(spark, new TrainRequest(data, null, resume ? null : "din", null, s, run, resume, null, false), 2, failAt);
  }

  @Test
  void twoSparkTasksTrainAsOneAndAsTwoWorkerThreads() {
    Path data = data();
    RunResult one = Trainer.train(new TrainRequest(data, null, "din", null, settings(), tmp.resolve("one"), false, null, false));
    RunResult two = Trainer.train(new TrainRequest(data, null, "din", null, settings("workers=2"), tmp.resolve("two"), false, null, false));
    SparkTrain.Result sr = spark(data, settings(), tmp.resolve("spark"), false, -1);
    RunResult sp = RunResult.read(tmp.resolve("spark"));
    assertTrue(sr.evaluated());
    assertEquals(2, sr.tasks().size());
    assertEquals(one.steps(), sp.steps());
    assertEquals(two.steps(), sp.steps());
    assertTrue(sp.steps() >= 10, "steps " + sp.steps());
    ParamStore a = lastParams(data, tmp.resolve("one"));
    ParamStore b = lastParams(data, tmp.resolve("two"));
    ParamStore c = lastParams(data, tmp.resolve("spark"));
    double scale = maxAbs(a);
    String what = String.format(Locale.ROOT, "DIN after %d steps: max |1 worker - spark| = %.3g, max |2 workers - spark| = %.3g, "
        + "max |param| = %.3g; test AUC %.6f (1 worker), %.6f (2 workers), %.6f (spark)", sp.steps(), maxDiff(a, c), maxDiff(b, c), scale,
        one.test().auc(), two.test().auc(), sp.test().auc());
    System.out.println(what);
    assertTrue(maxDiff(a, c) <= TOLERANCE * scale, what);
    assertTrue(maxDiff(b, c) <= TOLERANCE * scale, what);
    assertEquals(one.test().auc(), sp.test().auc(), AUC_TOLERANCE, what);
    assertEquals(two.test().auc(), sp.test().auc(), AUC_TOLERANCE, what);
    assertEquals(one.valid().auc(), sp.valid().auc(), AUC_TOLERANCE, what);
  }

  @Test
  void aWarmStartedSparkRunEqualsAWarmStartedTwoWorkerRun() throws java.io.IOException {
    Path data = data();
    Path init = tmp.resolve("init");
    // an init trained by 2 workers: its workers key does not carry over into the Spark run (--tasks is the parallelism)
    Trainer.train(new TrainRequest(data, null, "din", null, settings("epochs=1", "workers=2"), init, false, null, false));
    List<String> s = List.of("epochs=1", "learning_rate=0.005");
    RunResult two = Trainer.train(new TrainRequest(data, null, null, null, concat(s, "workers=2"), tmp.resolve("warm-two"), false, null,
        false, null, init));
    SparkTrain.train(spark, new TrainRequest(data, null, null, null, s, tmp.resolve("warm-spark"), false, null, false, null, init), 2, -1);
    RunResult sp = RunResult.read(tmp.resolve("warm-spark"));
    assertEquals(two.steps(), sp.steps());
    assertEquals(0.0, maxDiff(lastParams(data, tmp.resolve("warm-two")), lastParams(data, tmp.resolve("warm-spark"))),
        "both start from the init's parameters and take the same steps");
    assertTrue(maxDiff(lastParams(data, init), lastParams(data, tmp.resolve("warm-spark"))) > 0, "the warm-started run trained");
    assertEquals(two.test().auc(), sp.test().auc());
    assertTrue(Files.readString(tmp.resolve("warm-spark").resolve(RunFiles.RUN)).contains(init.toAbsolutePath().normalize().toString()),
        "run.json records the init");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrain.train(spark,
        new TrainRequest(data, null, null, null, s, tmp.resolve("warm-spark"), true, null, false, null, init), 2, -1));
    assertTrue(e.getMessage().startsWith("--init-from starts a new run; --resume continues"), e.getMessage());
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> l = new ArrayList<>(a);
    l.add(b);
    return l;
  }

  @Test
  void pausedAndResumedOrRetriedSparkRunsEqualTheUninterruptedOne() {
    Path data = data();
    List<String> s = settings("checkpoint_steps=3");
    spark(data, s, tmp.resolve("full"), false, -1);
    List<String> paused = new ArrayList<>(s);
    paused.add("max_steps=4");
    SparkTrain.Result p = spark(data, paused, tmp.resolve("parts"), false, -1);
    assertTrue(p.paused());
    assertEquals(4, p.tasks().get(0).steps());
    assertResumeChecksRecordedConfig(data, tmp.resolve("parts"));
    spark(data, List.of("max_steps=0"), tmp.resolve("parts"), true, -1);
    // the last task fails before step 8 in the stage's first attempt; Spark reruns the stage from the checkpoint of step 6
    SparkTrain.Result retried = spark(data, s, tmp.resolve("retried"), false, 7);
    assertEquals(1, retried.tasks().get(0).attempt(), "the stage ran twice");
    RunResult full = RunResult.read(tmp.resolve("full"));
    ParamStore pf = lastParams(data, tmp.resolve("full"));
    for (String run : List.of("parts", "retried")) {
      RunResult r = RunResult.read(tmp.resolve(run));
      assertEquals(full.steps(), r.steps(), run);
      ParamStore pr = lastParams(data, tmp.resolve(run));
      for (Param x : pf.all()) assertArrayEquals(x.values(), pr.get(x.name()).values(), run + " " + x.name());
      for (Map.Entry<String, long[]> e : pf.buffers().entrySet()) assertArrayEquals(e.getValue(), pr.buffers().get(e.getKey()), e.getKey());
      assertEquals(full.test().auc(), r.test().auc(), run);
      assertEquals(full.valid().auc(), r.valid().auc(), run);
    }
  }

  /**
   * A resume is checked as {@code train} checks it: a config.yaml edited after training (a fixed key
   * that run.json records otherwise) is refused before any task starts, and no file changes.
   */
  private void assertResumeChecksRecordedConfig(Path data, Path run) {
    Path yaml = run.resolve(RunFiles.CONFIG);
    try {
      String original = Files.readString(yaml);
      byte[] last = Files.readAllBytes(RunFiles.last(run));
      assertTrue(original.contains("embedding_dim: 8"), original);
      Files.writeString(yaml, original.replace("embedding_dim: 8", "embedding_dim: 16"));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spark(data, List.of("max_steps=0"), run, true, -1));
      assertTrue(e.getMessage().contains("embedding_dim: recorded 8, found 16"), e.getMessage());
      assertArrayEquals(last, Files.readAllBytes(RunFiles.last(run)));
      Files.writeString(yaml, original);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
