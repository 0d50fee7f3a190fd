package org.r2led.data.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.sid.SidTable;

class SampleExporterTest {
  @TempDir Path tmp;

  private static final int ITEMS = 30;
  private static final int CATEGORIES = 5;

  /**
   * A seeded random dataset: 12 users, up to 40 events each (two behavior types, timestamps beyond
   * int range, ties included), samples in all three splits.
   */
  private PreparedDataset randomDataset(Path dir) {
    Random rnd = new Random(8);
    int[] itemCat = new int[ITEMS + 1];
    for (int i = 1; i <= ITEMS; i++) itemCat[i] = 1 + rnd.nextInt(CATEGORIES);
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, false)) {
      for (int u = 0; u < 12; u++) {
        w.beginUser("user" + u);
        int len = u == 0 ? 0 : rnd.nextInt(40);
        long ts = 5_000_000_000L; // beyond int range: exercises the long formatting
        for (int e = 0; e < len; e++) {
          int item = 1 + rnd.nextInt(ITEMS);
          w.addEvent(item, itemCat[item], 1 + rnd.nextInt(2), ts += rnd.nextInt(50));
        }
        for (int k = 0; k < 4; k++) {
          int pos = k == 0 ? 0 : rnd.nextInt(len + 1);
          int item = 1 + rnd.nextInt(ITEMS);
          w.addSample(Split.values()[k % 3], pos, item, itemCat[item], rnd.nextInt(2), ts, Float.NaN);
        }
      }
      List<String> raw = new ArrayList<>();
      List<int[]> cats = new ArrayList<>();
      raw.add("<pad>");
      cats.add(new int[0]);
      for (int i = 1; i <= ITEMS; i++) {
        raw.add("i" + i);
        cats.add(new int[] {itemCat[i]});
      }
      w.writeItems(raw, cats, null);
      List<String> catNames = new ArrayList<>();
      for (int c = 0; c <= CATEGORIES; c++) catNames.add("c" + c);
      w.writeCategories(catNames);
      w.finish("test", List.of(), Map.of(), Map.of("items", (long) ITEMS, "categories", (long) CATEGORIES),
          List.of("pv", "buy"), null);
    }
    return PreparedDataset.open(dir);
  }

  private static SidTable sids(String fingerprint) {
    int[] codes = new int[(ITEMS + 1) * 3];
    for (int i = 1; i <= ITEMS; i++) {
      codes[i * 3] = 1 + i % 4;
      codes[i * 3 + 1] = 1 + i % 3;
      codes[i * 3 + 2] = i;
    }
    return new SidTable(new SidTable.Meta(fingerprint, ITEMS, new int[] {4, 3, ITEMS}, 2, "t", "t", Map.of()), codes);
  }

  private static String joined(long[] v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length; i++) b.append(i > 0 ? " " : "").append(v[i]);
    return b.toString();
  }

  private static String joined(int[] v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length; i++) b.append(i > 0 ? " " : "").append(v[i]);
    return b.toString();
  }

  @Test
  void exportedSamplesParseBackToTheDataset() throws Exception {
    PreparedDataset ds = randomDataset(tmp.resolve("data"));
    SidTable sids = sids(ds.manifest().fingerprint());
    Path out = tmp.resolve("out");
    for (Split split : Split.values()) {
      SampleExporter.Result r = SampleExporter.export(ds, sids, split, out, false);
      SampleSplit s = ds.split(split);
      List<String> lines = Files.readAllLines(out.resolve("samples-" + split.id() + ".tsv"), StandardCharsets.UTF_8);
      assertEquals(SampleExporter.SAMPLES_HEADER, lines.get(0));
      assertEquals(s.size() + 1, lines.size());
      assertEquals(s.size(), r.samples());
      long events = 0;
      boolean sawEmpty = false;
      for (int i = 0; i < s.size(); i++) {
        String[] f = lines.get(i + 1).split("\t", -1);
        assertEquals(9, f.length, "line " + (i + 2));
        assertEquals(s.user(i), Integer.parseInt(f[0]));
        assertEquals(s.label(i), Integer.parseInt(f[1]));
        assertEquals(s.item(i), Integer.parseInt(f[2]));
        assertEquals(s.category(i), Integer.parseInt(f[3]));
        int pos = s.pos(i);
        int[] items = new int[pos];
        int[] cats = new int[pos];
        ds.copyItems(s.historyStart(i), pos, items, 0);
        ds.copyCategories(s.historyStart(i), pos, cats, 0);
        assertEquals(joined(items), f[4], "hist_items of sample " + i);
        assertEquals(joined(cats), f[5], "hist_categories of sample " + i);
        assertEquals(s.ts(i), Long.parseLong(f[6]), "ts of sample " + i);
        long[] ts = new long[pos];
        int[] behaviors = new int[pos];
        for (int k = 0; k < pos; k++) {
          ts[k] = ds.eventTs(s.historyStart(i) + k);
          behaviors[k] = ds.eventBehavior(s.historyStart(i) + k);
        }
        assertEquals(joined(behaviors), f[7], "hist_behaviors of sample " + i);
        assertEquals(joined(ts), f[8], "hist_ts of sample " + i);
        // parse back independently too
        String[] hi = f[4].isEmpty() ? new String[0] : f[4].split(" ");
        assertEquals(pos, hi.length);
        for (int k = 0; k < pos; k++) assertEquals(ds.eventItem(s.historyStart(i) + k), Integer.parseInt(hi[k]));
        for (int c = 5; c <= 8; c++) {
          if (c == 6) continue;
          assertEquals(pos, f[c].isEmpty() ? 0 : f[c].split(" ").length, "column " + c + " of sample " + i);
        }
        // history is oldest -> newest and strictly before the target in sequence order
        String[] ht = f[8].isEmpty() ? new String[0] : f[8].split(" ");
        for (int k = 1; k < pos; k++) assertTrue(Long.parseLong(ht[k - 1]) <= Long.parseLong(ht[k]));
        for (int k = 0; k < pos; k++) assertTrue(Long.parseLong(ht[k]) <= s.ts(i));
        String[] hb = f[7].isEmpty() ? new String[0] : f[7].split(" ");
        for (String b : hb) assertTrue(Integer.parseInt(b) >= 1 && Integer.parseInt(b) <= ds.numBehaviors(), b);
        sawEmpty |= pos == 0;
        events += pos;
      }
      assertTrue(sawEmpty, "fixture has samples without history");
      assertEquals(events, r.historyEvents());
    }
    List<String> items = Files.readAllLines(out.resolve("items.tsv"), StandardCharsets.UTF_8);
    assertEquals(SampleExporter.ITEMS_HEADER, items.get(0));
    assertEquals(ITEMS + 1, items.size());
    for (int i = 1; i <= ITEMS; i++) {
      assertEquals(i + "\t" + ds.itemCategory(i) + "\t" + (1 + i % 4) + "-" + (1 + i % 3) + "-" + i, items.get(i));
    }
  }

  @Test
  void withoutSidsTheSidColumnIsEmpty() throws Exception {
    PreparedDataset ds = randomDataset(tmp.resolve("data"));
    SampleExporter.Result r = SampleExporter.export(tmp.resolve("data"), null, Split.TEST, tmp.resolve("out"), false);
    assertFalse(r.withSids());
    List<String> items = Files.readAllLines(tmp.resolve("out/items.tsv"), StandardCharsets.UTF_8);
    assertEquals("7\t" + ds.itemCategory(7) + "\t", items.get(7));
  }

  @Test
  void aFolderWithOtherFilesIsRefusedAndSplitsAccumulate() throws Exception {
    randomDataset(tmp.resolve("data"));
    Path mine = tmp.resolve("mine");
    java.nio.file.Files.createDirectories(mine);
    java.nio.file.Files.writeString(mine.resolve("notes.txt"), "keep");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SampleExporter.export(tmp.resolve("data"), null, Split.TEST, mine, false));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(mine.resolve("notes.txt")),
        java.nio.file.Files.list(mine).toList());
    Path out = tmp.resolve("out");
    SampleExporter.export(tmp.resolve("data"), null, Split.TEST, out, false);
    SampleExporter.export(tmp.resolve("data"), null, Split.VALID, out, false);
    org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.isRegularFile(out.resolve(
        SampleExporter.samplesFileName(Split.TEST))));
  }

  @Test
  void rejectsSidsOfAnotherDataset() {
    PreparedDataset ds = randomDataset(tmp.resolve("data"));
    Path sidDir = tmp.resolve("sids");
    sids("0123-other-dataset").save(sidDir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleExporter.export(tmp.resolve("data"), SidTable.load(sidDir), Split.TRAIN, tmp.resolve("out"), false));
    assertTrue(e.getMessage().contains("0123-other-dataset") && e.getMessage().contains(ds.manifest().fingerprint()),
        e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out/samples-train.tsv")));
  }
}
