package org.r2led.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.r2led.cli.ServeFixture;

/**
 * Load shedding: with every scoring thread busy and the queue full, a score request is answered at once
 * with 503, {@code Retry-After} and the JSON error, and counted in {@code /metrics}; the queued requests
 * are still answered 200 once the threads are free (before, every request queued without bound); a
 * request without the token is still a 401.
 */
class ServeSheddingTest {
  static final byte[] SCORE = "{\"user\":\"m\",\"candidates\":[\"1\",\"2\"]}".getBytes(StandardCharsets.UTF_8);

  static ServeFixture.Raw score(int port) { return score(port, "Authorization: Bearer t\r\n"); }

  static ServeFixture.Raw score(int port, String headers) { return ServeFixture.raw(port, "POST /v1/score HTTP/1.1", headers, SCORE); }

  @Test
  void aFullQueueAnswers503WithRetryAfterAndQueuedRequestsStillSucceed() throws Exception {
    try (ServeFixture.Served served = ServeFixture.serve(ServerOptions.defaults(1).withScoringQueue(2).withAuth(BearerAuth.of("t")))) {
      int port = served.port();
      ScoringPool pool = served.app().scoringPool();
      // the one scoring thread is held by a task that waits for the test
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch running = new CountDownLatch(1);
      CompletableFuture<Boolean> blocker = CompletableFuture.supplyAsync(() -> hold(pool, running, release));
      assertTrue(running.await(30, TimeUnit.SECONDS));
      // two requests fill the queue
      List<CompletableFuture<ServeFixture.Raw>> queued = new ArrayList<>();
      for (int i = 0; i < 2; i++) queued.add(CompletableFuture.supplyAsync(() -> score(port)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (pool.waiting() < 2 && System.nanoTime() < deadline) Thread.sleep(5);
      assertEquals(2, pool.waiting());
      // every further request is shed at once
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        ServeFixture.Raw r = score(port);
        assertEquals(503, r.status(), r.body());
        assertEquals("1", r.headers().get("retry-after"));
        JsonNode j = JsonInput.MAPPER.readTree(r.body());
        assertEquals(503, j.path("status").asInt());
        assertTrue(j.path("error").asText().contains("retry"), r.body());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "a shed request is answered without waiting");
      }
      // shedding never answers before the token is checked
      assertEquals(401, score(port, "").status());
      release.countDown();
      blocker.get(30, TimeUnit.SECONDS);
      for (CompletableFuture<ServeFixture.Raw> q : queued) {
        ServeFixture.Raw r = q.get(30, TimeUnit.SECONDS);
        assertEquals(200, r.status(), r.body());
        assertEquals(2, JsonInput.MAPPER.readTree(r.body()).path("scores").size());
      }
      assertEquals(200, score(port).status());
      String metrics = ServeFixture.raw(port, "GET /metrics HTTP/1.1", "Authorization: Bearer t\r\n", null).body();
      assertTrue(metrics.contains("r2led_scoring_rejected_total 3\n"), metrics);
      assertTrue(metrics.contains("r2led_http_requests_total{route=\"/v1/score\",status=\"503\"} 3\n"), metrics);
      assertTrue(metrics.contains("r2led_http_requests_total{route=\"/v1/score\",status=\"200\"} 3\n"), metrics);
      assertTrue(metrics.contains("r2led_scoring_queue_depth 0\n"), metrics);
    }
  }

  /** Takes a place and holds a scoring thread until {@code release}. */
  static boolean hold(ScoringPool pool, CountDownLatch running, CountDownLatch release) {
    try (ScoringPool.Place place = pool.enter()) {
      return place.call(() -> {
        running.countDown();
        return release.await(60, TimeUnit.SECONDS);
      });
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aQueueOfZeroRefusesWhileEveryThreadIsTaken() throws Exception {
    try (ScoringPool pool = new ScoringPool(1, 0)) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch running = new CountDownLatch(1);
      CompletableFuture<Boolean> busy = CompletableFuture.supplyAsync(() -> hold(pool, running, release));
      assertTrue(running.await(30, TimeUnit.SECONDS));
      assertThrows(ScoringPool.Overloaded.class, pool::enter);
      assertEquals(1, pool.rejected());
      release.countDown();
      assertTrue(busy.get(30, TimeUnit.SECONDS));
      // the place is free again once the call is done
      try (ScoringPool.Place place = pool.enter()) {
        assertEquals(7, place.call(() -> 7));
      }
      assertEquals(1, pool.rejected());
    }
  }
}
