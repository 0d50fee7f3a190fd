package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.http.Limits;
import org.r2led.serving.http.ServeApp;
import org.r2led.serving.store.EventStore;

/**
 * The store's disk fills while the service runs: appends answer 503 with Retry-After, /health says the
 * store is not writable, and once space is freed writes recover without a restart, with every
 * acknowledged event kept and each refused batch wholly absent or wholly present. Needs a small tmpfs
 * (root and {@code mount}); skipped where it cannot mount one.
 */
@EnabledOnOs(OS.LINUX)
class ServeDiskFullTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesRecoverByThemselvesOnceTheDiskHasSpaceAgain() throws Exception {
    Path mnt = Files.createTempDirectory("r2led-tmpfs");
    Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", mnt.toString()) == 0,
        "cannot mount a tmpfs here (needs root)");
    EventStore store = null;
    ServeApp app = null;
    try {
      store = EventStore.open(mnt.resolve("store"), 100_000);
      app = new ServeApp(ScoringModel.load(ServeFixture.model()), store, Limits.DEFAULT, 1);
      int port = app.start("127.0.0.1", 0);
      assertEquals(200, ServeFixture.send(port, "POST", "/v1/events", batch("acked", 0, 50)).status());

      Path filler = mnt.resolve("filler");
      fill(filler);
      int refused = 0;
      for (int k = 0; k < 3; k++) {
        ServeFixture.Reply r = ServeFixture.send(port, "POST", "/v1/events", batch("refused" + k, 0, 2_000));
        assertEquals(503, r.status(), r.body());
        JsonNode err = JSON.readTree(r.body());
        assertEquals(503, err.get("status").asInt());
        assertTrue(err.get("error").asText().contains("not accepting writes"), r.body());
        refused++;
      }
      ServeFixture.Reply health = ServeFixture.send(port, "GET", "/health", null);
      assertEquals(503, health.status(), health.body());
      JsonNode h = JSON.readTree(health.body());
      assertEquals("unavailable", h.get("status").asText());
      assertEquals(false, h.get("store").get("writable").asBoolean());
      assertEquals("no space left on device", h.get("store").get("reason").asText());
      assertTrue(!health.body().contains(mnt.toString()), "health names no path: " + health.body());
      // reads still work while writes fail
      assertEquals(200, ServeFixture.send(port, "GET", "/v1/users/acked/history?limit=1000", null).status());

      Files.delete(filler);
      long deadline = System.currentTimeMillis() + 10_000;
      ServeFixture.Reply after;
      do {
        Thread.sleep(200);
        after = ServeFixture.send(port, "POST", "/v1/events", batch("after", 0, 10));
      } while (after.status() != 200 && System.currentTimeMillis() < deadline);
      assertEquals(200, after.status(), "writes did not recover after space was freed: " + after.body());
      assertEquals(200, ServeFixture.send(port, "GET", "/health", null).status());
      assertEquals(10, store.count("after"));
      assertEquals(50, store.count("acked"));
      assertEquals(50, store.history("acked").size());
      for (int k = 0; k < refused; k++) {
        long n = store.count("refused" + k);
        assertTrue(n == 0 || n == 2_000, "a refused batch is all or nothing, found " + n);
      }
      String metrics = ServeFixture.send(port, "GET", "/metrics", null).body();
      assertTrue(metrics.contains("r2led_store_writable 1"), metrics);
    } finally {
      if (app != null) app.close();
      if (store != null) store.close();
      run("umount", "-l", mnt.toString());
      Files.deleteIfExists(mnt);
    }
  }

  private static String batch(String user, long t0, int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"user\":\"").append(user).append("\",\"item\":\"item-").append(i)
          .append("-padding-padding-padding-padding-padding\",\"ts\":").append(1_700_000_000L + t0 + i).append('}');
    }
    return sb.append(']').toString();
  }

  private static void fill(Path file) throws IOException {
    byte[] block = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) out.write(block);
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left")) throw e;
    }
  }

  private static int run(String... cmd) throws IOException, InterruptedException {
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }
}
