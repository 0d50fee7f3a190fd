package org.r2led.nextitem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.r2led.data.Split;

/**
 * The next-item view of a prepared dataset: every user's positives ({@link UserSequence}) and the catalog
 * (items {@code 1..numItems}, categories {@code 1..numCategories}, each item's primary category).
 * Immutable; built by {@link NextItemProtocol#load}.
 */
public final class NextItemData {
  private final String source;
  private final int numItems;
  private final int numCategories;
  private final int[] itemCategory;
  private final List<UserSequence> sequences;
  private final String positives;

  NextItemData(String source, int numItems, int numCategories, int[] itemCategory, List<UserSequence> sequences,
      String positives) {
    if (itemCategory.length != numItems + 1) {
      throw new IllegalArgumentException("itemCategory has " + itemCategory.length + " entries; expected numItems+1 = "
          + (numItems + 1));
    }
    this.source = source;
    this.numItems = numItems;
    this.numCategories = numCategories;
    this.itemCategory = itemCategory.clone();
    this.sequences = List.copyOf(sequences);
    this.positives = positives;
  }

  /** Builds data from sequences directly (tests, synthetic tasks). */
  public static NextItemData of(int numItems, int numCategories, int[] itemCategory, List<UserSequence> sequences) {
    return new NextItemData("in-memory", numItems, numCategories, itemCategory, sequences, "given");
  }

  /** Where the data came from (dataset directory). */
  public String source() { return source; }

  /** What counts as a positive (for reports). */
  public String positives() { return positives; }

  public int numItems() { return numItems; }

  public int numCategories() { return numCategories; }

  /** Primary category of dense item {@code i} (0 for the padding item 0). */
  public int itemCategory(int i) { return itemCategory[i]; }

  /** Copy of the item → category column, length numItems+1. */
  public int[] itemCategories() { return itemCategory.clone(); }

  /** All users' sequences, index = dense user id. */
  public List<UserSequence> sequences() { return sequences; }

  public UserSequence sequence(int user) { return sequences.get(user); }

  /**
   * The examples of one split: TRAIN = every position {@code 1..trainLength-1} of every user; VALID =
   * position {@code length-2}, TEST = position {@code length-1} of users with held-out targets.
   */
  public List<NextItemExample> examples(Split split) {
    List<NextItemExample> out = new ArrayList<>();
    for (UserSequence s : sequences) {
      switch (split) {
        case TRAIN -> { for (int p = 1; p < s.trainLength(); p++) out.add(new NextItemExample(s, p)); }
        case VALID -> { if (s.hasHeldOut()) out.add(new NextItemExample(s, s.length() - 2)); }
        case TEST -> { if (s.hasHeldOut()) out.add(new NextItemExample(s, s.length() - 1)); }
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Training-portion interaction count per item (index = item), the popularity that baselines may use. */
  public long[] trainItemCounts() {
    long[] c = new long[numItems + 1];
    for (UserSequence s : sequences) for (int p = 0; p < s.trainLength(); p++) c[s.item(p)]++;
    return c;
  }

  /** Items of each category (index = category, ascending item ids), from the catalog. */
  public int[][] itemsByCategory() {
    int[] n = new int[numCategories + 1];
    for (int i = 1; i <= numItems; i++) n[itemCategory[i]]++;
    int[][] out = new int[numCategories + 1][];
    for (int c = 0; c <= numCategories; c++) out[c] = new int[n[c]];
    int[] k = new int[numCategories + 1];
    for (int i = 1; i <= numItems; i++) out[itemCategory[i]][k[itemCategory[i]]++] = i;
    return out;
  }
}
