package org.r2led.serving.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.r2led.data.DatasetLayout;
import org.r2led.data.Manifest;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;
import org.r2led.data.source.GenericCsvReader;
import org.r2led.data.source.IdDictionary;
import org.r2led.io.StagedDir;

/**
 * Training samples from the store's labeled impressions, written in the prepared dataset layout so
 * {@code r2led train --data DIR} reads them.
 *
 * <p>Every labeled impression whose time is in {@code [from, to)} gives one sample per shown item (label
 * 1 when clicked) at the impression's time. Its history is the user's stored events strictly before
 * that time ({@link EventStore#historyBefore}): an event at the impression's time or later is never in
 * it, and a user's sequence in the output ends before the user's last impression, so no later event is
 * in the output at all. Of that history the model reads its most recent {@link IdBase#historyWindow}
 * events, as scoring does; older events no sample's window reaches are left out of the sequence.
 *
 * <p>Ids: the base's ({@link IdBase}) keep their dense ids; items, categories, behaviors and users the
 * base lacks get new ids after its own, in the order they are first met (users: base users first, in
 * order, then the new ones sorted), and all are in the output's id files. A new item's category is
 * the first category one of its events carries (else 0); its text is the one a catalog gives it
 * ({@link #write(EventStore, IdBase, Settings, Map, Path)}), else empty. An event's category is
 * its own when given, else its item's; a missing behavior is the first behavior (as scoring reads it;
 * with no behavior names at all the only one is {@code event}).
 *
 * <p>Splits by time: cut times at the {@code 1 - valid - test} and {@code 1 - test} quantiles of the
 * labeled impressions' times; an impression at or after the test cut is TEST, at or after the valid
 * cut VALID, else TRAIN (all samples of one impression in one split; ties at a cut go to the later
 * split). The output is staged and swapped in only when complete.
 */
public final class StoreSamples {
  private StoreSamples() {}

  /**
   * What to build.
   *
   * @param from first impression time, Unix seconds (inclusive)
   * @param to end of the range, Unix seconds (exclusive)
   * @param validShare share of the labeled impressions, latest but the test ones, in VALID
   * @param testShare share of the latest labeled impressions in TEST
   */
  public record Settings(long from, long to, double validShare, double testShare) {
    public Settings {
      if (from >= to) throw new IllegalArgumentException("the time range is empty: from " + from + " is not before to " + to);
      if (!(validShare >= 0) || !(testShare >= 0) || validShare + testShare >= 1) {
        throw new IllegalArgumentException("valid and test shares must be >= 0 with a sum below 1, got " + validShare + " and " + testShare);
      }
    }
  }

  /**
   * What was written.
   *
   * @param impressions labeled impressions used; {@code unlabeled} those in the range left out
   * @param samples samples per split id
   * @param validFrom the valid cut time; {@code testFrom} the test cut time (Unix seconds)
   * @param newItems items (also categories, users) the base did not have, given ids after its own
   */
  public record Summary(long impressions, long unlabeled, Map<String, Long> samples, long events, long validFrom, long testFrom,
      int newItems, int newCategories, int newUsers, Manifest manifest) {}

  /**
   * Writes the samples of {@code store}'s impressions in the range of {@code s} into {@code out}. The store
   * must not change during the call (it reads each user twice): open it with {@link EventStore#openForReading}
   * (a fixed view, also beside a running service) or append nothing meanwhile.
   */
  public static Summary write(EventStore store, IdBase base, Settings s, Path out) {
    return write(store, base, s, Map.of(), out);
  }

  /**
   * As {@link #write(EventStore, IdBase, Settings, Path)}, a new item (one the base lacks) taking its text from
   * {@code newItemTexts} (raw item id → text; an item it does not list gets an empty text). The base's items
   * keep the base's texts.
   */
  public static Summary write(EventStore store, IdBase base, Settings s, Map<String, String> newItemTexts, Path out) {
    TreeSet<String> users = new TreeSet<>();
    long[] counted = new long[2];   // labeled, unlabeled
    store.forEachImpression(s.from(), s.to(), m -> {
      if (!m.labeled()) {
        counted[1]++;
        return;
      }
      users.add(m.user());
      counted[0]++;
    });
    if (counted[0] == 0) {
      throw new IllegalArgumentException("the store " + store.dir() + " holds no labeled impression in [" + s.from() + ", " + s.to()
          + ") (" + counted[1] + " unlabeled)");
    }
    long[] ts = labeledTimes(store, s, (int) counted[0]);
    int n = ts.length;
    int nTest = (int) Math.round(n * s.testShare());
    int nValid = (int) Math.round(n * s.validShare());
    long testFrom = nTest == 0 ? s.to() : ts[n - nTest];
    long validFrom = nValid == 0 ? testFrom : Math.min(testFrom, ts[Math.max(0, n - nTest - nValid)]);

    Vocab v = new Vocab(base, newItemTexts);
    List<String> order = new ArrayList<>(base.users());
    for (String u : base.users()) v.users.intern(u);
    for (String u : users) if (v.users.find(u) < 0) order.add(v.users.raw(v.users.intern(u)));
    for (String u : order) if (users.contains(u)) v.see(read(store, u, s, base.historyWindow()));
    if (v.behaviors.size() == 0) v.behaviors.intern(GenericCsvReader.DEFAULT_BEHAVIOR);

    Map<Split, Long> samples = new EnumMap<>(Split.class);
    for (Split sp : Split.values()) samples.put(sp, 0L);
    try (StagedDir staged = StagedDir.open(out, DatasetLayout.KIND)) {
      Path stage = staged.stage();
      Manifest manifest;
      long events;
      try (PreparedDatasetWriter w = new PreparedDatasetWriter(stage, false)) {
        for (String u : order) {
          w.beginUser(u);
          if (!users.contains(u)) continue;
          UserData d = read(store, u, s, base.historyWindow());
          for (Event e : d.events) {
            int item = v.item(e.item());
            int cat = e.category() != null ? v.categories.find(e.category()) + 1 : v.primary(item);
            w.addEvent(item, cat, e.type() != null ? v.behaviors.find(e.type()) + 1 : 1, e.ts());
          }
          int pos = 0;
          for (Impression m : d.impressions) {
            while (pos < d.events.size() && d.events.get(pos).ts() < m.ts()) pos++;
            Split sp = m.ts() >= testFrom ? Split.TEST : m.ts() >= validFrom ? Split.VALID : Split.TRAIN;
            for (int k = 0; k < m.items().size(); k++) {
              int item = v.item(m.items().get(k));
              w.addSample(sp, pos, item, v.primary(item), m.label(k), m.ts(), Float.NaN);
            }
            samples.merge(sp, (long) m.items().size(), Long::sum);
          }
        }
        events = w.events();
        w.writeItems(v.itemRaw(), v.itemCategories, v.itemTexts);
        w.writeCategories(v.raw(v.categories));
        manifest = w.finish("store", List.of(), protocol(base, s, validFrom, testFrom), counts(base, v, n, counted[1]),
            v.raw(v.behaviors).subList(1, v.behaviors.size() + 1), notes());
      }
      staged.commit();
      Map<String, Long> bySplit = new LinkedHashMap<>();
      samples.forEach((sp, c) -> bySplit.put(sp.id(), c));
      return new Summary(n, counted[1], bySplit, events, validFrom, testFrom, v.items.size() - (base.items().size() - 1),
          v.categories.size() - (base.categories().size() - 1), v.users.size() - base.users().size(), manifest);
    }
  }

  /** Times of the labeled impressions in the range, in time order. */
  private static long[] labeledTimes(EventStore store, Settings s, int n) {
    long[] ts = new long[n];
    int[] at = {0};
    store.forEachImpression(s.from(), s.to(), m -> {
      if (m.labeled() && at[0] < n) ts[at[0]++] = m.ts();
    });
    return at[0] == n ? ts : Arrays.copyOf(ts, at[0]);
  }

  /** A user's labeled impressions in the range and the stored events the samples' histories need, oldest first. */
  private record UserData(List<Impression> impressions, List<Event> events) {}

  private static UserData read(EventStore store, String user, Settings s, int window) {
    List<Impression> imps = store.impressions(user, s.from(), s.to()).stream().filter(Impression::labeled).toList();
    List<Event> events = store.historyBefore(user, imps.get(imps.size() - 1).ts());
    long first = imps.get(0).ts();
    int before = 0;
    while (before < events.size() && events.get(before).ts() < first) before++;
    int keepFrom = window == Integer.MAX_VALUE ? 0 : Math.max(0, before - window);
    return new UserData(imps, events.subList(keepFrom, events.size()));
  }

  /** The output's ids: the base's, grown by the store's new ones in the order they are met. */
  private static final class Vocab {
    final IdDictionary items = new IdDictionary();        // dense id = provisional + 1
    final IdDictionary categories = new IdDictionary();   // dense id = provisional + 1
    final IdDictionary behaviors = new IdDictionary();    // code = provisional + 1
    final IdDictionary users = new IdDictionary();        // dense id = provisional
    final List<int[]> itemCategories = new ArrayList<>();
    final List<String> itemTexts = new ArrayList<>();

    private final int baseItems;
    private final Map<String, String> newItemTexts;

    Vocab(IdBase base, Map<String, String> newItemTexts) {
      baseItems = base.items().size() - 1;
      this.newItemTexts = newItemTexts;
      for (int i = 1; i < base.items().size(); i++) items.intern(base.items().get(i));
      for (int c = 1; c < base.categories().size(); c++) categories.intern(base.categories().get(c));
      for (String b : base.behaviors()) behaviors.intern(b);
      itemCategories.addAll(base.itemCategories());
      itemTexts.addAll(base.itemTexts());
    }

    /** Interns every id of one user's samples; a new item takes the category of the first of its events that has one. */
    void see(UserData d) {
      for (Event e : d.events) {
        int cat = e.category() == null ? 0 : categories.intern(e.category()) + 1;
        int item = intern(e.item());
        if (cat != 0 && itemCategories.get(item).length == 0 && item > baseItems) itemCategories.set(item, new int[] {cat});
        if (e.type() != null) behaviors.intern(e.type());
      }
      for (Impression m : d.impressions) for (String i : m.items()) intern(i);
    }

    private int intern(String raw) {
      int dense = items.intern(raw) + 1;
      if (dense == itemCategories.size()) {
        itemCategories.add(new int[0]);
        itemTexts.add(newItemTexts.getOrDefault(raw, ""));
      }
      return dense;
    }

    int item(String raw) { return items.find(raw) + 1; }

    int primary(int item) {
      int[] c = itemCategories.get(item);
      return c.length == 0 ? 0 : c[0];
    }

    List<String> itemRaw() { return raw(items); }

    /** Raw ids with the padding entry first (index = dense id). */
    List<String> raw(IdDictionary d) {
      List<String> out = new ArrayList<>(d.size() + 1);
      out.add("<pad>");
      for (int k = 0; k < d.size(); k++) out.add(d.raw(k));
      return out;
    }
  }

  private static Map<String, Object> protocol(IdBase base, Settings s, long validFrom, long testFrom) {
    Map<String, Object> p = new TreeMap<>();
    p.put("protocol", "impressions");
    p.put("impressions.from", s.from());
    p.put("impressions.to", s.to());
    p.put("impressions.valid_share", s.validShare());
    p.put("impressions.test_share", s.testShare());
    p.put("impressions.valid_from", validFrom);
    p.put("impressions.test_from", testFrom);
    p.put("impressions.history", "the user's stored events strictly before the impression time");
    p.put("impressions.history_window", base.historyWindow() == Integer.MAX_VALUE ? "all" : base.historyWindow());
    p.put("impressions.ids_from", new TreeMap<>(base.description()));
    return p;
  }

  private static Map<String, Long> counts(IdBase base, Vocab v, long impressions, long unlabeled) {
    Map<String, Long> c = new TreeMap<>();
    c.put("items", (long) v.items.size());
    c.put("categories", (long) v.categories.size());
    c.put("base_items", (long) base.items().size() - 1);
    c.put("base_categories", (long) base.categories().size() - 1);
    c.put("base_behaviors", (long) base.behaviors().size());
    c.put("base_users", (long) base.users().size());
    c.put("impressions", impressions);
    c.put("impressions_unlabeled", unlabeled);
    return c;
  }

  private static Map<String, Object> notes() {
    Map<String, Object> n = new TreeMap<>();
    n.put("samples", "one sample per shown item of each labeled impression in the range; label 1 = clicked");
    n.put("ids", "dense ids 1..base_items (categories 1..base_categories, users 0..base_users-1) are the base's;"
        + " ids after them are new in the store, in the order first met");
    n.put("splits", "by impression time: TEST from impressions.test_from, VALID from impressions.valid_from");
    return n;
  }
}
