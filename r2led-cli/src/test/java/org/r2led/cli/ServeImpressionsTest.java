package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.r2led.serving.http.ServerOptions;
import org.r2led.serving.store.Impression;

/** {@code POST /v1/impressions}: stored and read back as sent; every malformed body a 400/413 naming the field, nothing stored. */
class ServeImpressionsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static ServeFixture.Served served;

  @BeforeAll
  static void start() { served = ServeFixture.serve(ServerOptions.defaults(2)); }

  @AfterAll
  static void stop() { served.close(); }

  static ServeFixture.Reply post(String body) { return ServeFixture.send(served.port(), "POST", "/v1/impressions", body); }

  @Test
  void impressionsAreStoredAsSent() throws Exception {
    ServeFixture.Reply r = post("{\"impressions\":[{\"user\":\"ann\",\"ts\":1700000000,\"items\":[\"i1\",\"i2\",\"i3\"],"
        + "\"clicked\":[\"i3\",\"i1\"],\"request_id\":\"req-1\",\"model_id\":\"abc\"},"
        + "{\"user\":\"ann\",\"ts\":1700000100,\"items\":[\"i4\",\"i5\"],\"labels\":[0,1]},"
        + "{\"user\":\"bo\",\"ts\":1699999999,\"items\":[\"i1\"]}]}");
    assertEquals(200, r.status(), r.body());
    assertEquals(3, JSON.readTree(r.body()).get("accepted").asInt());
    List<Impression> ann = served.store().impressions("ann", 0, Long.MAX_VALUE);
    assertEquals(List.of(new Impression("ann", 1700000000, List.of("i1", "i2", "i3"), List.of(1, 0, 1), "req-1", "abc"),
        new Impression("ann", 1700000100, List.of("i4", "i5"), List.of(0, 1), null, null)), ann);
    List<Impression> all = new ArrayList<>();
    served.store().forEachImpression(1699999999, 1700000100, all::add);
    assertEquals(List.of("bo", "ann"), all.stream().map(Impression::user).toList());
    assertTrue(!all.get(0).labeled(), "no clicked and no labels: unlabeled");
    assertEquals(0, served.store().count("ann"), "impressions are not events");
    String metrics = ServeFixture.send(served.port(), "GET", "/metrics", null).body();
    assertTrue(metrics.contains("r2led_http_requests_total{route=\"/v1/impressions\",status=\"200\"}"), metrics);
  }

  @Test
  void aRetriedRequestIdIsAcknowledgedAndStoredOnce() throws Exception {
    String body = "{\"impressions\":[{\"user\":\"retry\",\"ts\":1600000000,\"items\":[\"a\",\"b\"],\"clicked\":[\"b\"],"
        + "\"request_id\":\"r-9\"},{\"user\":\"retry\",\"ts\":1600000001,\"items\":[\"c\"],\"labels\":[0]}]}";
    JsonNode first = JSON.readTree(post(body).body());
    assertEquals(2, first.get("accepted").asInt());
    assertEquals(0, first.get("duplicates").asInt());
    ServeFixture.Reply again = post(body);   // the client did not get the first answer and retries
    assertEquals(200, again.status(), again.body());
    assertEquals(1, JSON.readTree(again.body()).get("duplicates").asInt(), again.body());
    List<Impression> stored = served.store().impressions("retry", 0, Long.MAX_VALUE);
    assertEquals(3, stored.size(), "the impression with request_id once, the one without twice");
    assertEquals(1, stored.stream().filter(m -> "r-9".equals(m.requestId())).count());
  }

  @Test
  void malformedImpressionsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    String ok = "{\"user\":\"zed\",\"ts\":1700000000,\"items\":[\"a\",\"b\"]";
    String[][] cases = {
        {"[]", "body", "must be a JSON object"},
        {"{\"events\":[]}", "events", "is not a known field"},
        {"{}", "impressions", "is missing"},
        {"{\"impressions\":{}}", "impressions", "must be an array"},
        {"{\"impressions\":[]}", "impressions", "empty array"},
        {"{\"impressions\":[" + ok + "}, 5]}", "impressions[1]", "must be a JSON object"},
        {"{\"impressions\":[" + ok + ",\"shown\":1}]}", "impressions[0].shown", "is not a known field"},
        {"{\"impressions\":[{\"ts\":1700000000,\"items\":[\"a\"]}]}", "impressions[0].user", "is missing"},
        {"{\"impressions\":[{\"user\":\"zed\",\"ts\":\"1700000000\",\"items\":[\"a\"]}]}", "impressions[0].ts", "must be an integer"},
        {"{\"impressions\":[{\"user\":\"zed\",\"ts\":0,\"items\":[\"a\"]}]}", "impressions[0].ts", "got 0"},
        {"{\"impressions\":[{\"user\":\"zed\",\"ts\":1700000000}]}", "impressions[0].items", "is missing"},
        {"{\"impressions\":[{\"user\":\"zed\",\"ts\":1700000000,\"items\":[]}]}", "impressions[0].items", "must not be empty"},
        {"{\"impressions\":[{\"user\":\"zed\",\"ts\":1700000000,\"items\":\"a\"}]}", "impressions[0].items", "must be an array"},
        {"{\"impressions\":[{\"user\":\"zed\",\"ts\":1700000000,\"items\":[\"a\",7]}]}", "impressions[0].items[1]", "must be a string"},
        {"{\"impressions\":[{\"user\":\"zed\",\"ts\":1700000000,\"items\":[\"a\",\"b\\n\"]}]}", "impressions[0].items[1]", "control character"},
        {"{\"impressions\":[{\"user\":\"zed\",\"ts\":1700000000,\"items\":[\"a\",\"b\",\"a\"]}]}", "impressions[0].items[2]",
            "\"a\" repeats items[0]"},
        {"{\"impressions\":[" + ok + ",\"clicked\":[\"b\",\"c\"]}]}", "impressions[0].clicked[1]", "\"c\" is not among the shown items"},
        {"{\"impressions\":[" + ok + ",\"clicked\":[\"b\",\"b\"]}]}", "impressions[0].clicked[1]", "listed twice"},
        {"{\"impressions\":[" + ok + ",\"clicked\":\"b\"}]}", "impressions[0].clicked", "must be an array"},
        {"{\"impressions\":[" + ok + ",\"clicked\":[],\"labels\":[0,0]}]}", "impressions[0].labels", "cannot be given with clicked"},
        {"{\"impressions\":[" + ok + ",\"labels\":[1]}]}", "impressions[0].labels", "has 1 labels for 2 items"},
        {"{\"impressions\":[" + ok + ",\"labels\":[1,2]}]}", "impressions[0].labels[1]", "must be 0 or 1, got 2"},
        {"{\"impressions\":[" + ok + ",\"labels\":[1,\"0\"]}]}", "impressions[0].labels[1]", "must be 0 or 1, got \"0\""},
        {"{\"impressions\":[" + ok + ",\"labels\":[1,true]}]}", "impressions[0].labels[1]", "must be 0 or 1, got true"},
        {"{\"impressions\":[" + ok + ",\"labels\":{}}]}", "impressions[0].labels", "must be an array"},
        {"{\"impressions\":[" + ok + ",\"request_id\":5}]}", "impressions[0].request_id", "must be a string"},
        {"{\"impressions\":[" + ok + ",\"model_id\":\"\"}]}", "impressions[0].model_id", "is empty"},
    };
    List<String> failures = new ArrayList<>();
    for (String[] c : cases) {
      ServeFixture.Reply r = post(c[0]);
      JsonNode j = r.body().startsWith("{") ? JSON.readTree(r.body()) : JSON.createObjectNode();
      if (r.status() != 400 || !c[1].equals(j.path("field").asText()) || !j.path("error").asText().contains(c[2])) {
        failures.add(c[0] + " -> " + r.status() + " " + r.body());
      }
    }
    assertEquals(List.of(), failures);
    StringBuilder many = new StringBuilder("{\"impressions\":[");
    for (int i = 0; i <= org.r2led.serving.http.Limits.DEFAULT.maxEvents(); i++) many.append(i > 0 ? "," : "").append(ok).append('}');
    assertEquals(413, post(many.append("]}").toString()).status());
    StringBuilder wide = new StringBuilder("{\"impressions\":[{\"user\":\"zed\",\"ts\":1700000000,\"items\":[");
    for (int i = 0; i <= Impression.MAX_ITEMS; i++) wide.append(i > 0 ? "," : "").append("\"i").append(i).append('"');
    ServeFixture.Reply r = post(wide.append("]}]}").toString());
    assertEquals(400, r.status());
    assertTrue(r.body().contains("at most " + Impression.MAX_ITEMS), r.body());
    assertEquals(List.of(), served.store().impressions("zed", 0, Long.MAX_VALUE), "a refused body stores nothing");
  }
}
