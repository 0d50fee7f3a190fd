package org.r2led.data.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.data.source.SourceFormat;
import org.r2led.data.stats.DatasetStats;

/** The shared real datasets (skipped when ../shared/data is absent): counts, protocol rules, leakage. */
class RealDataTest {
  @TempDir Path tmp;

  @Test
  void movieLensLatestSmall() throws IOException {
    Path in = Fixtures.sharedData("movielens-latest-small");
    PrepareResult r = DatasetPreparer.prepare(PrepareRequest.of(SourceFormat.MOVIELENS, in, tmp.resolve("ml")), null);
    PreparedDataset ds = PreparedDataset.open(r.dir());
    assertEquals(100_836, ds.numEvents());
    assertEquals(610, ds.numUsers());
    assertEquals(9_742, ds.numItems(), "every movie of movies.csv is in the item table");
    assertEquals(9_724, ds.manifest().count("items_with_events"));
    assertEquals(20, ds.numCategories());
    int drama = ds.categoryRawIds().indexOf("Drama");
    int none = ds.categoryRawIds().indexOf("(no genres listed)");
    int dramaItems = 0;
    int noneItems = 0;
    for (int i = 1; i <= ds.numItems(); i++) {
      for (int c : ds.itemCategories(i)) {
        if (c == drama) dramaItems++;
        if (c == none) noneItems++;
      }
    }
    assertEquals(4_361, dramaItems);
    assertEquals(34, noneItems);
    DatasetStats st = DatasetStats.compute(ds);
    assertEquals(20, st.sequenceLength().min());
    assertEquals(70.5, st.sequenceLength().median());
    assertEquals(2_698, st.sequenceLength().max());
    assertEquals(26_818, st.behaviors().get("r4.0"));

    // Brute-force reference from the raw file: positives = ratings >= 4.0; per-user counts.
    Map<String, Integer> perUser = new HashMap<>();
    long positives = 0;
    List<String> lines = Files.readAllLines(in.resolve("ratings.csv"));
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      perUser.merge(f[0], 1, Integer::sum);
      if (Double.parseDouble(f[2]) >= 4.0) positives++;
    }
    long samples = 0;
    long pos = 0;
    for (Split s : Split.values()) {
      samples += ds.split(s).size();
      pos += ds.manifest().count("positives_" + s.id());
    }
    assertEquals(100_836, samples, "every rating is a sample");
    assertEquals(positives, pos);

    List<String> users = readUsers(ds);
    for (int u = 0; u < ds.numUsers(); u++) {
      assertEquals(perUser.get(users.get(u)).intValue(), ds.seqLength(u));
      assertNonDecreasingTimes(ds, u);
    }
    int[][] perSplit = new int[ds.numUsers()][3];
    for (Split s : Split.values()) {
      SampleSplit sp = ds.split(s);
      for (int i = 0; i < sp.size(); i++) {
        int u = sp.user(i);
        int n = ds.seqLength(u);
        int p = sp.pos(i);
        long target = ds.seqStart(u) + p;
        // the target is the event at pos; its history [0, pos) is at or before its time
        assertEquals(sp.item(i), ds.eventItem(target));
        assertEquals(sp.ts(i), ds.eventTs(target));
        if (p > 0) assertTrue(ds.eventTs(target - 1) <= sp.ts(i));
        int tenth = n / 10;
        Split expected = p >= n - tenth ? Split.TEST : p >= n - 2 * tenth ? Split.VALID : Split.TRAIN;
        assertEquals(expected, s, "user " + u + " pos " + p + " of " + n);
        perSplit[u][s.ordinal()]++;
      }
    }
    for (int u = 0; u < ds.numUsers(); u++) {
      assertEquals(ds.seqLength(u) / 10, perSplit[u][2]);
      assertEquals(ds.seqLength(u) / 10, perSplit[u][1]);
    }
  }

  @Test
  void taobaoUserBehaviorHead() throws IOException {
    Path in = Fixtures.sharedData("taobao-userbehavior-head").resolve("UserBehavior_head.csv");
    PrepareResult r = DatasetPreparer.prepare(PrepareRequest.of(SourceFormat.TAOBAO, in, tmp.resolve("tb")), null);
    PreparedDataset ds = PreparedDataset.open(r.dir());
    assertEquals(84_287, ds.numEvents());
    assertEquals(814, ds.numUsers());
    assertEquals(55_233, ds.numItems());
    assertEquals(2_911, ds.numCategories());
    assertEquals(35, ds.manifest().count("events_outside_window"));
    assertEquals(1, ds.manifest().count("items_with_several_categories"));
    DatasetStats st = DatasetStats.compute(ds);
    assertEquals(Map.of("pv", 75_693L, "cart", 4_494L, "fav", 2_351L, "buy", 1_749L), st.behaviors());
    assertEquals(4, st.sequenceLength().min());
    assertEquals(78.0, st.sequenceLength().median());
    assertEquals(539, st.sequenceLength().max());

    // Brute-force reference: pv targets in the window with >= 10 behaviors strictly earlier.
    long ws = 1511539200L, we = 1512316800L, vs = 1512144000L, tsStart = 1512230400L;
    Map<String, List<long[]>> byUser = new HashMap<>();
    for (String l : Files.readAllLines(in)) {
      String[] f = l.split(",");
      byUser.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new long[] {Long.parseLong(f[4]), f[3].equals("pv") ? 1 : 0});
    }
    long[] expectedPositives = new long[3];
    for (List<long[]> ev : byUser.values()) {
      for (long[] t : ev) {
        if (t[1] == 0 || t[0] < ws || t[0] >= we) continue;
        long before = ev.stream().filter(o -> o[0] < t[0]).count();
        if (before >= 10) expectedPositives[t[0] >= tsStart ? 2 : t[0] >= vs ? 1 : 0]++;
      }
    }
    for (Split s : Split.values()) {
      SampleSplit sp = ds.split(s);
      assertEquals(expectedPositives[s.ordinal()], ds.manifest().count("positives_" + s.id()), s.id());
      assertEquals(2 * expectedPositives[s.ordinal()], sp.size(), "one negative per positive");
      for (int i = 0; i < sp.size(); i++) {
        int u = sp.user(i);
        int p = sp.pos(i);
        long t = sp.ts(i);
        assertTrue(p >= 10, "warm-up");
        assertTrue(ds.eventTs(ds.seqStart(u) + p - 1) < t, "history strictly before the target");
        assertEquals(t, ds.eventTs(ds.seqStart(u) + p), "pos = first event at the target time");
        Split expected = t >= tsStart ? Split.TEST : t >= vs ? Split.VALID : Split.TRAIN;
        assertEquals(expected, s);
        assertTrue(t >= ws && t < we);
        if (i % 2 == 1) {
          assertEquals(0, sp.label(i));
          assertEquals(1, sp.label(i - 1));
          assertNotEquals(sp.item(i - 1), sp.item(i), "negative differs from its positive");
          assertEquals(ds.itemCategory(sp.item(i)), sp.category(i));
          assertEquals(p, sp.pos(i - 1));
        }
      }
    }
    for (int u = 0; u < ds.numUsers(); u++) assertNonDecreasingTimes(ds, u);

    PrepareResult again = DatasetPreparer.prepare(PrepareRequest.of(SourceFormat.TAOBAO, in, tmp.resolve("tb2")), null);
    assertEquals(r.manifest().fingerprint(), again.manifest().fingerprint(), "same input => same dataset");
  }

  private static List<String> readUsers(PreparedDataset ds) throws IOException {
    return Files.readAllLines(ds.dir().resolve(org.r2led.data.DatasetLayout.USER_RAW_IDS));
  }

  private static void assertNonDecreasingTimes(PreparedDataset ds, int u) {
    long s = ds.seqStart(u);
    for (int k = 1; k < ds.seqLength(u); k++) assertTrue(ds.eventTs(s + k - 1) <= ds.eventTs(s + k));
  }
}
