package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.serving.http.BearerAuth;
import org.r2led.serving.http.ServerOptions;

/**
 * {@code serve --auth-token-file}: every route but {@code /health} (admin and metrics included) answers
 * 401 JSON with {@code WWW-Authenticate: Bearer} unless the request carries the token; nothing is stored
 * for a refused request; the token file is refused when empty or unreadable and warned about when others
 * may read it.
 */
class ServeAuthTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "s3cret-Token_0123456789";
  @TempDir static Path tmp;
  static ServeFixture.Served served;

  @BeforeAll
  static void start() throws Exception {
    Path file = tmp.resolve("token");
    Files.writeString(file, TOKEN + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    BearerAuth auth = BearerAuth.fromFile(file, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    served = ServeFixture.serve(ServerOptions.defaults(1).withAuth(auth));
  }

  @AfterAll
  static void stop() { served.close(); }

  static final String EVENT = "{\"user\":\"a\",\"item\":\"1\",\"ts\":1700000000}";

  static ServeFixture.Raw send(String method, String path, String authorization, String body) {
    String headers = authorization == null ? "" : "Authorization: " + authorization + "\r\n";
    return ServeFixture.raw(served.port(), method + " " + path + " HTTP/1.1", headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyRouteButHealthNeedsTheToken() throws Exception {
    assertEquals(200, send("GET", "/health", null, null).status());
    List<String[]> routes = List.of(new String[] {"POST", "/v1/events", EVENT},
        new String[] {"POST", "/v1/impressions", "{\"impressions\":[{\"user\":\"a\",\"ts\":1700000000,\"items\":[\"1\"]}]}"},
        new String[] {"POST", "/v1/score", "{\"user\":\"a\",\"candidates\":[\"1\"]}"},
        new String[] {"GET", "/v1/users/a/history", null}, new String[] {"GET", "/metrics", null},
        new String[] {"POST", "/admin/reload", "{\"model\":\"/nowhere\"}"},
        new String[] {"POST", "/admin/learn-cycle", "{\"from\":1,\"to\":2,\"samples\":0,\"decision\":\"skipped\"}"},
        new String[] {"GET", "/v1/nothing", null},
        new String[] {"GET", "/v1/score", null});
    List<String> authorizations = new ArrayList<>();
    authorizations.add(null);
    authorizations.addAll(List.of("Bearer wrong", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Basic " + TOKEN,
        TOKEN, "Bearer", "Bearer  "));
    List<String> failures = new ArrayList<>();
    for (String[] r : routes) {
      for (String a : authorizations) {
        ServeFixture.Raw reply = send(r[0], r[1], a, r[2]);
        String challenge = reply.headers().get("www-authenticate");
        JsonNode j = reply.status() == 401 ? JSON.readTree(reply.body()) : null;
        if (reply.status() != 401 || challenge == null || !challenge.startsWith("Bearer")
            || !"Authorization".equals(j.path("field").asText()) || j.path("status").asInt() != 401) {
          failures.add(r[0] + " " + r[1] + " with " + a + ": " + reply.status() + " " + challenge + " " + reply.body());
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(0, served.store().count("a"));
    assertEquals(List.of(), served.store().impressions("a", 0, Long.MAX_VALUE));
    // with the token (the scheme is case-insensitive)
    assertEquals(200, send("POST", "/v1/events", "Bearer " + TOKEN, EVENT).status());
    assertEquals(1, served.store().count("a"));
    assertEquals(200, send("POST", "/v1/score", "bearer " + TOKEN, "{\"user\":\"a\",\"candidates\":[\"1\"]}").status());
    assertEquals(200, send("GET", "/v1/users/a/history", "Bearer " + TOKEN, null).status());
    assertTrue(send("GET", "/metrics", "Bearer " + TOKEN, null).body().contains("r2led_http_requests_total"));
    // past the token, the admin route still checks its own rules (a bad directory is a 422, not a 401)
    assertEquals(422, send("POST", "/admin/reload", "Bearer " + TOKEN, "{\"model\":\"" + tmp.resolve("none") + "\"}").status());
    assertEquals(405, send("GET", "/v1/score", "Bearer " + TOKEN, null).status());
  }

  @Test
  void theTokenFileIsCheckedAtStart() throws Exception {
    Path empty = tmp.resolve("empty");
    Files.writeString(empty, " \n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BearerAuth.fromFile(empty, System.err)).getMessage().contains("empty"));
    Path missing = tmp.resolve("missing");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BearerAuth.fromFile(missing, System.err)).getMessage()
        .contains("cannot read"));
    Path spaced = tmp.resolve("spaced");
    Files.writeString(spaced, "two words");
    assertThrows(IllegalArgumentException.class, () -> BearerAuth.fromFile(spaced, System.err));
    Path shared = tmp.resolve("shared");
    Files.writeString(shared, TOKEN);
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    BearerAuth.fromFile(shared, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    assertTrue(warnings.toString(StandardCharsets.UTF_8).contains("readable by group or others"), warnings.toString());
  }

  @Test
  void exposedAddressesAreWarnedAbout() {
    assertNull(ServeCommand.exposureWarning("127.0.0.1", false, false));
    assertNull(ServeCommand.exposureWarning("localhost", false, false));
    assertTrue(ServeCommand.exposureWarning("0.0.0.0", false, false).contains("without --auth-token-file"));
    assertTrue(ServeCommand.exposureWarning("0.0.0.0", true, false).contains("clear text"));
    assertNull(ServeCommand.exposureWarning("0.0.0.0", true, true));
  }
}
