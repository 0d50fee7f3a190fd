package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.r2led.serving.http.ServerOptions;

/**
 * Requests Jetty refuses before any route (undecodable paths, bad Content-Length, oversized headers or
 * URI, another HTTP version) and wrong methods, sent byte for byte on a socket: each is answered with the
 * documented JSON error, never Jetty's HTML page, and a wrong method on a known path is a 405 with
 * {@code Allow}.
 */
class ServeErrorBodyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static ServeFixture.Served served;

  @BeforeAll
  static void start() {
    served = ServeFixture.serve(ServerOptions.defaults(1));
  }

  @AfterAll
  static void stop() { served.close(); }

  record Bad(String name, String request, int status, String field, String allow) {}

  static String get(String target) { return "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"; }

  static String post(String target, String headers, String body) {
    return "POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + "\r\n" + body;
  }

  @Test
  void everyRefusalIsTheJsonErrorWithItsStatus() throws Exception {
    String ev = "{\"user\":\"m\",\"item\":\"1\",\"ts\":1700000000}";
    List<Bad> cases = List.of(
        new Bad("%00 in the path", get("/v1/users/a%00b/history"), 400, "path", null),
        new Bad("%zz in the path", get("/v1/users/a%zzb/history"), 400, "path", null),
        new Bad("%2F joining route segments", post("/v1%2Fscore", "Content-Length: 2\r\n", "{}"), 404, "path", null),
        new Bad("Content-Length not a number", post("/v1/events", "Content-Length: abc\r\n", ev), 400, "Content-Length", null),
        new Bad("negative Content-Length", post("/v1/events", "Content-Length: -5\r\n", ev), 400, "Content-Length", null),
        new Bad("two Content-Lengths", post("/v1/events", "Content-Length: 40\r\nContent-Length: 41\r\n", ev), 400,
            "Content-Length", null),
        new Bad("64 KB header", "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(65_536) + "\r\n\r\n", 431, "headers", null),
        new Bad("URI over 8 KB", get("/v1/users/" + "a".repeat(9000) + "/history"), 414, "path", null),
        new Bad("HTTP/2.0 request line", "GET /health HTTP/2.0\r\nHost: x\r\n\r\n", 426, "version", null),
        new Bad("HTTP/3.0 request line", "GET /health HTTP/3.0\r\nHost: x\r\n\r\n", 505, "version", null),
        new Bad("no URI", "HELLO\r\n\r\n", 400, "path", null),
        new Bad("GET on the score route", get("/v1/score"), 405, "method", "POST"),
        new Bad("PUT on the events route", "PUT /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}",
            405, "method", "POST"),
        new Bad("DELETE on a history", "DELETE /v1/users/a/history HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405, "method", "GET"),
        new Bad("POST on health", post("/health", "Content-Length: 2\r\n", "{}"), 405, "method", "GET"),
        new Bad("unknown path", get("/v2/score"), 404, "path", null));
    List<String> failures = new ArrayList<>();
    for (Bad b : cases) {
      ServeFixture.Raw r = ServeFixture.raw(served.port(), b.request().getBytes(StandardCharsets.ISO_8859_1));
      String problem = null;
      if (r.status() != b.status()) {
        problem = "status " + r.status();
      } else if (!String.valueOf(r.headers().get("content-type")).startsWith("application/json")) {
        problem = "content type " + r.headers().get("content-type");
      } else if (b.allow() != null && !b.allow().equals(r.headers().get("allow"))) {
        problem = "Allow " + r.headers().get("allow");
      } else {
        try {
          JsonNode j = JSON.readTree(r.body());
          if (!b.field().equals(j.path("field").asText()) || j.path("error").asText().isEmpty() || j.path("status").asInt() != b.status()) {
            problem = "body " + j;
          }
        } catch (Exception e) {
          problem = "not JSON";
        }
      }
      if (problem != null) failures.add(b.name() + ": " + problem + " (" + r.body() + ")");
    }
    assertEquals(List.of(), failures);
    // a slash that belongs to an id is sent as %2F and is just part of the id
    ServeFixture.Raw ok = ServeFixture.raw(served.port(), get("/v1/users/a%2Fb/history").getBytes(StandardCharsets.US_ASCII));
    assertEquals(200, ok.status(), ok.body());
    assertEquals("a/b", JSON.readTree(ok.body()).path("user").asText());
  }
}
