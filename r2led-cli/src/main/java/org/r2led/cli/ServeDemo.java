package org.r2led.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.io.FileTrees;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.http.Limits;
import org.r2led.serving.http.ServeApp;
import org.r2led.serving.store.EventStore;

/**
 * The end of the quickstart: the exported model served briefly on a free loopback port over a
 * temporary event store; a few users' latest events are posted, those users are scored against a
 * few items over HTTP, and the service is stopped.
 */
final class ServeDemo {
  private ServeDemo() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs the demo; prints the scores to {@code out}. */
  static void run(Path modelDir, PreparedDataset ds, Path dataDir, PrintStream out) throws IOException {
    ScoringModel model = ScoringModel.load(modelDir);
    List<String> userIds = Files.readAllLines(dataDir.resolve("users/raw_id.txt"));
    List<String> itemIds = ds.itemRawIds();
    List<String> behaviors = ds.manifest().behaviors();
    int users = Math.min(3, userIds.size());
    List<Map<String, Object>> events = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      long start = ds.seqStart(u);
      int len = ds.seqLength(u);
      for (long e = start + Math.max(0, len - 20); e < start + len; e++) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("user", userIds.get(u));
        ev.put("item", itemIds.get(ds.eventItem(e)));
        ev.put("ts", ds.eventTs(e));
        int b = ds.eventBehavior(e);
        if (b >= 1 && b <= behaviors.size()) ev.put("type", behaviors.get(b - 1));
        events.add(ev);
      }
    }
    List<String> candidates = itemIds.subList(1, Math.min(itemIds.size(), 6));
    Path tmp = Files.createTempDirectory("r2led-quickstart-store");
    try (EventStore store = EventStore.open(tmp.resolve("store"), 10_000); ServeApp app = new ServeApp(model, store, Limits.DEFAULT, 1)) {
      URI base = URI.create("http://127.0.0.1:" + app.start("127.0.0.1", 0));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      out.println("service: " + model.manifest().model() + " (model id " + model.modelId() + ") on " + base);
      JsonNode acc = post(http, base.resolve("/v1/events"), JSON.writeValueAsString(events));
      out.println("POST /v1/events: " + acc.get("accepted").asInt() + " events of " + users + " users accepted");
      StringBuilder table = new StringBuilder("| user | history | " + String.join(" | ", candidates) + " |\n|---|---:|");
      table.append("---:|".repeat(candidates.size())).append('\n');
      for (int u = 0; u < users; u++) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("user", userIds.get(u));
        req.put("candidates", candidates);
        JsonNode r = post(http, base.resolve("/v1/score"), JSON.writeValueAsString(req));
        table.append("| ").append(userIds.get(u)).append(" | ").append(r.get("history_length").asInt()).append(" |");
        for (JsonNode p : r.get("scores")) table.append(String.format(Locale.ROOT, " %.4f |", p.asDouble()));
        table.append('\n');
      }
      out.println("POST /v1/score: click probabilities of items " + String.join(", ", candidates));
      out.print(table);
    } finally {
      FileTrees.delete(tmp);
    }
    out.println("service stopped. Serve it yourself: ./r2led serve --model " + modelDir + " --store STORE_DIR (docs/serving.md)");
  }

  private static JsonNode post(HttpClient http, URI uri, String body) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) throw new IllegalStateException("POST " + uri.getPath() + " answered " + r.statusCode() + ": " + r.body());
      return JSON.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }
}
