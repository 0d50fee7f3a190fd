package org.r2led.serving.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
  @TempDir Path tmp;

  private static Event ev(String user, String item, long ts) { return new Event(user, item, ts, null, null); }

  private static List<String> items(List<Event> events) { return events.stream().map(Event::item).toList(); }

  @Test
  void outOfOrderEventsAreKeptInTimeOrderPerUser() {
    try (EventStore s = EventStore.open(tmp.resolve("s"), 100)) {
      s.append(List.of(ev("u1", "c", 300), ev("u2", "x", 50), ev("u1", "a", 100)));
      s.append(List.of(new Event("u1", "b", 200, "buy", "cat9"), ev("u1", "c2", 300)));
      assertEquals(List.of("a", "b", "c", "c2"), items(s.history("u1")));
      assertEquals(List.of("x"), items(s.history("u2")));
      assertEquals(List.of(), s.history("u"));   // a prefix of another user's id is another user
      Event b = s.history("u1").get(1);
      assertEquals("buy", b.type());
      assertEquals("cat9", b.category());
      assertEquals(200, b.ts());
      assertEquals(4, s.count("u1"));
    }
  }

  @Test
  void recentEventsAreTheLastOfTheHistoryInTimeOrder() {
    try (EventStore s = EventStore.open(tmp.resolve("s"), 100)) {
      s.append(List.of(ev("u1", "c", 300), ev("u1", "a", 100), ev("u10", "z", 999), ev("u", "y", 998)));
      s.append(List.of(new Event("u1", "b", 200, "buy", "cat9"), ev("u1", "c2", 300), ev("u2", "x", 1)));
      List<Event> all = s.history("u1");
      for (int n = 0; n <= all.size() + 2; n++) {
        assertEquals(all.subList(Math.max(0, all.size() - n), all.size()), s.recent("u1", n), "n=" + n);
      }
      assertEquals(List.of("z"), items(s.recent("u10", 5)));   // another user whose id extends u1's
      assertEquals(List.of(), s.recent("nobody", 5));
      assertEquals(List.of("x"), items(s.recent("u2", 1000)));
    }
  }

  @Test
  void capDropsTheOldestIncludingLateArrivals() {
    try (EventStore s = EventStore.open(tmp.resolve("s"), 3)) {
      s.append(List.of(ev("u", "e10", 10), ev("u", "e20", 20), ev("u", "e30", 30)));
      s.append(List.of(ev("u", "e5", 5), ev("u", "e40", 40)));     // e5 is older than all: dropped at once
      assertEquals(List.of("e20", "e30", "e40"), items(s.history("u")));
      s.append(List.of(ev("u", "e1", 1), ev("u", "e2", 2), ev("u", "e50", 50), ev("u", "e60", 60), ev("u", "e70", 70)));
      assertEquals(List.of("e50", "e60", "e70"), items(s.history("u")));
      assertEquals(3, s.count("u"));
    }
  }

  @Test
  void pagesWalkTheWholeHistoryAndSurviveReopen() {
    Path dir = tmp.resolve("s");
    List<Event> all = new ArrayList<>();
    for (int i = 0; i < 25; i++) all.add(ev("user/ü", "i" + i, 1_700_000_000L + (i % 5)));
    try (EventStore s = EventStore.open(dir, 1000)) {
      s.append(all);
    }
    try (EventStore s = EventStore.open(dir, 1000)) {
      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        HistoryPage p = s.page("user/ü", 10, cursor);
        p.events().forEach(e -> seen.add(e.item()));
        cursor = p.nextCursor();
        pages++;
      } while (cursor != null);
      assertEquals(3, pages);
      assertEquals(25, seen.size());
      assertEquals(items(s.history("user/ü")), seen);
      assertTrue(seen.indexOf("i0") < seen.indexOf("i5"), "ties keep arrival order");
      s.append(List.of(ev("user/ü", "late", 1_700_000_002L)));   // sequence numbers continue after reopen
      assertEquals(26, s.history("user/ü").size());
      assertNull(s.page("user/ü", 100, null).nextCursor());
      assertThrows(IllegalArgumentException.class, () -> s.page("user/ü", 10, "zz"));
    }
  }

  @Test
  void refusesAForeignDirectoryAndBadEvents() throws Exception {
    Path foreign = tmp.resolve("f");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    assertThrows(IllegalArgumentException.class, () -> EventStore.open(foreign, 10));
    assertTrue(Files.exists(foreign.resolve("notes.txt")));
    assertThrows(IllegalArgumentException.class, () -> ev("u", "i", 0));
    assertThrows(IllegalArgumentException.class, () -> ev("u", "i", Event.MAX_TS));
    assertThrows(IllegalArgumentException.class, () -> ev("", "i", 5));
    // ids obey org.r2led.data.Ids: a lone surrogate would be stored as "?", a control character kept
    assertThrows(IllegalArgumentException.class, () -> ev("\ud800", "i", 5));
    assertThrows(IllegalArgumentException.class, () -> ev("u", "a\nb", 5));
    assertThrows(IllegalArgumentException.class, () -> new Event("u", "i", 5, "\udfff", null));
    assertThrows(IllegalArgumentException.class, () -> new Event("u", "i", 5, null, "c\u0000"));
  }

  @Test
  void storedEventsWithIdsThatBreakTheRuleAreSkippedOnReadAndCounted() throws Exception {
    Path dir = tmp.resolve("old");
    try (EventStore s = EventStore.open(dir, 100)) {
      s.append(List.of(ev("u1", "a", 100), ev("u1", "c", 300)));
    }
    // an event an earlier build accepted: an item id with a newline, written as that build wrote it
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
    out.writeByte(1);
    out.writeUTF("b\nx");
    out.writeByte(0);
    org.rocksdb.RocksDB.loadLibrary();
    try (org.rocksdb.Options o = new org.rocksdb.Options(); org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(o, dir.toString())) {
      db.put(EventKeys.eventKey("u1", 200, 99), bytes.toByteArray());
    }
    try (EventStore s = EventStore.open(dir, 100)) {
      assertEquals(List.of("a", "c"), items(s.history("u1")));
      assertEquals(List.of("a", "c"), items(s.recent("u1", 10)));
      assertEquals(2, s.invalidEventsSkipped());
    }
  }
}
