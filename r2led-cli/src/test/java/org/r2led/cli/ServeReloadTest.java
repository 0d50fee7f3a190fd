package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.UserHistory;
import org.r2led.serving.http.Limits;
import org.r2led.serving.http.ServeApp;
import org.r2led.serving.store.EventStore;

/** POST /admin/reload while score requests run: none fails, every answer is one model's, then the new one's. */
class ServeReloadTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void reloadUnderConcurrentScoringDropsNothingAndSwitchesScores() throws Exception {
    ScoringModel a = ScoringModel.load(ServeFixture.model());
    ScoringModel b = ScoringModel.load(ServeFixture.model2());
    assertNotEquals(a.modelId(), b.modelId());
    List<String> candidates = List.of("7", "12", "40", "99", "new-item");
    UserHistory h = UserHistory.of(List.of("3", "12", "40"), new long[] {1700000000L, 1700000100L, 1700000200L});
    float[] wantA = a.score(h, candidates);
    float[] wantB = b.score(h, candidates);
    try (EventStore store = EventStore.open(tmp.resolve("store"), 1000); ServeApp app = new ServeApp(a, store, Limits.DEFAULT, 2)) {
      int port = app.start("127.0.0.1", 0);
      assertEquals(200, ServeFixture.send(port, "POST", "/v1/events", "[{\"user\":\"u\",\"item\":\"3\",\"ts\":1700000000},"
          + "{\"user\":\"u\",\"item\":\"12\",\"ts\":1700000100},{\"user\":\"u\",\"item\":\"40\",\"ts\":1700000200}]").status());
      String req = "{\"user\":\"u\",\"candidates\":" + JSON.writeValueAsString(candidates) + "}";
      AtomicBoolean reloaded = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger afterReload = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      AtomicInteger answered = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        Thread client = new Thread(() -> {
          while (!stop.get()) {
            boolean wasReloaded = reloaded.get();
            try {
              ServeFixture.Reply r = ServeFixture.send(port, "POST", "/v1/score", req);
              if (r.status() != 200) {
                failures.add(r.status() + " " + r.body());
                continue;
              }
              JsonNode n = JSON.readTree(r.body());
              String id = n.get("model_id").asText();
              float[] want = id.equals(a.modelId()) ? wantA : id.equals(b.modelId()) ? wantB : null;
              if (want == null) failures.add("unknown model id " + id);
              else for (int i = 0; i < want.length; i++) {
                if (Math.abs(want[i] - n.get("scores").get(i).asDouble()) > 1e-6) failures.add("score " + i + " of " + id);
              }
              if (wasReloaded) {
                if (!id.equals(b.modelId())) failures.add("old model answered after the reload returned");
                afterReload.incrementAndGet();
              }
              answered.incrementAndGet();
            } catch (Exception e) {
              failures.add(e.toString());
            }
          }
        });
        client.start();
        clients.add(client);
      }
      while (answered.get() < 20) Thread.sleep(10);
      ServeFixture.Reply r = ServeFixture.send(port, "POST", "/admin/reload",
          "{\"model\":" + JSON.writeValueAsString(ServeFixture.model2().toString()) + "}");
      assertEquals(200, r.status(), r.body());
      reloaded.set(true);
      JsonNode body = JSON.readTree(r.body());
      assertEquals(b.modelId(), body.get("model_id").asText());
      assertEquals(a.modelId(), body.get("previous_model_id").asText());
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (afterReload.get() < 20 && System.nanoTime() < deadline) Thread.sleep(10);
      stop.set(true);
      for (Thread t : clients) t.join();
      assertTrue(failures.isEmpty(), failures.toString());
      assertTrue(afterReload.get() >= 20, "requests after the reload: " + afterReload.get());

      // a bad directory is refused naming the field; the new model stays and keeps serving
      ServeFixture.Reply bad = ServeFixture.send(port, "POST", "/admin/reload", "{\"model\":\"" + tmp.resolve("nothing") + "\"}");
      assertEquals(422, bad.status(), bad.body());
      assertEquals("model", JSON.readTree(bad.body()).get("field").asText());
      assertEquals(400, ServeFixture.send(port, "POST", "/admin/reload", "{\"dir\":\"x\"}").status());
      // a model.json entry reaching outside the directory: refused, no hash of the outside file in the answer
      Path crafted = tmp.resolve("crafted");
      org.r2led.io.FileTrees.copy(ServeFixture.model(), crafted);
      Path secret = tmp.resolve("secret.txt");
      Files.writeString(secret, "not for clients");
      com.fasterxml.jackson.databind.node.ObjectNode manifest =
          (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(crafted.resolve("model.json").toFile());
      ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("files")).put(crafted.relativize(secret).toString(), "0".repeat(64));
      Files.writeString(crafted.resolve("model.json"), JSON.writeValueAsString(manifest));
      ServeFixture.Reply outside = ServeFixture.send(port, "POST", "/admin/reload", "{\"model\":\"" + crafted + "\"}");
      assertEquals(422, outside.status(), outside.body());
      assertTrue(outside.body().contains("not a relative path inside the model directory"), outside.body());
      assertTrue(!outside.body().contains(org.r2led.io.Hashing.sha256(secret)), outside.body());
      assertEquals(b.modelId(), JSON.readTree(ServeFixture.send(port, "GET", "/health", null).body()).get("model_id").asText());
      String metrics = ServeFixture.send(port, "GET", "/metrics", null).body();
      assertTrue(metrics.contains("model_id=\"" + b.modelId() + "\""), metrics);
      assertTrue(metrics.contains("r2led_model_reloads 1"), metrics);
    }
  }
}
