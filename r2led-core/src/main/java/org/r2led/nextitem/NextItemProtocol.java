package org.r2led.nextitem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.r2led.data.PreparedDataset;

/**
 * The next-item protocol over a prepared dataset (docs/retrieval.md#protocol), shared by retrieval and
 * sequential recommendation. Deterministic; reads only the stored sequences (not the CTR samples):
 *
 * <ol>
 *   <li><b>Positives.</b> Rating datasets (manifest {@code protocol = rating}, MovieLens): events whose
 *       rating is at least the manifest's {@code rating.threshold}; every other source (Taobao pv/cart/fav/buy,
 *       synthetic clicks): every event.</li>
 *   <li><b>Order.</b> The stored per-user event order (time, then item); consecutive positives on the
 *       same item collapse into the first one (a pv followed by a cart of one item is one interaction).</li>
 *   <li><b>Split.</b> Per user: the last positive is the test target, the one before the validation
 *       target, the rest are training targets (each with its earlier positives as history). Users with
 *       fewer than {@link #MIN_POSITIVES} positives have training positions only.</li>
 * </ol>
 */
public final class NextItemProtocol {
  private NextItemProtocol() {}

  /** Smallest number of positives for a user to have a validation and a test target. */
  public static final int MIN_POSITIVES = 3;

  /** Builds the per-user positive sequences of {@code ds}. */
  public static NextItemData load(PreparedDataset ds) {
    boolean[] positive = positiveBehaviors(ds);
    int numItems = ds.numItems();
    int[] itemCategory = new int[numItems + 1];
    for (int i = 1; i <= numItems; i++) itemCategory[i] = ds.itemCategory(i);
    List<UserSequence> seqs = new ArrayList<>(ds.numUsers());
    for (int u = 0; u < ds.numUsers(); u++) {
      long start = ds.seqStart(u);
      int n = ds.seqLength(u);
      int[] items = new int[n];
      int[] cats = new int[n];
      long[] ts = new long[n];
      int k = 0;
      for (int e = 0; e < n; e++) {
        long g = start + e;
        int b = ds.eventBehavior(g);
        if (positive != null && (b <= 0 || b >= positive.length || !positive[b])) continue;
        int item = ds.eventItem(g);
        if (k > 0 && items[k - 1] == item) continue;
        items[k] = item;
        cats[k] = ds.eventCategory(g);
        ts[k] = ds.eventTs(g);
        k++;
      }
      seqs.add(new UserSequence(u, java.util.Arrays.copyOf(items, k), java.util.Arrays.copyOf(cats, k),
          java.util.Arrays.copyOf(ts, k)));
    }
    return new NextItemData(ds.dir().toString(), numItems, ds.numCategories(), itemCategory, seqs,
        describePositives(ds));
  }

  /** Behavior codes that count as positives (index = code), or null when every event is a positive. */
  static boolean[] positiveBehaviors(PreparedDataset ds) {
    Object protocol = ds.manifest().protocol().get("protocol");
    if (!"rating".equals(protocol)) return null;
    double threshold = ratingThreshold(ds);
    List<String> names = ds.manifest().behaviors();
    boolean[] pos = new boolean[names.size() + 1];
    for (int c = 1; c <= names.size(); c++) {
      String name = names.get(c - 1);
      if (!name.startsWith("r")) {
        throw new IllegalArgumentException("dataset " + ds.dir() + ": behavior '" + name
            + "' is not a rating bucket (expected r<rating>, e.g. r4.0) in a rating-protocol dataset");
      }
      pos[c] = Double.parseDouble(name.substring(1)) >= threshold;
    }
    return pos;
  }

  private static double ratingThreshold(PreparedDataset ds) {
    Object t = ds.manifest().protocol().get("rating.threshold");
    if (!(t instanceof Number n)) {
      throw new IllegalArgumentException("dataset " + ds.dir() + ": manifest protocol has no numeric "
          + "'rating.threshold' (found " + t + ")");
    }
    return n.doubleValue();
  }

  private static String describePositives(PreparedDataset ds) {
    return positiveBehaviors(ds) == null ? "every event"
        : String.format(Locale.ROOT, "events rated >= %s", ratingThreshold(ds));
  }
}
