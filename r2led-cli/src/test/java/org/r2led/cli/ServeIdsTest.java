package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.http.Limits;
import org.r2led.serving.http.ServeApp;
import org.r2led.serving.http.ServerOptions;
import org.r2led.serving.store.EventStore;

/**
 * Ids that are no valid Unicode (lone surrogates, as JSON escapes or encoded in the bytes), hold control
 * characters, or arrive as malformed UTF-8: each is a 400 naming the field, and nothing is stored (before,
 * {@code "\ud800"} was stored as user {@code "?"}).
 */
class ServeIdsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static ServeFixture.Served served;

  @BeforeAll
  static void start() {
    served = ServeFixture.serve(ServerOptions.defaults(1));
  }

  @AfterAll
  static void stop() { served.close(); }

  record Bad(String name, String method, String path, byte[] body, String field) {}

  static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  /** {@code {"user":"u<bytes>v","item":"1","ts":…}} with {@code bytes} spliced raw into the user id. */
  static byte[] rawUser(int... bytes) {
    byte[] head = utf8("{\"user\":\"u");
    byte[] tail = utf8("v\",\"item\":\"1\",\"ts\":1700000000}");
    byte[] out = new byte[head.length + bytes.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    for (int i = 0; i < bytes.length; i++) out[head.length + i] = (byte) bytes[i];
    System.arraycopy(tail, 0, out, head.length + bytes.length, tail.length);
    return out;
  }

  static String ev(String user, String item, String extra) {
    return "{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"ts\":1700000000" + extra + "}";
  }

  @Test
  void invalidIdsAreRejectedInEveryRouteAndNothingIsStored() throws Exception {
    String e = "/v1/events";
    String s = "/v1/score";
    List<Bad> cases = List.of(
        new Bad("user lone high surrogate", "POST", e, utf8(ev("\\ud800", "1", "")), "user"),
        new Bad("user lone low surrogate", "POST", e, utf8(ev("\\udfff", "1", "")), "user"),
        new Bad("reversed pair", "POST", e, utf8(ev("a\\udc00\\ud800", "1", "")), "user"),
        new Bad("third event of a batch", "POST", e,
            utf8("[" + ev("m", "1", "") + "," + ev("m", "2", "") + "," + ev("\\udfff", "3", "") + "]"), "[2].user"),
        new Bad("item with NUL", "POST", e, utf8(ev("m", "a\\u0000b", "")), "item"),
        new Bad("type with newline", "POST", e, utf8(ev("m", "1", ",\"type\":\"pv\\n\"")), "type"),
        new Bad("category lone surrogate", "POST", e, utf8(ev("m", "1", ",\"category\":\"\\ud83d\"")), "category"),
        new Bad("item with DEL", "POST", e, utf8(ev("m", "\\u007f", "")), "item"),
        new Bad("raw byte 0xFF", "POST", e, rawUser(0xFF), "body"),
        new Bad("raw encoded surrogate ED A0 80", "POST", e, rawUser(0xED, 0xA0, 0x80), "body"),
        new Bad("raw overlong slash C0 AF", "POST", e, rawUser(0xC0, 0xAF), "body"),
        new Bad("raw truncated sequence E2 82", "POST", e, rawUser(0xE2, 0x82), "body"),
        new Bad("field named by a lone surrogate (Jackson refuses)", "POST", e, utf8("{\"\\ud800\":1}"), "body"),
        new Bad("score: user lone surrogate", "POST", s, utf8("{\"user\":\"\\ud800\",\"candidates\":[\"1\"]}"), "user"),
        new Bad("score: candidate lone surrogate", "POST", s, utf8("{\"user\":\"m\",\"candidates\":[\"1\",\"\\udfff\"]}"),
            "candidates[1]"),
        new Bad("score: candidate with tab", "POST", s, utf8("{\"user\":\"m\",\"candidates\":[\"a\\tb\"]}"), "candidates[0]"),
        new Bad("history: %FF", "GET", "/v1/users/a%FFb/history", null, "id"),
        new Bad("history: encoded surrogate", "GET", "/v1/users/a%ED%A0%80b/history", null, "id"),
        new Bad("history: control character", "GET", "/v1/users/a%01b/history", null, "id"),
        new Bad("history: too long", "GET", "/v1/users/" + "u".repeat(1025) + "/history", null, "id"));
    List<String> failures = new ArrayList<>();
    for (Bad b : cases) {
      ServeFixture.Raw r = ServeFixture.raw(served.port(), b.method() + " " + b.path() + " HTTP/1.1",
          b.body() == null ? "" : "Content-Type: application/json\r\n", b.body());
      String problem = null;
      if (r.status() != 400) {
        problem = "status " + r.status();
      } else {
        JsonNode j = JSON.readTree(r.body());
        if (!b.field().equals(j.path("field").asText()) || j.path("error").asText().isEmpty() || j.path("status").asInt() != 400) {
          problem = "field " + j.path("field");
        }
      }
      if (problem != null) failures.add(b.name() + ": " + problem + " (" + r.body() + ")");
    }
    assertEquals(List.of(), failures);
    for (String user : List.of("?", "\uFFFD", "m", "u?v", "u\uFFFDv", "u/v")) assertEquals(0, served.store().count(user), user);
  }

  @Test
  void validUnusualIdsRoundTrip() throws Exception {
    // a surrogate pair (emoji), a slash sent as %2F in the path, a plus sign kept as is
    String user = "p/\uD83D\uDE00+q";
    assertEquals(200, ServeFixture.raw(served.port(), "POST /v1/events HTTP/1.1", "",
        utf8(ev("p/\\ud83d\\ude00+q", "1", ""))).status());
    assertEquals(1, served.store().count(user));
    ServeFixture.Raw r = ServeFixture.raw(served.port(), "GET /v1/users/p%2F%F0%9F%98%80+q/history HTTP/1.1", "", null);
    assertEquals(200, r.status(), r.body());
    assertEquals(user, JSON.readTree(r.body()).path("user").asText());
    assertEquals(1, JSON.readTree(r.body()).path("events").size());
  }

  @Test
  void recommendChecksItsUserIdToo(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("popular");
    CliRun train = CliRun.of("retrieve", "train", "--data", ServeFixture.data().toString(), "--model", "popular",
        "--out", run.toString(), "--no-progress");
    assertEquals(0, train.code(), train.err());
    org.r2led.recall.RecallRun.Loaded r = new RetrieverOptions().load(run);
    try (EventStore store = EventStore.open(dir.resolve("store"), 100);
        ServeApp app = new ServeApp(ScoringModel.load(ServeFixture.model()), store, Limits.DEFAULT, 1)
            .withRetriever(r.retriever(), r.dataset())) {
      int port = app.start("127.0.0.1", 0);
      for (String user : List.of("\\ud800", "a\\u0000b", "")) {
        ServeFixture.Raw reply = ServeFixture.raw(port, "POST /v1/recommend HTTP/1.1", "", utf8("{\"user\":\"" + user + "\"}"));
        assertEquals(400, reply.status(), reply.body());
        assertEquals("user", JSON.readTree(reply.body()).path("field").asText(), reply.body());
      }
      assertEquals(200, ServeFixture.raw(port, "POST /v1/recommend HTTP/1.1", "", utf8("{\"user\":\"fresh\",\"n\":3}")).status());
    }
  }
}
