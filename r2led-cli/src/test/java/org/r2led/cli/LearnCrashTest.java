package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.cli.learn.Learner;
import org.r2led.data.PreparedDataset;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.http.ServerOptions;
import org.r2led.serving.store.StoreLoader;

/**
 * {@code r2led learn --once} as its own JVM, killed with SIGKILL mid-cycle: after the export (candidate written,
 * state not switched) the served model and the state stay the last promoted ones and the next cycle completes;
 * after the state switch but before the reload the next cycle reloads the service.
 */
class LearnCrashTest {
  @TempDir Path tmp;

  @Test
  void aKilledCycleLeavesTheServedModelAndTheNextCycleCompletes() throws Exception {
    try (ServeFixture.Served served = ServeFixture.serve(ServerOptions.defaults(2))) {
      int port = served.port();
      String url = "http://127.0.0.1:" + port;
      PreparedDataset fixture = PreparedDataset.open(ServeFixture.data());
      StoreLoader.load(fixture, served.store());
      LearnCommandTest.postImpressions(port, fixture);
      String servedId = LearnCommandTest.modelId(port);
      Path store = served.dir().resolve("store");
      Path work = tmp.resolve("work");

      killAt("exported", store, work, url);
      assertTrue(Files.isDirectory(work.resolve("versions/v1")), "the candidate was exported before the kill");
      assertFalse(Files.exists(work.resolve("state.json")), "no promotion was recorded");
      assertEquals(servedId, LearnCommandTest.modelId(port));

      killAt("promoted", store, work, url);
      assertEquals("v1", LearnCommandTest.state(work).get("current").asText());
      assertTrue(LearnCommandTest.state(work).get("reloadPending").asBoolean(), "promoted, not yet loaded");
      assertEquals(servedId, LearnCommandTest.modelId(port), "killed before the reload: the service serves the last loaded model");

      CliRun r = LearnCommandTest.learn(store, work, url, "--margin", "1");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("| skipped"), "the window was consumed by the promotion: " + r.out());
      assertFalse(LearnCommandTest.state(work).get("reloadPending").asBoolean());
      assertEquals(ScoringModel.load(work.resolve("versions/v1")).modelId(), LearnCommandTest.modelId(port),
          "the next cycle retried the reload");
    }
  }

  /** Runs {@code learn --once --margin 1} in a child JVM paused at {@code step} and kills it there with SIGKILL. */
  private static void killAt(String step, Path store, Path work, String url) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-D" + Learner.PAUSE_PROPERTY + "=" + step, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
        System.getProperty("java.class.path"), "org.r2led.cli.Main", "learn", "--store", store.toString(), "--model",
        ServeFixture.model().toString(), "--work", work.toString(), "--url", url, "--once", "--min-samples", "50", "--epochs", "1",
        "--margin", "1"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Process p = pb.start();
    StringBuilder seen = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        seen.append(line).append('\n');
        if (line.equals("paused at " + step)) {
          p.destroyForcibly();   // SIGKILL
          assertTrue(p.waitFor(30, TimeUnit.SECONDS));
          return;
        }
      }
    } finally {
      p.destroyForcibly();
    }
    throw new AssertionError("the learner did not reach " + step + " (exit " + p.waitFor() + "):\n" + seen);
  }
}
