package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareRequest;

/** Taobao reader and the click protocol with the official window (day boundaries in UTC+8). */
class TaobaoReaderTest {
  static final long WS = 1511539200L; // 2017-11-25 00:00 Beijing
  static final long WE = 1512316800L; // 2017-12-04 00:00 Beijing
  static final long VS = 1512144000L; // 2017-12-02 00:00 Beijing
  static final long TS = 1512230400L; // 2017-12-03 00:00 Beijing

  @TempDir Path tmp;

  static List<String> rows() {
    return List.of(
        "100,1,10,pv," + (WS + 10),
        "100,2,10,pv," + (WS + 20),
        "20,2,10,cart," + (WS + 200),
        "20,1,10,pv," + (WS - 100),
        "20,4,11,pv," + (WS + 300),
        "20,2,10,pv," + (WS + 100),
        "20,3,11,pv," + (WS + 300),
        "20,5,12,pv," + (VS + 10),
        "20,1,10,pv," + (TS + 6),
        "20,5,13,buy," + (TS + 5),
        "20,2,10,pv," + (WE + 1));
  }

  static PreparedDataset prepare(Path file, Path out) {
    DatasetPreparer.prepare(new PrepareRequest(SourceFormat.TAOBAO, file, null, out, false,
        Map.of("click.warmup", "3"), false), null);
    return PreparedDataset.open(out);
  }

  @Test
  void sequencesCategoriesAndCounts() {
    PreparedDataset ds = prepare(Fixtures.write(tmp, "ub.csv", rows()), tmp.resolve("out"));
    assertEquals(2, ds.numUsers());
    assertEquals(5, ds.numItems());
    assertEquals(4, ds.numCategories());
    assertEquals(11, ds.numEvents(), "events outside the window stay in the sequences");
    assertEquals(List.of("pv", "cart", "fav", "buy"), ds.manifest().behaviors());
    // numeric id order: user "20" is dense 0
    assertEquals(9, ds.seqLength(0));
    int[] items = new int[9];
    ds.copyItems(ds.seqStart(0), 9, items, 0);
    assertArrayEquals(new int[] {1, 2, 2, 3, 4, 5, 5, 1, 2}, items);
    assertEquals(2, ds.eventBehavior(ds.seqStart(0) + 2), "cart");
    // item 5 is seen with categories 12 (pv) and 13 (buy): tie -> smaller dense id (12 -> 3); events keep theirs
    assertArrayEquals(new int[] {3, 4}, ds.itemCategories(5));
    assertEquals(3, ds.itemCategory(5));
    assertEquals(3, ds.eventCategory(ds.seqStart(0) + 5));
    assertEquals(4, ds.eventCategory(ds.seqStart(0) + 6));
    assertEquals(1, ds.manifest().count("items_with_several_categories"));
    assertEquals(2, ds.manifest().count("events_outside_window"));
    assertEquals(2, ds.manifest().count("targets_outside_window"));
    assertEquals(3, ds.manifest().count("targets_below_warmup"));
    assertEquals(1, ds.manifest().count("users_without_samples"));
    assertTrue(ds.itemTexts().get(1).isEmpty());
  }

  @Test
  void clickTargetsWarmupHistoryAndDaySplit() {
    PreparedDataset ds = prepare(Fixtures.write(tmp, "ub.csv", rows()), tmp.resolve("out"));
    SampleSplit train = ds.split(Split.TRAIN);
    SampleSplit valid = ds.split(Split.VALID);
    SampleSplit test = ds.split(Split.TEST);
    assertEquals(4, train.size());
    assertEquals(2, valid.size());
    assertEquals(2, test.size());
    // train: items 3 and 4 at the same second; both see the 3 behaviors strictly before it
    assertEquals(3, train.item(0));
    assertEquals(4, train.item(2));
    for (int i : new int[] {0, 2}) {
      assertEquals(1, train.label(i));
      assertEquals(3, train.pos(i));
      assertEquals(WS + 300, train.ts(i));
      assertEquals(2, train.category(i));
    }
    assertEquals(5, valid.item(0));
    assertEquals(5, valid.pos(0));
    assertEquals(3, valid.category(0));
    assertEquals(1, test.item(0));
    assertEquals(7, test.pos(0), "the buy at TS+5 is history of the pv at TS+6");
    for (SampleSplit s : List.of(train, valid, test)) {
      for (int i = 0; i < s.size(); i += 2) {
        assertEquals(0, s.label(i + 1));
        assertNotEquals(s.item(i), s.item(i + 1), "negative differs from its positive");
        assertEquals(ds.itemCategory(s.item(i + 1)), s.category(i + 1), "negative carries its own category");
        assertEquals(s.pos(i), s.pos(i + 1));
        assertEquals(s.ts(i), s.ts(i + 1));
        for (int k = 0; k < s.pos(i); k++) assertTrue(ds.eventTs(ds.seqStart(0) + k) < s.ts(i), "history strictly before");
        assertEquals(s.ts(i), ds.eventTs(ds.seqStart(0) + s.pos(i)), "pos = first event at the target time");
      }
    }
    Map<String, Object> p = ds.manifest().protocol();
    assertEquals(VS, ((Number) p.get("click.valid_start")).longValue());
    assertEquals(TS, ((Number) p.get("click.test_start")).longValue());
    assertEquals("pv", p.get("click.target_behavior"));
  }

  @Test
  void inputDirectoryWithOneCsvFile() {
    Path dir = tmp.resolve("dir");
    Fixtures.write(dir, "UserBehavior.csv", rows());
    assertEquals(dir.resolve("UserBehavior.csv"), TaobaoReader.inputFile(dir));
  }
}
