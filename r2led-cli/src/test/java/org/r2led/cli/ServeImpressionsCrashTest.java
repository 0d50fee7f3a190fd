package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.serving.store.EventStore;
import org.r2led.serving.store.Impression;

/**
 * Crash safety of impressions, as {@link ServeCrashTest} checks events: {@code r2led serve} as its own process,
 * impressions posted from two threads, SIGKILL mid-stream; every acknowledged impression is read back, labels
 * included, by a reader opened on the killed writer's files, by one beside the restarted service and after it stops.
 */
class ServeImpressionsCrashTest {
  @TempDir Path tmp;

  @Test
  void everyAcknowledgedImpressionSurvivesSigkill() throws Exception {
    Path store = tmp.resolve("store");
    ServeCrashTest.Server s = ServeCrashTest.start(store);
    ConcurrentLinkedQueue<String> acked = ServeCrashTest.postThenKill(s, "/v1/impressions", (thread, b, keys) -> {
      StringBuilder body = new StringBuilder("{\"impressions\":[");
      for (int k = 0; k < 5; k++) {
        String id = "t" + thread + "-b" + b + "-k" + k;
        long ts = 1_700_000_000L + (b * 7L + k * 13L) % 5000;
        keys.add("u" + k + " " + ts + " " + id + "," + id + "x 0,1");
        body.append(k > 0 ? "," : "").append("{\"user\":\"u").append(k).append("\",\"ts\":").append(ts)
            .append(",\"items\":[\"").append(id).append("\",\"").append(id).append("x\"],\"clicked\":[\"").append(id).append("x\"]}");
      }
      return body.append("]}").toString();
    });
    assertTrue(acked.size() >= 500, "acknowledged before the kill: " + acked.size());

    try (EventStore reader = EventStore.openForReading(store)) {   // before any restart: from the killed writer's files
      assertEquals(List.of(), missing(acked, reader));
    }
    ServeCrashTest.Server again = ServeCrashTest.start(store);
    try (EventStore reader = EventStore.openForReading(store)) {
      assertEquals(List.of(), missing(acked, reader));
    } finally {
      again.process().destroy();
      again.process().waitFor(30, TimeUnit.SECONDS);
    }
    try (EventStore reopened = EventStore.open(store, 1000)) {
      assertEquals(List.of(), missing(acked, reopened));
    }
  }

  /** Acknowledged impressions (at most 10) the store does not hold. */
  private static List<String> missing(ConcurrentLinkedQueue<String> acked, EventStore store) {
    Set<String> stored = new HashSet<>();
    for (int k = 0; k < 5; k++) {
      for (Impression m : store.impressions("u" + k, 0, Long.MAX_VALUE)) {
        stored.add(m.user() + " " + m.ts() + " " + String.join(",", m.items()) + " "
            + String.join(",", m.labels().stream().map(String::valueOf).toList()));
      }
    }
    return acked.stream().filter(a -> !stored.contains(a)).limit(10).toList();
  }
}
