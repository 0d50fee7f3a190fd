package org.r2led.data.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.r2led.data.source.EventBuffer;
import org.r2led.data.source.GenericCsvReader;
import org.r2led.data.source.IdDictionary;
import org.r2led.data.source.SourceData;

/**
 * The dense item and category tables of a dataset.
 *
 * <p>An item's categories are the ones its source declares (MovieLens genres, the items file),
 * primary first. Otherwise they are derived from its events' categories: most frequent first, ties
 * broken by the smaller dense category id — so an item seen with two categories (one Taobao item
 * is) gets a deterministic primary category, while each event keeps its own. Items with no category
 * at all get the category {@code (none)}.
 */
public final class ItemTable {
  /** Index = dense item; index 0 = padding. */
  final List<String> rawIds;
  final List<int[]> categories;
  final List<String> texts;
  final int[] primary;
  /** Provisional category → dense category (1-based). */
  final int[] categoryDense;
  /** Index = dense category; index 0 = padding. */
  final List<String> categoryNames;
  /** Derived items whose events carry more than one category. */
  final long itemsWithSeveralCategories;
  /** Up to five descriptions of such items. */
  final List<String> severalCategoryExamples;

  private ItemTable(List<String> rawIds, List<int[]> categories, List<String> texts, int[] primary,
      int[] categoryDense, List<String> categoryNames, long several, List<String> examples) {
    this.rawIds = rawIds;
    this.categories = categories;
    this.texts = texts;
    this.primary = primary;
    this.categoryDense = categoryDense;
    this.categoryNames = categoryNames;
    this.itemsWithSeveralCategories = several;
    this.severalCategoryExamples = examples;
  }

  /** Number of items. */
  public int size() { return rawIds.size() - 1; }

  /** Primary dense category per dense item (index 0 = padding). */
  public int[] primary() { return primary; }

  /** Provisional category id of the source → dense category. */
  public int[] categoryDense() { return categoryDense; }

  /** Writes the item table and the category names through {@code w}. */
  void writeTo(org.r2led.data.PreparedDatasetWriter w) {
    w.writeItems(rawIds, categories, texts);
    w.writeCategories(categoryNames);
  }

  /** Writes the item table and the category names into a dataset directory. */
  public void writeTo(java.nio.file.Path datasetDir) {
    org.r2led.data.PreparedDatasetWriter.writeItems(datasetDir, rawIds, categories, texts);
    org.r2led.data.PreparedDatasetWriter.writeCategories(datasetDir, categoryNames);
  }

  /** The table of a source whose events are all in {@code d}. */
  static ItemTable build(SourceData d, int[] itemDense) {
    EventBuffer ev = d.events();
    List<int[]> declared = d.itemCategories();

    // (item, category) pairs of events that carry a category, for items without declared ones.
    long[] pairs = new long[ev.size()];
    int np = 0;
    for (int e = 0; e < ev.size(); e++) {
      int c = ev.category(e);
      int i = ev.item(e);
      if (c >= 0 && (declared == null || declared.get(i) == null)) pairs[np++] = ((long) i << 32) | c;
    }
    pairs = Arrays.copyOf(pairs, np);
    Arrays.sort(pairs);
    long[] keys = new long[np];
    long[] counts = new long[np];
    int k = 0;
    for (int p = 0; p < np; ) {
      int q = p;
      while (q < np && pairs[q] == pairs[p]) q++;
      keys[k] = pairs[p];
      counts[k++] = q - p;
      p = q;
    }
    return build(d, itemDense, Arrays.copyOf(keys, k), Arrays.copyOf(counts, k));
  }

  /**
   * The table from the events' (item, category) pair counts, for sources whose events were counted
   * elsewhere (a distributed reader): {@code pairKeys} ascending and distinct,
   * {@code provisionalItem << 32 | provisionalCategory}, of the events that carry a category and whose
   * item has no declared categories; {@code pairCounts} the events of each pair.
   */
  public static ItemTable build(SourceData d, int[] itemDense, long[] pairKeys, long[] pairCounts) {
    IdDictionary items = d.items();
    IdDictionary cats = d.categories();
    int n = items.size();
    List<int[]> declared = d.itemCategories();
    // derived[i] = list of {provisionalCategory, count}
    int[][][] derived = new int[n][][];
    int np = pairKeys.length;
    int p = 0;
    while (p < np) {
      int item = (int) (pairKeys[p] >>> 32);
      List<int[]> list = new ArrayList<>();
      while (p < np && (int) (pairKeys[p] >>> 32) == item) {
        list.add(new int[] {(int) pairKeys[p], Math.toIntExact(pairCounts[p])});
        p++;
      }
      derived[item] = list.toArray(new int[0][]);
    }
    boolean needNone = false;
    for (int i = 0; i < n; i++) {
      if ((declared == null || declared.get(i) == null) && derived[i] == null) needNone = true;
    }
    int none = needNone ? cats.intern(GenericCsvReader.NO_CATEGORY) : -1;
    int[] catDense = cats.denseIds(1);

    String[] raw = new String[n + 1];
    int[][] itemCats = new int[n + 1][];
    String[] text = d.itemTexts() == null ? null : new String[n + 1];
    raw[0] = "<pad>";
    itemCats[0] = new int[0];
    if (text != null) text[0] = "";
    long several = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = itemDense[i];
      raw[k] = items.raw(i);
      if (text != null) text[k] = d.itemTexts().get(i) == null ? "" : d.itemTexts().get(i);
      int[] dc;
      if (declared != null && declared.get(i) != null) {
        dc = Arrays.stream(declared.get(i)).map(c -> catDense[c]).toArray();
      } else if (derived[i] != null) {
        int[][] list = derived[i];
        Arrays.sort(list, (a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1]) : Integer.compare(catDense[a[0]], catDense[b[0]]));
        dc = Arrays.stream(list).mapToInt(a -> catDense[a[0]]).toArray();
        if (list.length > 1) {
          several++;
          if (examples.size() < 5) {
            StringBuilder sb = new StringBuilder("item ").append(items.raw(i)).append(":");
            for (int[] a : list) sb.append(' ').append(cats.raw(a[0])).append(" x").append(a[1]);
            examples.add(sb.append(" -> primary ").append(cats.raw(list[0][0])).toString());
          }
        }
      } else {
        dc = new int[] {catDense[none]};
      }
      itemCats[k] = dc;
    }
    int[] primary = new int[n + 1];
    for (int k = 1; k <= n; k++) primary[k] = itemCats[k][0];
    List<String> names = new ArrayList<>();
    names.add("<pad>");
    names.addAll(cats.inDenseOrder(catDense, 1));
    return new ItemTable(Arrays.asList(raw), Arrays.asList(itemCats), text == null ? null : Arrays.asList(text),
        primary, catDense, names, several, examples);
  }
}
