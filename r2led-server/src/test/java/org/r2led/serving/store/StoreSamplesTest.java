package org.r2led.serving.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;

class StoreSamplesTest {
  @TempDir Path tmp;

  private static Event ev(String user, String item, long ts) { return new Event(user, item, ts, null, null); }

  /** One sample as read back: split, user, raw item, label, history items (raw), ts. */
  private record Row(Split split, String user, String item, int label, List<String> history, long ts) {}

  private static List<Row> rows(PreparedDataset ds) throws Exception {
    List<String> users = java.nio.file.Files.readAllLines(ds.dir().resolve("users/raw_id.txt"));
    List<String> items = ds.itemRawIds();
    List<Row> out = new ArrayList<>();
    for (Split sp : Split.values()) {
      SampleSplit s = ds.split(sp);
      for (int i = 0; i < s.size(); i++) {
        List<String> h = new ArrayList<>();
        long start = ds.seqStart(s.user(i));
        for (int e = 0; e < s.pos(i); e++) h.add(items.get(ds.eventItem(start + e)));
        out.add(new Row(sp, users.get(s.user(i)), items.get(s.item(i)), s.label(i), h, s.ts(i)));
      }
    }
    return out;
  }

  @Test
  void historiesHoldOnlyEventsStrictlyBeforeTheImpressionAndLabelsAreTheClicks() throws Exception {
    Path out = tmp.resolve("out");
    try (EventStore s = EventStore.open(tmp.resolve("store"), 100)) {
      s.append(List.of(ev("u", "e1", 100), ev("u", "e2", 200), ev("u", "same", 300), ev("u", "after", 301), ev("u", "later", 900),
          ev("v", "v1", 50), ev("w", "w1", 10)));
      s.appendImpressions(List.of(
          new Impression("u", 300, List.of("a", "b", "c"), List.of(0, 1, 0), "r1", null),
          new Impression("u", 150, List.of("a"), List.of(1), null, null),
          new Impression("v", 400, List.of("b", "d"), List.of(0, 0), null, null),
          new Impression("v", 500, List.of("x"), null, null, null),          // unlabeled: left out
          new Impression("w", 2000, List.of("a"), List.of(1), null, null)));  // outside [from, to)
      StoreSamples.Summary sum = StoreSamples.write(s, IdBase.none(), new StoreSamples.Settings(100, 1000, 0, 0), out);
      assertEquals(3, sum.impressions());
      assertEquals(1, sum.unlabeled());
      assertEquals(Map.of("train", 6L, "valid", 0L, "test", 0L), sum.samples());
    }
    PreparedDataset ds = PreparedDataset.open(out);
    List<Row> rows = rows(ds);
    assertEquals(List.of(
        new Row(Split.TRAIN, "u", "a", 1, List.of("e1"), 150),
        new Row(Split.TRAIN, "u", "a", 0, List.of("e1", "e2"), 300),     // "same" (ts 300) and later events are not in it
        new Row(Split.TRAIN, "u", "b", 1, List.of("e1", "e2"), 300),
        new Row(Split.TRAIN, "u", "c", 0, List.of("e1", "e2"), 300),
        new Row(Split.TRAIN, "v", "b", 0, List.of("v1"), 400),
        new Row(Split.TRAIN, "v", "d", 0, List.of("v1"), 400)), rows);
    // nothing at or after a user's last impression is written at all
    assertEquals(2, ds.seqLength(0));
    assertEquals(List.of("u", "v"), java.nio.file.Files.readAllLines(out.resolve("users/raw_id.txt")));
    assertEquals(List.of("event"), ds.manifest().behaviors());
  }

  @Test
  void baseIdsStayAndNewOnesAreAppendedInTheOrderMet() throws Exception {
    IdBase base = new IdBase(List.of("<pad>", "i1", "i2"), List.of(new int[0], new int[] {1}, new int[0]), List.of("", "one", "two"),
        List.of("<pad>", "c1"), List.of("pv", "buy"), List.of("old", "v"), Integer.MAX_VALUE, Map.of("kind", "test"));
    Path out = tmp.resolve("out");
    try (EventStore s = EventStore.open(tmp.resolve("store"), 100)) {
      s.append(List.of(new Event("v", "i2", 10, "buy", null), new Event("v", "n1", 20, "fav", "c2"), new Event("v", "n1", 30, null, "c1"),
          new Event("new", "i1", 10, null, null)));
      s.appendImpressions(List.of(new Impression("v", 40, List.of("n2", "i1"), List.of(1, 0), null, null),
          new Impression("new", 40, List.of("n1"), List.of(0), null, null)));
      StoreSamples.write(s, base, new StoreSamples.Settings(1, 100, 0, 0), out);
    }
    PreparedDataset ds = PreparedDataset.open(out);
    assertEquals(List.of("<pad>", "i1", "i2", "n1", "n2"), ds.itemRawIds());
    assertEquals(List.of("", "one", "two", "", ""), ds.itemTexts());
    assertEquals(List.of("<pad>", "c1", "c2"), ds.categoryRawIds());
    assertEquals(List.of("old", "v", "new"), java.nio.file.Files.readAllLines(out.resolve("users/raw_id.txt")));
    assertEquals(List.of("pv", "buy", "fav"), ds.manifest().behaviors());
    assertEquals(0, ds.seqLength(0), "a base user without impressions keeps its dense id, with no events");
    long e = ds.seqStart(1);
    assertEquals(List.of(2, 3, 3), List.of(ds.eventItem(e), ds.eventItem(e + 1), ds.eventItem(e + 2)));
    assertEquals(List.of(2, 3, 1), List.of(ds.eventBehavior(e), ds.eventBehavior(e + 1), ds.eventBehavior(e + 2)),
        "a missing behavior is the first one");
    assertEquals(List.of(0, 2, 1), List.of(ds.eventCategory(e), ds.eventCategory(e + 1), ds.eventCategory(e + 2)),
        "an event's own category, else its item's");
    assertEquals(2, ds.itemCategory(3), "a new item takes its first event's category");
    assertEquals(0, ds.itemCategory(4));
    assertEquals(2L, ds.manifest().count("base_items"));
    assertEquals(5L, ds.manifest().count("items") + 1);
  }

  @Test
  void newItemsTakeTheirTextFromTheCatalogAndBaseItemsKeepTheirs() throws Exception {
    IdBase base = new IdBase(List.of("<pad>", "i1"), List.of(new int[0], new int[0]), List.of("", "one"), List.of("<pad>"), List.of(),
        List.of(), Integer.MAX_VALUE, Map.of("kind", "test"));
    Path out = tmp.resolve("out");
    try (EventStore s = EventStore.open(tmp.resolve("store"), 100)) {
      s.append(List.of(ev("u", "i1", 10)));
      s.appendImpressions(List.of(new Impression("u", 40, List.of("n1", "i1", "n2"), List.of(1, 0, 0), null, null)));
      StoreSamples.write(s, base, new StoreSamples.Settings(1, 100, 0, 0), Map.of("n1", "a new film", "i1", "ignored"), out);
    }
    PreparedDataset ds = PreparedDataset.open(out);
    assertEquals(List.of("<pad>", "i1", "n1", "n2"), ds.itemRawIds());
    assertEquals(List.of("", "one", "a new film", ""), ds.itemTexts(), "a new item the catalog lacks has no text");
  }

  @Test
  void eventsNoSampleWindowReachesAreLeftOut() throws Exception {
    IdBase window2 = new IdBase(List.of("<pad>"), List.of(new int[0]), List.of(""), List.of("<pad>"), List.of(), List.of(), 2,
        Map.of("kind", "test"));
    Path out = tmp.resolve("out");
    try (EventStore s = EventStore.open(tmp.resolve("store"), 100)) {
      s.append(List.of(ev("u", "e0", 50), ev("u", "e1", 100), ev("u", "e2", 120), ev("u", "e3", 250)));
      s.appendImpressions(List.of(new Impression("u", 150, List.of("a"), List.of(1), null, null),
          new Impression("u", 300, List.of("b"), List.of(0), null, null)));
      StoreSamples.write(s, window2, new StoreSamples.Settings(1, 1000, 0, 0), out);
    }
    List<Row> rows = rows(PreparedDataset.open(out));
    assertEquals(List.of("e1", "e2"), rows.get(0).history(), "the model reads the 2 latest events before 150: e1, e2");
    assertEquals(List.of("e1", "e2", "e3"), rows.get(1).history());
  }

  @Test
  void theLatestImpressionsGoToValidAndTestByTime() throws Exception {
    Path out = tmp.resolve("out");
    try (EventStore s = EventStore.open(tmp.resolve("store"), 100)) {
      List<Impression> imps = new ArrayList<>();
      for (int t = 1; t <= 10; t++) imps.add(new Impression("u" + (t % 3), 1000 + t, List.of("a", "b"), List.of(t % 2, 0), null, null));
      s.appendImpressions(imps);
      StoreSamples.Summary sum = StoreSamples.write(s, IdBase.none(), new StoreSamples.Settings(1, 5000, 0.2, 0.3), out);
      assertEquals(1008, sum.testFrom());
      assertEquals(1006, sum.validFrom());
      assertEquals(Map.of("train", 10L, "valid", 4L, "test", 6L), sum.samples());
      assertThrows(IllegalArgumentException.class, () -> StoreSamples.write(s, IdBase.none(), new StoreSamples.Settings(1, 1000, 0, 0),
          tmp.resolve("none")));
    }
    for (Row r : rows(PreparedDataset.open(out))) {
      Split want = r.ts() >= 1008 ? Split.TEST : r.ts() >= 1006 ? Split.VALID : Split.TRAIN;
      assertEquals(want, r.split(), r.toString());
    }
    assertTrue(PreparedDataset.open(out).manifest().protocol().containsKey("impressions.test_from"));
  }
}
