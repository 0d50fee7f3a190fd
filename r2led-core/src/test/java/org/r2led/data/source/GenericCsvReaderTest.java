package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

class GenericCsvReaderTest {
  static final long DAY = 86400L;
  @TempDir Path tmp;

  private PreparedDataset prepare(Path events, Path items, Map<String, String> set) {
    Path out = tmp.resolve("out");
    DatasetPreparer.prepare(new PrepareRequest(SourceFormat.CSV, events, items, out, false, set, false), null);
    return PreparedDataset.open(out);
  }

  @Test
  void tsvWithLabelColumnReorderedColumnsAndMultiLabelItems() {
    Path events = Fixtures.write(tmp, "events.tsv", "item\tuser\tsession\ttimestamp\tlabel",
        "i1\tu1\ts\t100\t1", "i2\tu1\ts\t200\t0", "i3\tu1\ts\t150\t1");
    Path items = Fixtures.write(tmp, "items.csv", "item,category,text",
        "i1,a|b,First item", "i2,,\"Second, item\"", "i3,b,Third");
    PreparedDataset ds = prepare(events, items, Map.of());
    assertEquals("rating", ds.manifest().protocol().get("protocol"));
    assertEquals(List.of("event"), ds.manifest().behaviors());
    assertEquals(List.of("<pad>", "(none)", "a", "b"), ds.categoryRawIds());
    assertArrayEquals(new int[] {2, 3}, ds.itemCategories(1));
    assertArrayEquals(new int[] {1}, ds.itemCategories(2), "no category anywhere -> (none)");
    assertEquals("Second, item", ds.itemTexts().get(2));
    SampleSplit train = ds.split(Split.TRAIN);
    assertEquals(3, train.size(), "3 events: floor(0.3) = 0 valid/test");
    assertArrayEquals(new int[] {1, 3, 2}, new int[] {train.item(0), train.item(1), train.item(2)});
    assertArrayEquals(new int[] {1, 1, 0}, new int[] {train.label(0), train.label(1), train.label(2)});
    assertArrayEquals(new int[] {0, 1, 2}, new int[] {train.pos(0), train.pos(1), train.pos(2)});
    assertEquals(List.of("session"), ds.manifest().notes().get("source_events_columns_ignored"));
  }

  @Test
  void clickProtocolWithoutBehaviorColumnDerivesDayBoundaries() {
    Path events = Fixtures.write(tmp, "events.csv", "user,item,timestamp,category",
        "a,x," + (10 * DAY + 5) + ",c1",
        "a,y," + (11 * DAY + 5) + ",c2",
        "a,z," + (12 * DAY + 3600) + ",c1",
        "a,x," + (12 * DAY + 7200) + ",c1",
        "b,y," + (12 * DAY + 100) + ",c2");
    PreparedDataset ds = prepare(events, null, Map.of("click.warmup", "1"));
    Map<String, Object> p = ds.manifest().protocol();
    assertEquals("click", p.get("protocol"));
    assertEquals("event", p.get("click.target_behavior"));
    assertEquals(10 * DAY, ((Number) p.get("click.window_start")).longValue());
    assertEquals(13 * DAY, ((Number) p.get("click.window_end")).longValue());
    assertEquals(12 * DAY, ((Number) p.get("click.test_start")).longValue());
    assertEquals(11 * DAY, ((Number) p.get("click.valid_start")).longValue());
    assertEquals(0, ds.split(Split.TRAIN).size());
    SampleSplit valid = ds.split(Split.VALID);
    SampleSplit test = ds.split(Split.TEST);
    assertEquals(2, valid.size());
    assertEquals(4, test.size());
    assertEquals(2, valid.item(0));
    assertEquals(1, valid.pos(0));
    assertEquals(3, test.item(0));
    assertEquals(2, test.pos(0));
    assertEquals(1, test.item(2));
    assertEquals(3, test.pos(2));
    assertNotEquals(test.item(2), test.item(3));
    assertEquals(List.of("<pad>", "c1", "c2"), ds.categoryRawIds());
    assertEquals(1, ds.manifest().count("users_without_samples"));
  }

  @Test
  void explicitWindowAndTargetBehaviorOverrides() {
    Path events = Fixtures.write(tmp, "events.csv", "user,item,timestamp,behavior",
        "a,x,100,view", "a,y,200,buy", "a,z,300,view", "a,x,400,view");
    PreparedDataset ds = prepare(events, null, Map.of("click.warmup", "0", "click.target_behavior", "view",
        "click.window_start", "0", "click.valid_start", "250", "click.test_start", "350", "click.window_end", "1000"));
    assertEquals(List.of("buy", "view"), ds.manifest().behaviors(), "behavior codes in name order");
    assertEquals(2, ds.split(Split.TRAIN).size());
    assertEquals(2, ds.split(Split.VALID).size());
    assertEquals(2, ds.split(Split.TEST).size());
    Path out2 = tmp.resolve("out2");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetPreparer.prepare(
        new PrepareRequest(SourceFormat.CSV, events, null, out2, false, Map.of(), false), null));
    assertTrue(e.getMessage().contains("click.target_behavior"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DatasetPreparer.prepare(
        new PrepareRequest(SourceFormat.CSV, events, null, out2, false, Map.of("click.target_behavior", "view",
            "click.valid_start", "500", "click.test_start", "450"), false), null));
    assertTrue(e.getMessage().contains("window_start <= valid_start <= test_start"), e.getMessage());
  }
}
