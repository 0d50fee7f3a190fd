package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: {@code r2led serve} as its own process, events posted from two threads, the process
 * killed with SIGKILL mid-stream, restarted on the same store: every acknowledged event is there.
 */
class ServeCrashTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)");
  static final int USERS = 5;

  @TempDir Path tmp;

  record Server(Process process, int port) {}

  static Server start(Path store) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        "org.r2led.cli.Main", "serve", "--model", ServeFixture.model().toString(), "--store", store.toString(), "--port", "0");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "serve-output");
        drain.setDaemon(true);
        drain.start();
        return new Server(p, Integer.parseInt(m.group(1)));
      }
    }
    p.destroyForcibly();
    throw new AssertionError("server did not start:\n" + seen);
  }

  /** Batch {@code b} of poster {@code thread}: its body, adding to {@code keys} what an acknowledgement of it stores. */
  interface Batch {
    String body(int thread, int b, List<String> keys);
  }

  /**
   * Two threads post {@code batch}es to {@code path} until the server is gone; once 150 are acknowledged (or after
   * 60 s) the server gets SIGKILL while both are sending. Returns the keys of every acknowledged batch.
   */
  static ConcurrentLinkedQueue<String> postThenKill(Server s, String path, Batch batch) throws Exception {
    ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
    AtomicInteger batches = new AtomicInteger();
    List<Thread> posters = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int thread = t;
      Thread poster = new Thread(() -> {
        for (int b = 0; b < 100_000; b++) {
          List<String> keys = new ArrayList<>();
          String body = batch.body(thread, b, keys);
          try {
            if (ServeFixture.send(s.port(), "POST", path, body).status() != 200) return;
          } catch (RuntimeException e) {
            return;   // the server is gone
          }
          acked.addAll(keys);
          batches.incrementAndGet();
        }
      }, "poster-" + t);
      poster.start();
      posters.add(poster);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (batches.get() < 150 && System.nanoTime() < deadline) Thread.sleep(5);
    s.process().destroyForcibly();   // SIGKILL while both posters are sending
    assertTrue(s.process().waitFor(30, TimeUnit.SECONDS));
    for (Thread p : posters) p.join(60_000);
    return acked;
  }

  @Test
  void everyAcknowledgedEventSurvivesSigkill() throws Exception {
    Path store = tmp.resolve("store");
    Server s = start(store);
    ConcurrentLinkedQueue<String> acked = postThenKill(s, "/v1/events", (thread, b, keys) -> {
      StringBuilder body = new StringBuilder("[");
      for (int k = 0; k < 10; k++) {
        String item = "t" + thread + "-b" + b + "-k" + k;
        keys.add("u" + (k % USERS) + " " + item);
        body.append(k > 0 ? "," : "").append("{\"user\":\"u").append(k % USERS).append("\",\"item\":\"").append(item)
            .append("\",\"ts\":").append(1_700_000_000L + (b * 7L + k * 13L) % 5000).append('}');
      }
      return body.append(']').toString();
    });
    assertTrue(acked.size() >= 1000, "acknowledged before the kill: " + acked.size());

    Server again = start(store);
    try {
      Set<String> stored = new HashSet<>();
      for (int u = 0; u < USERS; u++) {
        String cursor = null;
        long lastTs = 0;
        do {
          JsonNode page = JSON.readTree(ServeFixture.send(again.port(), "GET",
              "/v1/users/u" + u + "/history?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor), null).body());
          for (JsonNode e : page.get("events")) {
            stored.add("u" + u + " " + e.get("item").asText());
            assertTrue(e.get("ts").asLong() >= lastTs, "time order");
            lastTs = e.get("ts").asLong();
          }
          cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
      }
      List<String> lost = acked.stream().filter(e -> !stored.contains(e)).limit(10).toList();
      assertEquals(List.of(), lost, "acknowledged events missing after the crash (" + acked.size() + " acknowledged)");
      assertEquals(200, ServeFixture.send(again.port(), "POST", "/v1/events",
          "{\"user\":\"u0\",\"item\":\"after\",\"ts\":1700000001}").status());
    } finally {
      again.process().destroy();
      again.process().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
