package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.r2led.serving.http.ServerOptions;

/**
 * Bad requests, each answered with the right 4xx and a JSON error naming the field; nothing of a
 * rejected batch is stored, and the server keeps serving.
 */
class MalformedInputTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static ServeFixture.Served served;

  @BeforeAll
  static void start() {
    served = ServeFixture.serve(ServerOptions.defaults(2));
  }

  @AfterAll
  static void stop() { served.close(); }

  record Bad(String name, String method, String path, String body, int status, String field) {}

  static String ev(String fields) { return "{\"user\":\"m\",\"item\":\"1\",\"ts\":1700000000" + fields + "}"; }

  static String repeat(String s, int n) { return String.join(",", java.util.Collections.nCopies(n, s)); }

  static List<Bad> cases() {
    String e = "/v1/events";
    String s = "/v1/score";
    List<Bad> c = new ArrayList<>();
    c.add(new Bad("truncated JSON", "POST", e, "{\"user\":", 400, "body"));
    c.add(new Bad("empty body", "POST", e, "", 400, "body"));
    c.add(new Bad("JSON string", "POST", e, "\"hello\"", 400, "body"));
    c.add(new Bad("JSON null", "POST", e, "null", 400, "body"));
    c.add(new Bad("empty array", "POST", e, "[]", 400, "body"));
    c.add(new Bad("trailing garbage", "POST", e, ev("") + " x", 400, "body"));
    c.add(new Bad("nested too deep", "POST", e, "[".repeat(100) + "]".repeat(100), 400, "body"));
    c.add(new Bad("missing user", "POST", e, "{\"item\":\"1\",\"ts\":1700000000}", 400, "user"));
    c.add(new Bad("user is a number", "POST", e, "{\"user\":5,\"item\":\"1\",\"ts\":1700000000}", 400, "user"));
    c.add(new Bad("user is empty", "POST", e, "{\"user\":\"\",\"item\":\"1\",\"ts\":1700000000}", 400, "user"));
    c.add(new Bad("user too long", "POST", e, "{\"user\":\"" + "u".repeat(2000) + "\",\"item\":\"1\",\"ts\":1700000000}", 400, "user"));
    c.add(new Bad("missing item", "POST", e, "{\"user\":\"m\",\"ts\":1700000000}", 400, "item"));
    c.add(new Bad("item is an object", "POST", e, "{\"user\":\"m\",\"item\":{},\"ts\":1700000000}", 400, "item"));
    c.add(new Bad("missing ts", "POST", e, "{\"user\":\"m\",\"item\":\"1\"}", 400, "ts"));
    c.add(new Bad("ts is a string", "POST", e, "{\"user\":\"m\",\"item\":\"1\",\"ts\":\"1700000000\"}", 400, "ts"));
    c.add(new Bad("ts is a fraction", "POST", e, "{\"user\":\"m\",\"item\":\"1\",\"ts\":1.7e9}", 400, "ts"));
    c.add(new Bad("ts is a boolean", "POST", e, "{\"user\":\"m\",\"item\":\"1\",\"ts\":true}", 400, "ts"));
    c.add(new Bad("ts negative", "POST", e, "{\"user\":\"m\",\"item\":\"1\",\"ts\":-5}", 400, "ts"));
    c.add(new Bad("ts zero", "POST", e, "{\"user\":\"m\",\"item\":\"1\",\"ts\":0}", 400, "ts"));
    c.add(new Bad("ts in 2100", "POST", e, "{\"user\":\"m\",\"item\":\"1\",\"ts\":4102444800}", 400, "ts"));
    c.add(new Bad("ts in milliseconds", "POST", e, "{\"user\":\"m\",\"item\":\"1\",\"ts\":1700000000000}", 400, "ts"));
    c.add(new Bad("ts beyond long", "POST", e, "{\"user\":\"m\",\"item\":\"1\",\"ts\":99999999999999999999999}", 400, "ts"));
    c.add(new Bad("type is a number", "POST", e, ev(",\"type\":3"), 400, "type"));
    c.add(new Bad("category is an array", "POST", e, ev(",\"category\":[\"a\"]"), 400, "category"));
    c.add(new Bad("unknown field", "POST", e, ev(",\"itme\":\"2\""), 400, "itme"));
    c.add(new Bad("bad third event of a batch", "POST", e,
        "[" + ev("") + "," + ev("") + ",{\"user\":\"m\",\"item\":\"1\",\"ts\":-1}]", 400, "[2].ts"));
    c.add(new Bad("non-object in a batch", "POST", e, "[" + ev("") + ",7]", 400, "[1]"));
    c.add(new Bad("too many events", "POST", e, "[" + repeat(ev(""), 10_001) + "]", 413, "body"));
    c.add(new Bad("body over 2 MiB", "POST", e, "[" + repeat(ev(",\"category\":\"" + "c".repeat(1000) + "\""), 2200) + "]", 413, "body"));
    c.add(new Bad("score: missing user", "POST", s, "{\"candidates\":[\"1\"]}", 400, "user"));
    c.add(new Bad("score: missing candidates", "POST", s, "{\"user\":\"m\"}", 400, "candidates"));
    c.add(new Bad("score: candidates a string", "POST", s, "{\"user\":\"m\",\"candidates\":\"1\"}", 400, "candidates"));
    c.add(new Bad("score: no candidates", "POST", s, "{\"user\":\"m\",\"candidates\":[]}", 400, "candidates"));
    c.add(new Bad("score: numeric candidate", "POST", s, "{\"user\":\"m\",\"candidates\":[\"1\",2]}", 400, "candidates[1]"));
    c.add(new Bad("score: too many candidates", "POST", s,
        "{\"user\":\"m\",\"candidates\":[" + repeat("\"1\"", 1001) + "]}", 400, "candidates"));
    c.add(new Bad("score: unknown field", "POST", s, "{\"user\":\"m\",\"candidates\":[\"1\"],\"k\":5}", 400, "k"));
    c.add(new Bad("score: array body", "POST", s, "[]", 400, "body"));
    c.add(new Bad("history: limit not a number", "GET", "/v1/users/m/history?limit=abc", null, 400, "limit"));
    c.add(new Bad("history: limit 0", "GET", "/v1/users/m/history?limit=0", null, 400, "limit"));
    c.add(new Bad("history: limit too large", "GET", "/v1/users/m/history?limit=5000", null, 400, "limit"));
    c.add(new Bad("history: bad cursor", "GET", "/v1/users/m/history?cursor=xyz", null, 400, "cursor"));
    c.add(new Bad("unknown route", "GET", "/v1/nothing", null, 404, "path"));
    return c;
  }

  @Test
  void everyBadRequestGetsItsFourHundredNamingTheField() throws Exception {
    List<Bad> cases = cases();
    Set<String> names = new HashSet<>();
    for (Bad b : cases) assertTrue(names.add(b.name()), "duplicate case " + b.name());
    assertTrue(cases.size() >= 25, "at least 25 distinct bad requests");
    List<String> failures = new ArrayList<>();
    for (Bad b : cases) {
      ServeFixture.Reply r = ServeFixture.send(served.port(), b.method(), b.path(), b.body());
      String problem = null;
      if (r.status() != b.status()) {
        problem = "status " + r.status();
      } else {
        try {
          JsonNode j = JSON.readTree(r.body());
          if (!b.field().equals(j.path("field").asText()) || j.path("error").asText().isEmpty()) problem = "field " + j.path("field");
        } catch (Exception ex) {
          problem = "not JSON";
        }
      }
      if (problem != null) failures.add(b.name() + ": " + problem + " (" + r.body() + ")");
    }
    assertEquals(List.of(), failures);
    // nothing of the rejected batches was stored, and the server still serves
    assertEquals(0, served.store().count("m"));
    assertEquals(200, ServeFixture.send(served.port(), "GET", "/health", null).status());
    assertEquals(200, ServeFixture.send(served.port(), "POST", "/v1/events", ev("")).status());
    assertEquals(1, served.store().count("m"));
    assertEquals(200, ServeFixture.send(served.port(), "POST", "/v1/score", "{\"user\":\"m\",\"candidates\":[\"1\"]}").status());
    String metrics = ServeFixture.send(served.port(), "GET", "/metrics", null).body();
    assertTrue(!metrics.contains("status=\"500\""), metrics);
  }
}
