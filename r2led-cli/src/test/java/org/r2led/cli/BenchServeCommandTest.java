package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny, short `bench serve` run: it stops by itself, has no errors and writes its JSON and Markdown. */
class BenchServeCommandTest {
  @TempDir Path tmp;

  @Test
  void aShortRunMeasuresEveryCellWithoutErrors() throws Exception {
    CliRun r = CliRun.of("bench", "serve", "--model", ServeFixture.model().toString(), "--history", "5,20", "--candidates", "10",
        "--concurrency", "1,2", "--seconds", "0.5", "--warmup", "0.2", "--users", "3", "--events-batch", "7",
        "--out", tmp.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("| concurrency |"), r.out());
    JsonNode j = new ObjectMapper().readTree(Files.readString(tmp.resolve("serve-bench.json")));
    assertEquals(4, j.get("scoring").size());
    for (JsonNode c : j.get("scoring")) {
      assertEquals(0, c.get("errors").asLong());
      assertTrue(c.get("requests").asLong() > 0, c.toString());
      assertTrue(c.get("p99Ms").asDouble() >= c.get("p50Ms").asDouble(), c.toString());
      // the service's Server-Timing phases arrive, and the server's part fits inside the client's latency
      JsonNode server = c.get("serverP50Ms");
      for (String phase : new String[] {"parse", "store", "wait", "score", "total"}) assertTrue(server.has(phase), c.toString());
      assertTrue(server.get("score").asDouble() > 0, c.toString());
      assertTrue(server.get("total").asDouble() <= c.get("maxMs").asDouble(), c.toString());
    }
    assertEquals(2, j.get("ingestion").size());
    assertEquals(60, j.get("ingestion").get(1).get("events").asLong());
    String md = Files.readString(tmp.resolve("serve-bench.md"));
    assertTrue(md.contains("# bench serve"), md);
    assertTrue(md.contains("| history | concurrency | parse | store | wait | score | total | client p50 |"), md);
  }

  @Test
  void aUsersFileNamedLikeTheResultsIsRefusedBeforeMeasuringAndItsOwnIsReplaced() throws Exception {
    String[] args = {"bench", "serve", "--model", ServeFixture.model().toString(), "--history", "5", "--candidates", "5",
        "--concurrency", "1", "--seconds", "0.2", "--warmup", "0", "--users", "2", "--out", tmp.toString()};
    Files.writeString(tmp.resolve("serve-bench.md"), "my notes\n");
    CliRun refused = CliRun.of(args);
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("refusing to overwrite") && refused.err().contains("serve-bench.md"), refused.err());
    assertEquals("my notes\n", Files.readString(tmp.resolve("serve-bench.md")));
    assertTrue(!Files.exists(tmp.resolve("serve-bench.json")));
    Files.delete(tmp.resolve("serve-bench.md"));
    assertEquals(0, CliRun.of(args).code());
    assertEquals(0, CliRun.of(args).code());   // its own files are replaced
    assertTrue(Files.readString(tmp.resolve("serve-bench.md")).startsWith("<!-- written by r2led bench serve"));
  }

  @Test
  void burstsAreShedWith503sThatAreNotErrors() throws Exception {
    // 100 closed-loop clients, then waves of 50 simultaneous requests, on one scoring thread that lets no request wait
    CliRun r = CliRun.of("bench", "serve", "--model", ServeFixture.model().toString(), "--history", "5", "--candidates", "10",
        "--concurrency", "1,100", "--seconds", "0.5", "--warmup", "0.2", "--users", "3", "--scoring-threads", "1",
        "--scoring-queue", "0", "--burst", "50", "--bursts", "2", "--out", tmp.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(Files.readString(tmp.resolve("serve-bench.json")));
    for (JsonNode c : j.get("scoring")) {
      assertEquals(0, c.get("errors").asLong(), c.toString());
      assertTrue(c.get("requests").asLong() > 0, c.toString());
      assertTrue(c.has("shed"), c.toString());
    }
    JsonNode b = j.get("bursts").get(0);
    assertEquals(0, b.get("errors").asLong(), b.toString());
    assertEquals(100, b.get("ok").asLong() + b.get("shed").asLong(), b.toString());
    assertTrue(b.get("ok").asLong() >= 2, b.toString()); // the first of each wave finds the thread free
    String md = Files.readString(tmp.resolve("serve-bench.md"));
    assertTrue(md.contains("| history | candidates | clients | waves | 200 | 503 |"), md);
    assertTrue(md.contains("bursts of 50 at 5 events, every answer 200 or 503"), md);
  }
}
