package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.http.ServerOptions;
import org.r2led.serving.store.StoreLoader;

/**
 * {@code r2led learn --once} against a running service: a forced-worse candidate ({@code --margin -1}) is not
 * promoted and the served model stays; a promoted one is reloaded by the service and scores the new items with
 * their own rows; leftovers of an interrupted cycle are cleaned; {@code learn rollback} restores the previous model.
 * Each cycle is reported to the service, whose {@code /metrics} shows the last one.
 */
class LearnCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void aCycleTrainsEvaluatesAndPromotesOnlyABetterEnoughCandidate() throws Exception {
    try (ServeFixture.Served served = ServeFixture.serve(ServerOptions.defaults(2))) {
      int port = served.port();
      String url = "http://127.0.0.1:" + port;
      PreparedDataset fixture = PreparedDataset.open(ServeFixture.data());
      StoreLoader.load(fixture, served.store());
      postImpressions(port, fixture);
      String servedId = modelId(port);
      Path store = served.dir().resolve("store");

      Path worse = tmp.resolve("worse");
      CliRun r = learn(store, worse, url, "--margin", "-1");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("| rejected"), r.out());
      assertEquals(servedId, modelId(port), "a refused candidate is not served");
      assertEquals("v0", state(worse).get("current").asText());
      assertFalse(Files.exists(worse.resolve("versions/v1")), "a refused candidate is deleted");
      JsonNode line = JSON.readTree(Files.readAllLines(worse.resolve("cycles.jsonl")).get(0));
      assertEquals("rejected", line.get("decision").asText());
      assertTrue(line.get("candidate_auc").asDouble() < line.get("current_auc").asDouble() + 1);
      assertTrue(line.get("new_items").asInt() >= 5, line.toString());
      String metrics = metrics(port);
      assertTrue(metrics.contains("\nr2led_learn_cycles_total 1\n"), metrics);
      assertTrue(metrics.contains("r2led_learn_last_cycle_info{from=\"" + line.get("from") + "\",to=\"" + line.get("to")
          + "\",decision=\"rejected\",current=\"v0\",candidate=\"v1\"} 1\n"), metrics);
      assertTrue(metrics.contains("\nr2led_learn_samples " + line.get("samples").asInt() + "\n"), metrics);
      assertTrue(metrics.contains(String.format(Locale.ROOT, "%nr2led_learn_candidate_auc %.6f%n", line.get("candidate_auc").asDouble())),
          metrics);
      assertTrue(metrics.contains(String.format(Locale.ROOT, "%nr2led_learn_current_auc %.6f%n", line.get("current_auc").asDouble())),
          metrics);

      Path work = tmp.resolve("work");
      Files.createDirectories(work.resolve("cycle"));
      Files.writeString(work.resolve("cycle/partial"), "left by a killed cycle");
      Files.createDirectories(work.resolve("versions/v1"));
      Files.writeString(work.resolve("versions/v1/params.ckpt"), "half an export");
      r = learn(store, work, url, "--margin", "1");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("| promoted"), r.out());
      assertFalse(Files.exists(work.resolve("cycle")), "the cycle directory is removed");
      JsonNode st = state(work);
      assertEquals("v1", st.get("current").asText());
      assertFalse(st.get("reloadPending").asBoolean());
      ScoringModel v1 = ScoringModel.load(work.resolve("versions/v1"));
      assertEquals(v1.modelId(), modelId(port), "the service reloaded the promoted candidate");
      assertNotEquals(servedId, v1.modelId());
      assertTrue(metrics(port).contains("decision=\"promoted\",current=\"v0\",candidate=\"v1\"} 1\n"), metrics(port));
      assertTrue(v1.vocabulary().item("new-0") > 0, "a new item has its own row");
      JsonNode scores = JSON.readTree(ServeFixture.send(port, "POST", "/v1/score",
          "{\"user\":\"" + Files.readAllLines(fixture.dir().resolve("users/raw_id.txt")).get(0)
              + "\",\"candidates\":[\"new-0\",\"never-seen\"]}").body()).get("scores");
      assertNotEquals(scores.get(0).asDouble(), scores.get(1).asDouble(), "a new item does not score as out-of-vocabulary");

      r = learn(store, work, url, "--margin", "1");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("| skipped"), "nothing new since the last cycle: " + r.out());
      assertEquals(2, Files.readAllLines(work.resolve("cycles.jsonl")).size());
      metrics = metrics(port);
      assertTrue(metrics.contains("\nr2led_learn_cycles_total 3\n"), metrics);
      assertTrue(metrics.contains("decision=\"skipped\",current=\"v1\",candidate=\"\"} 1\n"), metrics);
      assertTrue(metrics.contains("\nr2led_learn_candidate_auc NaN\n"), "a skipped cycle scored nothing: " + metrics);

      r = CliRun.of("learn", "rollback", "--work", work.toString(), "--url", url);
      assertEquals(0, r.code(), r.err());
      assertEquals("v0", state(work).get("current").asText());
      assertEquals(servedId, modelId(port), "rollback reloads the previous model");
    }
  }

  @Test
  void aCycleReportIsCheckedBeforeMetricsShowIt() throws Exception {
    try (ServeFixture.Served served = ServeFixture.serve(ServerOptions.defaults(1))) {
      int port = served.port();
      assertTrue(metrics(port).contains("\nr2led_learn_cycles_total 0\n"));
      assertFalse(metrics(port).contains("r2led_learn_last_cycle_info"), "no cycle reported yet");
      String ok = "\"from\":100,\"to\":200,\"samples\":30,\"decision\":\"rejected\",\"current\":\"v2\",\"candidate_auc\":0.5,"
          + "\"current_auc\":0.75";
      Map<String, String> bad = Map.of(
          "{\"to\":200,\"samples\":1,\"decision\":\"skipped\"}", "from is missing",
          "{\"from\":300,\"to\":200,\"samples\":1,\"decision\":\"skipped\"}", "to must not be before from (300), got 200",
          "{\"from\":1,\"to\":200,\"samples\":-1,\"decision\":\"skipped\"}", "samples must be a non-negative integer, got -1",
          "{" + ok.replace("rejected", "maybe") + "}", "decision must be one of promoted, promoted-not-loaded, rejected, skipped, got 'maybe'",
          "{" + ok.replace("0.75", "1.5") + "}", "current_auc must be a number in [0, 1] or null, got 1.5",
          "{" + ok + ",\"auc\":1}", "auc is not a known field");
      for (Map.Entry<String, String> e : bad.entrySet()) {
        ServeFixture.Reply r = ServeFixture.send(port, "POST", "/admin/learn-cycle", e.getKey());
        assertEquals(400, r.status(), e.getKey());
        assertTrue(r.body().contains(e.getValue()), r.body());
      }
      assertEquals(200, ServeFixture.send(port, "POST", "/admin/learn-cycle", "{" + ok + "}").status());
      String m = metrics(port);
      assertTrue(m.contains("\nr2led_learn_cycles_total 1\n"), m);
      assertTrue(m.contains("\nr2led_learn_last_cycle_info{from=\"100\",to=\"200\",decision=\"rejected\",current=\"v2\",candidate=\"\"} 1\n"), m);
      assertTrue(m.contains("\nr2led_learn_candidate_auc 0.500000\n") && m.contains("\nr2led_learn_current_auc 0.750000\n"), m);
      assertTrue(m.contains("\nr2led_learn_positives 0\n"), m);
    }
  }

  @Test
  void durationsAndModesAreCheckedNamingTheValue() {
    assertEquals(90, LearnCommand.seconds("90s"));
    assertEquals(1800, LearnCommand.seconds("30m"));
    assertEquals(21_600, LearnCommand.seconds("6h"));
    assertEquals(86_400, LearnCommand.seconds("1d"));
    assertEquals(21_600, LearnCommand.seconds("PT6H"));
    for (String bad : new String[] {"5x", "0m", "-1h", "h", "PTx"}) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> LearnCommand.seconds(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    CliRun r = CliRun.of("learn", "--store", tmp.toString(), "--model", tmp.toString(), "--work", tmp.resolve("w").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("exactly one of --once and --every"), r.err());
  }

  static CliRun learn(Path store, Path work, String url, String... extra) { return learn(ServeFixture.model(), store, work, url, extra); }

  /** {@code learn --once} of {@code model} over {@code store} in {@code work}, reloading {@code url}; {@code extra}: more arguments. */
  static CliRun learn(Path model, Path store, Path work, String url, String... extra) {
    List<String> args = new ArrayList<>(List.of("learn", "--store", store.toString(), "--model", model.toString(),
        "--work", work.toString(), "--url", url, "--once", "--min-samples", "50", "--epochs", "1"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  /** Three impressions per user at times inside its history: the item of that event (clicked), another one, a new one. */
  static void postImpressions(int port, PreparedDataset fixture) throws Exception {
    List<String> users = Files.readAllLines(fixture.dir().resolve("users/raw_id.txt"));
    List<String> items = fixture.itemRawIds();
    Random rnd = new Random(7);
    List<String> batch = new ArrayList<>();
    for (int u = 0; u < fixture.numUsers(); u++) {
      int n = fixture.seqLength(u);
      for (int k = 1; k <= 3 && n >= 4; k++) {
        long e = fixture.seqStart(u) + (long) n * k / 4;
        String shown = items.get(fixture.eventItem(e));
        String other = items.get(1 + rnd.nextInt(fixture.numItems()));
        String fresh = "new-" + (u % 6);
        List<String> clicked = new ArrayList<>(List.of(shown));
        if (u % 2 == 0) clicked.add(fresh);
        String list = shown.equals(other) ? "\"" + shown + "\",\"" + fresh + "\"" : "\"" + shown + "\",\"" + other + "\",\"" + fresh + "\"";
        batch.add("{\"user\":\"" + users.get(u) + "\",\"ts\":" + fixture.eventTs(e) + ",\"items\":[" + list + "],\"clicked\":"
            + JSON.writeValueAsString(clicked) + "}");
      }
    }
    for (int i = 0; i < batch.size(); i += 50) {
      ServeFixture.Reply r = ServeFixture.send(port, "POST", "/v1/impressions",
          "{\"impressions\":[" + String.join(",", batch.subList(i, Math.min(batch.size(), i + 50))) + "]}");
      assertEquals(200, r.status(), r.body());
    }
  }

  static String metrics(int port) { return ServeFixture.send(port, "GET", "/metrics", null).body(); }

  static String modelId(int port) throws Exception {
    return JSON.readTree(ServeFixture.send(port, "GET", "/health", null).body()).get("model_id").asText();
  }

  static JsonNode state(Path work) throws Exception { return JSON.readTree(work.resolve("state.json").toFile()); }
}
