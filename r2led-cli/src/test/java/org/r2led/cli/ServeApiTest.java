package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.UserHistory;
import org.r2led.serving.http.Limits;
import org.r2led.serving.http.ServeApp;
import org.r2led.serving.store.EventStore;

/** The service in-process on a random port: events, then scores equal to the in-process API; paging; store load. */
class ServeApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static ScoringModel model;
  static EventStore store;
  static ServeApp app;
  static int port;

  @BeforeAll
  static void start() {
    model = ScoringModel.load(ServeFixture.model());
    store = EventStore.open(tmp.resolve("store"), 10_000);
    app = new ServeApp(model, store, Limits.DEFAULT, 2);
    port = app.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (store != null) store.close();
  }

  static JsonNode ok(ServeFixture.Reply r) throws Exception {
    assertEquals(200, r.status(), r.body());
    return JSON.readTree(r.body());
  }

  @Test
  void scoresOverStoredEventsEqualTheInProcessApi() throws Exception {
    String behavior = model.manifest().behaviors().get(0);
    // out of order, across two requests; one event without a type, one with a category name
    ok(ServeFixture.send(port, "POST", "/v1/events",
        "[{\"user\":\"alice\",\"item\":\"12\",\"ts\":1700000300,\"type\":\"" + behavior + "\"},"
            + "{\"user\":\"bob\",\"item\":\"3\",\"ts\":1700000000},"
            + "{\"user\":\"alice\",\"item\":\"40\",\"ts\":1700000100}]"));
    ok(ServeFixture.send(port, "POST", "/v1/events",
        "{\"user\":\"alice\",\"item\":\"7\",\"ts\":1700000900,\"type\":\"" + behavior + "\",\"category\":null}"));
    List<String> candidates = List.of("7", "99", "12", "new-item", "250");
    JsonNode r = ok(ServeFixture.send(port, "POST", "/v1/score",
        "{\"user\":\"alice\",\"candidates\":" + JSON.writeValueAsString(candidates) + "}"));
    assertEquals(3, r.get("history_length").asInt());
    assertEquals(model.modelId(), r.get("model_id").asText());
    UserHistory expected = new UserHistory(new String[] {"40", "12", "7"}, new long[] {1700000100L, 1700000300L, 1700000900L},
        new String[] {behavior, behavior, behavior}, null);
    float[] want = model.score(expected, candidates);
    assertEquals(want.length, r.get("scores").size());
    for (int i = 0; i < want.length; i++) assertEquals(want[i], r.get("scores").get(i).asDouble(), 1e-6, "candidate " + i);

    // a history without types scores as one without behaviors
    JsonNode b = ok(ServeFixture.send(port, "POST", "/v1/score", "{\"user\":\"bob\",\"candidates\":[\"3\",\"4\"]}"));
    float[] wantBob = model.score(UserHistory.of(List.of("3"), new long[] {1700000000L}), List.of("3", "4"));
    for (int i = 0; i < 2; i++) assertEquals(wantBob[i], b.get("scores").get(i).asDouble(), 1e-6);

    JsonNode unknown = ok(ServeFixture.send(port, "POST", "/v1/score", "{\"user\":\"nobody\",\"candidates\":[\"1\"]}"));
    assertEquals(0, unknown.get("history_length").asInt());
    assertEquals(1, unknown.get("scores").size());
  }

  @Test
  void historyPagesWalkTheUsersEventsInTimeOrder() throws Exception {
    StringBuilder body = new StringBuilder("[");
    for (int i = 24; i >= 0; i--) {   // newest first: the store orders them
      body.append(i < 24 ? "," : "").append("{\"user\":\"pager/ü\",\"item\":\"i").append(i).append("\",\"ts\":").append(1_700_000_000L + i).append('}');
    }
    assertEquals(25, ok(ServeFixture.send(port, "POST", "/v1/events", body + "]")).get("accepted").asInt());
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String q = "/v1/users/pager%2F%C3%BC/history?limit=10" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page = ok(ServeFixture.send(port, "GET", q, null));
      assertEquals("pager/ü", page.get("user").asText());
      page.get("events").forEach(e -> seen.add(e.get("item").asText()));
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 10);
    assertEquals(3, pages);
    List<String> want = new ArrayList<>();
    for (int i = 0; i < 25; i++) want.add("i" + i);
    assertEquals(want, seen);
    JsonNode empty = ok(ServeFixture.send(port, "GET", "/v1/users/nobody/history", null));
    assertEquals(0, empty.get("events").size());
    assertTrue(empty.get("next_cursor").isNull());
  }

  @Test
  void healthAndMetrics() throws Exception {
    JsonNode h = ok(ServeFixture.send(port, "GET", "/health", null));
    assertEquals("ok", h.get("status").asText());
    ServeFixture.send(port, "POST", "/v1/score", "{\"user\":\"x\"}");
    ServeFixture.Reply m = ServeFixture.send(port, "GET", "/metrics", null);
    assertEquals(200, m.status());
    assertTrue(m.body().contains("r2led_http_requests_total{route=\"/health\",status=\"200\"} "), m.body());
    assertTrue(m.body().contains("r2led_http_requests_total{route=\"/v1/score\",status=\"400\"} "), m.body());
    assertTrue(m.body().contains("r2led_http_request_duration_seconds_bucket{route=\"/health\",le=\"+Inf\"} "), m.body());
    assertTrue(m.body().contains("r2led_model_info{model=\"din\",model_id=\"" + model.modelId() + "\""), m.body());
    assertTrue(m.body().contains("r2led_store_keys_estimate "), m.body());
  }

  @Test
  void storeLoadFillsTheStoreWithTheDatasetsRawIds() throws Exception {
    Path st = tmp.resolve("loaded");
    CliRun l = CliRun.of("store", "load", "--data", ServeFixture.data().toString(), "--store", st.toString());
    assertEquals(0, l.code(), l.err());
    assertTrue(l.out().startsWith("loaded "), l.out());
    PreparedDataset ds = PreparedDataset.open(ServeFixture.data());
    String user0 = java.nio.file.Files.readAllLines(ServeFixture.data().resolve("users/raw_id.txt")).get(0);
    try (EventStore s = EventStore.open(st, 10_000)) {
      var h = s.history(user0);
      assertEquals(ds.seqLength(0), h.size());
      assertEquals(ds.itemRawIds().get(ds.eventItem(ds.seqStart(0))), h.get(0).item());
      assertEquals(ds.eventTs(ds.seqStart(0)), h.get(0).ts());
      assertNotNull(h.get(0).type());
    }
    CliRun again = CliRun.of("store", "load", "--data", ServeFixture.data().toString(), "--store", st.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("--append"), again.err());
    assertNull(null);
  }
}
