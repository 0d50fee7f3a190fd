package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.cli.learn.Learner.Step;
import org.r2led.data.PreparedDataset;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.http.ServerOptions;
import org.r2led.serving.store.StoreLoader;

/**
 * {@code r2led learn --once} as its own JVM, halted ({@link LearnCrashMain}: as {@code kill -9}) at every step of a
 * cycle: the service keeps serving the last model it loaded, the state stays the last promoted one (or, killed
 * after the state switch, names the new version as reload-pending), and the next cycle completes (and retries a
 * pending reload). Before the switch the kills follow each other in one {@code WORK}, each run passing the
 * previous kill point; after it each kill gets a fresh {@code WORK}. {@link Step#SIDS} is reached by a model with
 * Semantic IDs only: {@code LearnSidTest} kills there.
 */
class LearnCrashTest {
  /** Steps before the atomic state switch, in cycle order. */
  static final List<Step> BEFORE_SWITCH = List.of(Step.LOCKED, Step.CLEANED, Step.SAMPLES, Step.TRAINED, Step.EXPORTED, Step.EVALUATED);

  @TempDir Path tmp;

  @Test
  void killedAtEveryStepTheServedModelStaysAndTheNextCycleCompletes() throws Exception {
    Set<Step> killed = EnumSet.noneOf(Step.class);
    try (ServeFixture.Served served = ServeFixture.serve(ServerOptions.defaults(2))) {
      int port = served.port();
      String url = "http://127.0.0.1:" + port;
      PreparedDataset fixture = PreparedDataset.open(ServeFixture.data());
      StoreLoader.load(fixture, served.store());
      LearnCommandTest.postImpressions(port, fixture);
      String servedId = LearnCommandTest.modelId(port);
      Path store = served.dir().resolve("store");

      Path work = tmp.resolve("work");
      for (Step step : BEFORE_SWITCH) {
        killAt(step, ServeFixture.model(), store, work, url, "1");
        killed.add(step);
        assertFalse(Files.exists(work.resolve("state.json")), "killed at " + step + ": no promotion was recorded");
        assertEquals(servedId, LearnCommandTest.modelId(port), "killed at " + step);
      }
      assertTrue(Files.isDirectory(work.resolve("versions/v1")), "the candidate was exported before the kill at EVALUATED");

      killAt(Step.PROMOTED, ServeFixture.model(), store, work, url, "1");
      killed.add(Step.PROMOTED);
      assertEquals("v1", LearnCommandTest.state(work).get("current").asText());
      assertTrue(LearnCommandTest.state(work).get("reloadPending").asBoolean(), "promoted, not yet loaded");
      assertEquals(servedId, LearnCommandTest.modelId(port), "killed before the reload: the service serves the last loaded model");
      nextCycleCompletes(store, work, url, "1");
      String v1 = ScoringModel.load(work.resolve("versions/v1")).modelId();
      assertEquals(v1, LearnCommandTest.modelId(port), "the next cycle retried the reload");

      Path rejected = tmp.resolve("rejected");
      killAt(Step.REJECTED, ServeFixture.model(), store, rejected, url, "-1");
      killed.add(Step.REJECTED);
      assertEquals("v0", LearnCommandTest.state(rejected).get("current").asText());
      assertEquals(v1, LearnCommandTest.modelId(port));
      nextCycleCompletes(store, rejected, url, "-1");
      assertFalse(Files.exists(rejected.resolve("versions/v1")), "the refused candidate left by the kill is deleted");

      for (Step step : List.of(Step.RELOADED, Step.RECORDED)) {
        Path w = tmp.resolve(step.name());
        killAt(step, ServeFixture.model(), store, w, url, "1");
        killed.add(step);
        String promoted = ScoringModel.load(w.resolve("versions/v1")).modelId();
        assertEquals(promoted, LearnCommandTest.modelId(port), "killed at " + step + ": the service serves the promoted model");
        assertFalse(LearnCommandTest.state(w).get("reloadPending").asBoolean());
        assertEquals(step == Step.RECORDED, Files.exists(w.resolve("cycles.jsonl")), "the cycle's line is written at RECORDED");
        nextCycleCompletes(store, w, url, "1");
        assertEquals(promoted, LearnCommandTest.modelId(port));
      }
    }
    assertEquals(EnumSet.complementOf(EnumSet.of(Step.SIDS)), killed, "every step of a cycle without Semantic IDs");
  }

  /** A cycle in this JVM completes: the window was consumed by the killed cycle's state switch, so it is skipped. */
  private static void nextCycleCompletes(Path store, Path work, String url, String margin) throws Exception {
    CliRun r = LearnCommandTest.learn(store, work, url, "--margin", margin);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("| skipped"), "the window was consumed by the state switch: " + r.out());
    assertFalse(LearnCommandTest.state(work).get("reloadPending").asBoolean());
    assertFalse(Files.exists(work.resolve("cycle")), "the cycle directory is removed");
  }

  /**
   * Runs {@code learn --once --margin MARGIN} from {@code model} in a child JVM ({@link LearnCrashMain}) that halts at
   * {@code step}; {@code extra} are more learn arguments.
   */
  static void killAt(Step step, Path model, Path store, Path work, String url, String margin, String... extra) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        LearnCrashMain.class.getName(), step.name(), "--store", store.toString(), "--model", model.toString(), "--work",
        work.toString(), "--url", url, "--once", "--min-samples", "50", "--epochs", "1", "--margin", margin));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(137, p.exitValue(), "the learner did not reach " + step + ":\n" + out);
      assertTrue(out.contains("halt at " + step), out);
    } finally {
      p.destroyForcibly();
    }
  }
}
