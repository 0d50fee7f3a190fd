package org.r2led.serving.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImpressionStoreTest {
  @TempDir Path tmp;

  private static Impression imp(String user, long ts, List<String> items, List<Integer> labels) {
    return new Impression(user, ts, items, labels, null, null);
  }

  private static List<Long> times(List<Impression> l) { return l.stream().map(Impression::ts).toList(); }

  private static List<Impression> range(EventStore s, long from, long to) {
    List<Impression> out = new ArrayList<>();
    long n = s.forEachImpression(from, to, out::add);
    assertEquals(n, out.size());
    return out;
  }

  @Test
  void impressionsReadBackByTimeRangeAndByUserAfterReopen() {
    Path dir = tmp.resolve("s");
    Impression full = new Impression("u/ü", 150, List.of("a", "b", "c"), List.of(0, 1, 0), "req-7", "m123");
    try (EventStore s = EventStore.open(dir, 10)) {
      s.append(List.of(new Event("u1", "x", 100, null, null)));
      s.appendImpressions(List.of(imp("u1", 300, List.of("a"), List.of(1)), full, imp("u10", 200, List.of("z"), null)));
      s.appendImpressions(List.of(imp("u1", 100, List.of("b", "a"), List.of(0, 0)), imp("u1", 300, List.of("c"), List.of(0))));
    }
    try (EventStore s = EventStore.open(dir, 10)) {
      assertEquals(List.of(100L, 150L, 200L, 300L, 300L), times(range(s, 0, Long.MAX_VALUE)));
      assertEquals(List.of(150L, 200L), times(range(s, 150, 300)), "from inclusive, to exclusive");
      assertEquals(List.of(), range(s, 301, 400));
      List<Impression> u1 = s.impressions("u1", 0, Long.MAX_VALUE);
      assertEquals(List.of(100L, 300L, 300L), times(u1));
      assertEquals(List.of("a", "c"), List.of(u1.get(1).items().get(0), u1.get(2).items().get(0)), "ties in arrival order");
      assertEquals(List.of(300L, 300L), times(s.impressions("u1", 101, 301)));
      assertEquals(List.of(200L), times(s.impressions("u10", 0, 1000)), "an id extending another is another user");
      assertEquals(List.of(), s.impressions("u", 0, 1000));
      assertEquals(full, s.impressions("u/ü", 0, 1000).get(0));
      assertFalse(s.impressions("u10", 0, 1000).get(0).labeled());
      assertEquals(List.of("x"), s.history("u1").stream().map(Event::item).toList(), "impressions are not events");
      assertEquals(1, s.count("u1"));
    }
  }

  @Test
  void anImpressionIsStoredOncePerUserAndRequestIdAlsoAfterReopen() {
    Path dir = tmp.resolve("s");
    Impression r1 = new Impression("u", 100, List.of("a"), List.of(1), "r1", null);
    try (EventStore s = EventStore.open(dir, 10)) {
      assertEquals(2, s.appendImpressions(List.of(r1, r1, imp("u", 100, List.of("a"), List.of(1)))), "repeated in one list: once");
      assertEquals(1, s.appendImpressions(List.of(r1, new Impression("v", 100, List.of("a"), List.of(1), "r1", null))),
          "the same request id of another user is another impression");
    }
    try (EventStore s = EventStore.open(dir, 10)) {
      assertEquals(0, s.appendImpressions(List.of(r1)), "a retry after a restart");
      assertEquals(1, s.appendImpressions(List.of(new Impression("u", 100, List.of("a"), List.of(1), "r2", null))));
      assertEquals(java.util.Arrays.asList("r1", null, "r2"), s.impressions("u", 0, 1000).stream().map(Impression::requestId).toList());
      assertEquals(4, range(s, 0, 1000).size());
    }
  }

  @Test
  void historyBeforeLeavesOutEventsAtAndAfterTheTime() {
    try (EventStore s = EventStore.open(tmp.resolve("s"), 100)) {
      s.append(List.of(new Event("u", "before", 99, null, null), new Event("u", "same", 100, null, null),
          new Event("u", "after", 101, null, null), new Event("u", "early", 1, null, null), new Event("v", "other", 50, null, null)));
      assertEquals(List.of("early", "before"), s.historyBefore("u", 100).stream().map(Event::item).toList());
      assertEquals(List.of(), s.historyBefore("u", 1));
      assertEquals(4, s.historyBefore("u", Event.MAX_TS).size());
    }
  }

  @Test
  void aReaderSeesAcknowledgedWritesWhileTheWriterHoldsTheStore() {
    Path dir = tmp.resolve("s");
    try (EventStore w = EventStore.open(dir, 100)) {
      w.append(List.of(new Event("u", "i", 10, null, null)));
      w.appendImpressions(List.of(imp("u", 20, List.of("i", "j"), List.of(0, 1))));
      try (EventStore r = EventStore.openForReading(dir)) {
        assertEquals(1, r.history("u").size());
        assertEquals(List.of(0, 1), r.impressions("u", 0, 100).get(0).labels());
        assertThrows(IllegalStateException.class, () -> r.append(List.of(new Event("u", "k", 30, null, null))));
        assertThrows(IllegalStateException.class, () -> r.appendImpressions(List.of(imp("u", 30, List.of("k"), null))));
      }
      w.append(List.of(new Event("u", "k", 30, null, null)));   // the writer goes on
      assertEquals(2, w.history("u").size());
    }
    assertThrows(IllegalArgumentException.class, () -> EventStore.openForReading(tmp.resolve("none")));
  }

  @Test
  void invalidImpressionsAreRefused() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> imp("u", 5, List.of(), null));
    assertThrows(IllegalArgumentException.class, () -> imp("u", 0, List.of("a"), null));
    assertThrows(IllegalArgumentException.class, () -> imp("u", 5, List.of("a", "a"), null));
    assertThrows(IllegalArgumentException.class, () -> imp("u", 5, List.of("a", "b"), List.of(1)));
    assertThrows(IllegalArgumentException.class, () -> imp("u", 5, List.of("a"), List.of(2)));
    assertThrows(IllegalArgumentException.class, () -> imp("u", 5, List.of("a\n"), null));
    assertThrows(IllegalArgumentException.class, () -> new Impression("u", 5, List.of("a"), null, "", null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> imp("u", 5, List.of("a", "b", "a"), null));
    assertTrue(e.getMessage().contains("items[2]") && e.getMessage().contains("items[0]"), e.getMessage());
    assertNull(imp("u", 5, List.of("a"), null).labels());
    assertTrue(Files.notExists(tmp.resolve("s")));
  }
}
