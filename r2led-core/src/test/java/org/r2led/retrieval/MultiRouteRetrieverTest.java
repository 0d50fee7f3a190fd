package org.r2led.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.r2led.sid.SidTable;

class MultiRouteRetrieverTest {
  private static final int ITEMS = 300;

  /** One expected route, computed by sorting (independent of the counting-sort implementation). */
  private record Route(RouteKind kind, int level, int[] pos, byte[] mixed) {}

  private static List<Route> reference(RetrievalConfig cfg, SidTable sids, long[] sigs, int[] hist, int from,
      int len, int target) {
    List<Route> routes = new ArrayList<>();
    int k = cfg.topk();
    // rank key: (distance asc, position desc); without the collaborative view distance is ignored
    Comparator<Integer> order = Comparator.<Integer>comparingInt(p -> cfg.collaborativeView()
        ? Long.bitCount(sigs[hist[from + p]] ^ sigs[target]) : 0).thenComparing(p -> -p);
    if (cfg.semanticView()) {
      int levels = sids.semanticLevels();
      int[] routeLevels = cfg.singleRoute() ? new int[] {levels} : IntStream.rangeClosed(1, levels).toArray();
      for (int level : routeLevels) {
        long key = sids.prefixKey(target, level);
        List<Integer> members = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int p = 0; p < len; p++) (sids.prefixKey(hist[from + p], level) == key ? members : others).add(p);
        members.sort(order);
        others.sort(order);
        List<int[]> chosen = new ArrayList<>(); // {pos, mixed}
        for (int i = 0; i < Math.min(k, members.size()); i++) chosen.add(new int[] {members.get(i), 0});
        if (members.size() < k && cfg.mixedFill()) {
          for (int i = 0; i < Math.min(k - members.size(), others.size()); i++) chosen.add(new int[] {others.get(i), 1});
        }
        chosen.sort(Comparator.comparingInt(a -> a[0]));
        int[] pos = chosen.stream().mapToInt(a -> a[0]).toArray();
        byte[] mixed = new byte[pos.length];
        for (int i = 0; i < pos.length; i++) mixed[i] = (byte) chosen.get(i)[1];
        routes.add(new Route(RouteKind.PREFIX, level, pos, mixed));
      }
    }
    if (cfg.collaborativeView() && cfg.collaborativeRoute()) {
      List<Integer> all = new ArrayList<>();
      for (int p = 0; p < len; p++) all.add(p);
      all.sort(order);
      int[] pos = all.subList(0, Math.min(k, len)).stream().mapToInt(Integer::intValue).sorted().toArray();
      routes.add(new Route(RouteKind.COLLABORATIVE, 0, pos, new byte[pos.length]));
    }
    if (cfg.shortRoute()) {
      int c = Math.min(cfg.shortSeqLen(), len);
      routes.add(new Route(RouteKind.SHORT, 0, IntStream.range(len - c, len).toArray(), new byte[c]));
    }
    return routes;
  }

  private static void assertMatches(List<Route> expected, MultiRouteRetriever r, RouteSelection sel, String what) {
    assertEquals(expected.size(), r.numRoutes(), what + ": number of routes");
    for (int i = 0; i < expected.size(); i++) {
      Route e = expected.get(i);
      String w = what + " route " + i + " (" + e.kind + " " + e.level + ")";
      assertEquals(e.kind, r.kind(i), w);
      assertEquals(e.level, r.prefixLevel(i), w);
      int c = sel.counts[i];
      assertEquals(e.pos.length, c, w + ": count");
      assertArrayEquals(e.pos, java.util.Arrays.copyOf(sel.positions[i], c), w + ": positions");
      assertArrayEquals(e.mixed, java.util.Arrays.copyOf(sel.mixed[i], c), w + ": mixed flags");
      for (int j = c; j < sel.positions[i].length; j++) {
        assertEquals(-1, sel.positions[i][j], w + ": padding");
        assertEquals(0, sel.mixed[i][j], w + ": padding flag");
      }
    }
  }

  private static final RetrievalConfig[] CONFIGS = {
    RetrievalConfig.r2led(8, 5),
    // without the semantic view: collaborative route (+ short) only
    new RetrievalConfig(8, 5, false, true, false, true, true, true),
    // without the collaborative view: prefix routes ranked and filled by recency, no collaborative route
    new RetrievalConfig(8, 5, true, false, false, true, true, true),
    // single route: finest level only
    new RetrievalConfig(8, 5, true, true, true, true, true, true),
    // no mixed fill
    new RetrievalConfig(8, 5, true, true, false, false, true, true),
    // no collaborative route, no short route
    new RetrievalConfig(8, 5, true, true, false, true, false, false),
    // large topk (routes rarely full)
    new RetrievalConfig(60, 200, true, true, false, true, true, true),
    new RetrievalConfig(1, 1, true, true, false, true, true, true),
  };

  @Test
  void everyRouteMatchesTheBruteForceReferenceOnRandomHistories() {
    Random rnd = new Random(42);
    for (int levels = 1; levels <= 4; levels++) {
      int[] sizes = IntStream.range(0, levels).map(l -> 2 + l).toArray(); // small codebooks: many prefix matches
      SidTable sids = Fixtures.randomSids(ITEMS, sizes, 7 + levels);
      ItemKeys keys = new ItemKeys(sids, ITEMS);
      for (RetrievalConfig cfg : CONFIGS) {
        MultiRouteRetriever r = new MultiRouteRetriever(cfg, levels);
        RouteSelection sel = r.newSelection();
        for (int trial = 0; trial < 40; trial++) {
          Fixtures.randomSignatures(keys, trial % 2 == 0 ? 3 : 64, rnd.nextLong()); // 3 bits: heavy ties
          int len = trial == 0 ? 0 : trial == 1 ? 1 : rnd.nextInt(trial < 30 ? 40 : 400);
          int from = rnd.nextInt(5);
          int[] hist = Fixtures.randomHistory(from + len + rnd.nextInt(3), ITEMS, rnd);
          int target = 1 + rnd.nextInt(ITEMS);
          r.retrieve(hist, from, len, target, keys, sel);
          assertMatches(reference(cfg, sids, keys.signatures(), hist, from, len, target), r, sel,
              "levels=" + levels + " cfg=" + cfg + " trial=" + trial + " len=" + len);
          // several targets over the same history (gathered path)
          int[] targets = {target, 1 + rnd.nextInt(ITEMS), hist.length > 0 && len > 0 ? hist[from] : 1};
          RouteSelection[] many = {r.newSelection(), r.newSelection(), r.newSelection()};
          r.retrieveMany(hist, from, len, targets, 3, keys, many);
          for (int t = 0; t < 3; t++) {
            assertMatches(reference(cfg, sids, keys.signatures(), hist, from, len, targets[t]), r, many[t],
                "retrieveMany levels=" + levels + " cfg=" + cfg + " trial=" + trial + " target " + t);
          }
          // a direct retrieval in between leaves the loaded history in place
          r.retrieve(Fixtures.randomHistory(7, ITEMS, rnd), 0, 7, 1, keys, sel);
          r.retrieveLoaded(targets[1], keys, sel);
          assertMatches(reference(cfg, sids, keys.signatures(), hist, from, len, targets[1]), r, sel,
              "retrieveLoaded after retrieve, levels=" + levels + " cfg=" + cfg + " trial=" + trial);
        }
      }
    }
  }

  @Test
  void handComputedExampleWithTiesAndMixedFill() {
    // 2 semantic levels. Items 1..6 with codes (level1, level2):
    // 1:(1,1) 2:(1,2) 3:(1,1) 4:(2,1) 5:(1,1) 6:(2,2)
    int[] codes = {0, 0, 0, 1, 1, 1, 1, 2, 2, 1, 1, 3, 2, 1, 4, 1, 1, 5, 2, 2, 6};
    SidTable sids = new SidTable(new SidTable.Meta("fp", 6, new int[] {2, 2, 6}, 2, "t", "t", java.util.Map.of()), codes);
    ItemKeys keys = new ItemKeys(sids, 6);
    long[] s = keys.signatures();
    s[1] = 0b0000; // target
    s[2] = 0b0001; // distance 1
    s[3] = 0b0011; // distance 2
    s[4] = 0b0000; // distance 0
    s[5] = 0b0001; // distance 1
    s[6] = 0b0111; // distance 3
    //            pos: 0  1  2  3  4  5  6
    int[] history = {3, 2, 5, 4, 6, 5, 2};
    MultiRouteRetriever r = new MultiRouteRetriever(RetrievalConfig.r2led(3, 2), 2);
    RouteSelection sel = r.newSelection();
    r.retrieve(history, history.length, 1, keys, sel);
    // level 1 (code 1): members pos 0(d2) 1(d1) 2(d1) 5(d1) 6(d1); top 3 by distance, ties → recent: 6,5,2
    assertArrayEquals(new int[] {2, 5, 6}, sel.positions[0]);
    assertArrayEquals(new byte[] {0, 0, 0}, sel.mixed[0]);
    // level 2 (1,1): members pos 0(d2) 2(d1) 5(d1) → all three, no fill
    assertArrayEquals(new int[] {0, 2, 5}, sel.positions[1]);
    // collaborative: d0 at pos3, then d1 ties pos 6,5 → {3,5,6}
    assertArrayEquals(new int[] {3, 5, 6}, sel.positions[2]);
    // short: last 2
    assertArrayEquals(new int[] {5, 6}, sel.positions[3]);

    // topk 4: level 2 has 3 members, one mixed fill = nearest outside (pos 3, d0)
    r = new MultiRouteRetriever(RetrievalConfig.r2led(4, 2), 2);
    sel = r.newSelection();
    r.retrieve(history, history.length, 1, keys, sel);
    assertArrayEquals(new int[] {0, 2, 3, 5}, sel.positions[1]);
    assertArrayEquals(new byte[] {0, 0, 1, 0}, sel.mixed[1]);

    // without the collaborative view: recency; level 2 members 0,2,5 + most recent outsider 6
    r = new MultiRouteRetriever(new RetrievalConfig(4, 2, true, false, false, true, true, true), 2);
    sel = r.newSelection();
    r.retrieve(history, history.length, 1, keys, sel);
    assertEquals(3, r.numRoutes());
    // level 1 (code 1) has 5 members 0,1,2,5,6: the 4 most recent
    assertArrayEquals(new int[] {1, 2, 5, 6}, sel.positions[0]);
    assertArrayEquals(new int[] {0, 2, 5, 6}, sel.positions[1]);
    assertArrayEquals(new byte[] {0, 0, 0, 1}, sel.mixed[1]);
    assertEquals(RouteKind.SHORT, r.kind(2));
  }

  @Test
  void routeLayoutFollowsTheAblationSwitches() {
    MultiRouteRetriever full = new MultiRouteRetriever(RetrievalConfig.r2led(50, 20), 3);
    assertEquals(5, full.numRoutes());
    assertEquals(List.of(RouteKind.PREFIX, RouteKind.PREFIX, RouteKind.PREFIX, RouteKind.COLLABORATIVE, RouteKind.SHORT),
        IntStream.range(0, 5).mapToObj(full::kind).toList());
    assertEquals(3, full.prefixLevel(2));
    assertEquals(20, full.routeLength(4));
    MultiRouteRetriever single = new MultiRouteRetriever(new RetrievalConfig(50, 20, true, true, true, true, true, true), 3);
    assertEquals(3, single.numRoutes());
    assertEquals(3, single.prefixLevel(0));
    MultiRouteRetriever noSem = new MultiRouteRetriever(new RetrievalConfig(50, 20, false, true, false, true, true, true), 0);
    assertEquals(List.of(RouteKind.COLLABORATIVE, RouteKind.SHORT), IntStream.range(0, 2).mapToObj(noSem::kind).toList());
    assertThrows(IllegalArgumentException.class, () -> new MultiRouteRetriever(RetrievalConfig.r2led(5, 5), 0));
    assertThrows(IllegalArgumentException.class,
        () -> new MultiRouteRetriever(new RetrievalConfig(5, 5, false, false, false, true, true, false), 0));
  }

  @Test
  void rejectsMismatchedSelectionKeysAndTargets() {
    SidTable sids = Fixtures.randomSids(10, new int[] {2, 2}, 1);
    ItemKeys keys = new ItemKeys(sids, 10);
    MultiRouteRetriever r = new MultiRouteRetriever(RetrievalConfig.r2led(3, 2), 2);
    int[] h = {1, 2, 3};
    assertThrows(IllegalArgumentException.class, () -> r.retrieve(h, 3, 1, keys, new RouteSelection(new int[] {3})));
    assertThrows(IndexOutOfBoundsException.class, () -> r.retrieve(h, 3, 11, keys, r.newSelection()));
    assertThrows(IndexOutOfBoundsException.class, () -> r.retrieve(h, 4, 1, keys, r.newSelection()));
    MultiRouteRetriever three = new MultiRouteRetriever(RetrievalConfig.r2led(3, 2), 3);
    assertThrows(IllegalArgumentException.class, () -> three.retrieve(h, 3, 1, keys, three.newSelection()));
    assertThrows(IllegalArgumentException.class, () -> new ItemKeys(sids, 11));
  }

  @Test
  void itemKeysMirrorTheSidTable() {
    SidTable sids = Fixtures.randomSids(50, new int[] {3, 4, 5}, 3);
    ItemKeys keys = new ItemKeys(sids, 50);
    assertEquals(3, keys.semanticLevels());
    for (int i = 0; i <= 50; i++) {
      for (int l = 1; l <= 3; l++) assertEquals(sids.prefixKey(i, l), keys.prefixKey(i, l));
    }
    assertEquals(0, new ItemKeys(null, 50).semanticLevels());
    assertTrue(keys.signatures().length == 51);
  }
}
