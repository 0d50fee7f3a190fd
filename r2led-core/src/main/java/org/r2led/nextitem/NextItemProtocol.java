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
    int numItems = ds.numItems();
    int[] itemCategory = new int[numItems + 1];
    for (int i = 1; i <= numItems; i++) itemCategory[i] = ds.itemCategory(i);
    List<UserSequence> seqs = new ArrayList<>(ds.numUsers());
    for (int u = 0; u < ds.numUsers(); u++) {
      long start = ds.seqStart(u);
      int[] offsets = positiveEventOffsets(ds, u);
      int[] items = new int[offsets.length];
      int[] cats = new int[offsets.length];
      long[] ts = new long[offsets.length];
      for (int k = 0; k < offsets.length; k++) {
        items[k] = ds.eventItem(start + offsets[k]);
        cats[k] = ds.eventCategory(start + offsets[k]);
        ts[k] = ds.eventTs(start + offsets[k]);
      }
      seqs.add(new UserSequence(u, items, cats, ts));
    }
    return new NextItemData(ds.dir().toString(), numItems, ds.numCategories(), itemCategory, seqs,
        describePositives(ds));
  }

  /**
   * Event offsets (within user {@code user}'s stored sequence) of the positives that
   * {@link #load} keeps, aligned with {@link UserSequence#items()}: the events before offset {@code k}
   * are the full history (positives and others) a CTR ranker may read before the k-th positive.
   */
  public static int[] positiveEventOffsets(PreparedDataset ds, int user) {
    boolean[] positive = positiveBehaviors(ds);
    long start = ds.seqStart(user);
    int n = ds.seqLength(user);
    int[] out = new int[n];
    int k = 0;
    int last = -1;
    for (int e = 0; e < n; e++) {
      int b = ds.eventBehavior(start + e);
      if (positive != null && (b <= 0 || b >= positive.length || !positive[b])) continue;
      int item = ds.eventItem(start + e);
      if (k > 0 && last == item) continue;
      last = item;
      out[k++] = e;
    }
    return java.util.Arrays.copyOf(out, k);
  }

  /**
   * Whether {@code ds} is rating data: its manifest records the rating protocol ({@code protocol = rating}:
   * MovieLens, Amazon reviews, generic CSV with a rating or label column). Every other dataset (click
   * protocol, synthetic) is click data, where a user returns to items.
   */
  public static boolean isRatingData(PreparedDataset ds) {
    return "rating".equals(ds.manifest().protocol().get("protocol"));
  }

  /** Behavior codes that count as positives (index = code), or null when every event is a positive. */
  public static boolean[] positiveBehaviors(PreparedDataset ds) {
    if (!isRatingData(ds)) return null;
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
