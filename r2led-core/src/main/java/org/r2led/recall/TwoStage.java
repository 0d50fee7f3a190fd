package org.r2led.recall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.r2led.data.DatasetLayout;
import org.r2led.data.PreparedDataset;
import org.r2led.recall.ann.Hits;
import org.r2led.serving.DatasetHistories;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.UserHistory;

/**
 * Two-stage recommendation: a {@link Retriever} finds candidates from a user's positives, a CTR
 * {@link ScoringModel} (R2LED or any exported ranker) scores them against the user's full event
 * history, and the candidates are returned by ranker score, or by a blend of the two stages' ranks
 * ({@link Scored#top}). Thread-safe (both stages are).
 *
 * <p><b>Seen items.</b> Every request says whether items the user already has (any item of the history
 * the ranker reads) are excluded: they are dropped from the retriever's list before the top
 * {@code candidates} are taken, and the retriever is asked for that many more, so {@code candidates}
 * unseen items remain unless the catalog runs out. {@link #excludeSeen(Boolean)} gives the dataset's
 * default: excluded on rating data (a rating is given once), kept on click data (users return to items).
 */
public final class TwoStage {
  /**
   * One recommended item.
   *
   * @param item source item id
   * @param denseItem dense item id of the retriever's dataset
   * @param retrievalScore the retriever's score (comparable within one request)
   * @param rankerScore the ranker's click probability
   */
  public record Recommendation(String item, int denseItem, float retrievalScore, float rankerScore) {}

  private final Retriever retriever;
  private final java.util.function.Supplier<ScoringModel> ranker;
  private final boolean[] positiveBehavior;
  private final PreparedDataset dataset;
  private final List<String> itemRaw;
  private final List<String> behaviors;
  private final DatasetHistories histories;
  private final Map<String, Integer> itemDense = new HashMap<>();
  private final Map<String, Integer> userDense = new HashMap<>();
  private final double retrievalWeight;
  private final boolean ratingData;
  private final List<String> itemText;

  /** @param dataset the retriever's dataset (ids and the users' histories); final order by the ranker alone */
  public TwoStage(Retriever retriever, ScoringModel ranker, PreparedDataset dataset) {
    this(retriever, () -> ranker, dataset, 0);
  }

  /**
   * With a ranker that may change between requests (a service's reloadable model).
   *
   * @param retrievalWeight the retriever's share of the final order, 0..1 ({@link Scored#top})
   */
  public TwoStage(Retriever retriever, java.util.function.Supplier<ScoringModel> ranker, PreparedDataset dataset,
      double retrievalWeight) {
    checkRetrievalWeight(retrievalWeight);
    this.retrievalWeight = retrievalWeight;
    this.retriever = retriever;
    this.ranker = ranker;
    this.positiveBehavior = org.r2led.nextitem.NextItemProtocol.positiveBehaviors(dataset);
    this.dataset = dataset;
    this.itemRaw = dataset.itemRawIds();
    this.histories = new DatasetHistories(dataset);
    this.behaviors = dataset.manifest().behaviors();
    this.ratingData = org.r2led.nextitem.NextItemProtocol.isRatingData(dataset);
    this.itemText = Files.isRegularFile(dataset.dir().resolve(DatasetLayout.ITEM_TEXT)) ? dataset.itemTexts() : List.of();
    for (int i = 1; i < itemRaw.size(); i++) itemDense.put(itemRaw.get(i), i);
    try {
      List<String> users = Files.readAllLines(dataset.dir().resolve(DatasetLayout.USER_RAW_IDS), StandardCharsets.UTF_8);
      for (int u = 0; u < users.size(); u++) userDense.put(users.get(u), u);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dataset.dir().resolve(DatasetLayout.USER_RAW_IDS), e);
    }
  }

  /** Fails unless {@code w} is a retriever's share of the final order, in [0, 1]. */
  public static void checkRetrievalWeight(double w) {
    if (!(w >= 0 && w <= 1)) throw new IllegalArgumentException("retrieval weight = " + w + "; expected a number in [0, 1]");
  }

  /** Dense user id of a source user id, failing with a clear message when unknown. */
  public int user(String rawUser) {
    Integer u = userDense.get(rawUser);
    if (u == null) {
      throw new IllegalArgumentException("user '" + rawUser + "' is not in dataset " + dataset.dir() + " (" + userDense.size()
          + " users)");
    }
    return u;
  }

  /** Dense item id of a source item id, or 0 when the retriever's catalog does not know it. */
  public int item(String rawItem) { return itemDense.getOrDefault(rawItem, 0); }

  /**
   * Whether a request excludes seen items: {@code !keepSeen} when given, else the dataset's default (excluded on
   * rating data, {@link org.r2led.nextitem.NextItemProtocol#isRatingData}; kept on click data).
   */
  public boolean excludeSeen(Boolean keepSeen) { return keepSeen == null ? ratingData : !keepSeen; }

  /** The dataset's item text (title, genres, ...) of dense item {@code item}, or null when it has none. */
  public String text(int item) {
    String t = item > 0 && item < itemText.size() ? itemText.get(item) : "";
    return t.isEmpty() ? null : t;
  }

  /** Top {@code n} for dataset user {@code user} after all of their stored events. */
  public List<Recommendation> recommend(int user, int n, int candidates, boolean excludeSeen) {
    int[] offsets = org.r2led.nextitem.NextItemProtocol.positiveEventOffsets(dataset, user);
    return recommendBefore(user, dataset.seqLength(user), offsets, offsets.length, n, candidates, excludeSeen);
  }

  /**
   * Top {@code n} for {@code user} as of event offset {@code eventEnd} (events before it are the history);
   * the retriever reads the first {@code positives} positives (their offsets in {@code offsets}).
   */
  public List<Recommendation> recommendBefore(int user, int eventEnd, int[] offsets, int positives, int n,
      int candidates, boolean excludeSeen) {
    return scoreBefore(user, eventEnd, offsets, positives, n, candidates, excludeSeen).top(n, retrievalWeight);
  }

  /** As {@link #recommendBefore}, before the final order (e.g. to evaluate several retrieval weights at once). */
  public Scored scoreBefore(int user, int eventEnd, int[] offsets, int positives, int n, int candidates,
      boolean excludeSeen) {
    long start = dataset.seqStart(user);
    int[] items = new int[positives];
    int[] cats = new int[positives];
    for (int k = 0; k < positives; k++) {
      items[k] = dataset.eventItem(start + offsets[k]);
      cats[k] = dataset.eventCategory(start + offsets[k]);
    }
    return score(items, cats, history(user, eventEnd), n, candidates, excludeSeen);
  }

  /**
   * The two stages on given inputs: the retriever's top {@code candidates} for the positives
   * ({@code items}, {@code cats}: dense ids, oldest first), without the items of {@code history} when
   * {@code excludeSeen}, re-ranked by the ranker on {@code history} (final order: {@link Scored#top} at this
   * pipeline's retrieval weight). Fewer than {@code n} come back when fewer are left.
   */
  public List<Recommendation> rank(int[] items, int[] cats, UserHistory history, int n, int candidates,
      boolean excludeSeen) {
    return score(items, cats, history, n, candidates, excludeSeen).top(n, retrievalWeight);
  }

  /** Both stages' scores of the retriever's top {@code candidates} (unseen ones when {@code excludeSeen}), before the final order. */
  public Scored score(int[] items, int[] cats, UserHistory history, int n, int candidates, boolean excludeSeen) {
    if (n < 1 || candidates < n) {
      throw new IllegalArgumentException("n = " + n + ", candidates = " + candidates + "; expected 1 <= n <= candidates");
    }
    Hits h = excludeSeen ? unseen(items, cats, history, candidates) : retriever.retrieve(items, cats, candidates);
    List<String> raw = new ArrayList<>(h.size());
    for (int id : h.ids()) raw.add(itemRaw.get(id));
    return new Scored(h, raw, ranker.get().score(history, raw));
  }

  /** The retriever's best {@code candidates} items outside {@code history}: asks for as many more as it holds. */
  private Hits unseen(int[] items, int[] cats, UserHistory history, int candidates) {
    java.util.BitSet seen = new java.util.BitSet(itemRaw.size());
    for (String it : history.items()) seen.set(item(it));
    return unseenTop(retriever, items, cats, seen, candidates, itemRaw.size() - 1);
  }

  /**
   * The best {@code candidates} items of {@code retriever} for the positives ({@code items}, {@code cats}) that are
   * not set in {@code seen} (dense ids; bit 0 is ignored): the retriever is asked for {@code candidates} plus the
   * number of seen items (at most the catalog's {@code numItems}), seen ones are dropped, the first
   * {@code candidates} that remain are kept in the retriever's order. Fewer come back when the catalog runs out.
   */
  static Hits unseenTop(Retriever retriever, int[] items, int[] cats, java.util.BitSet seen, int candidates, int numItems) {
    seen.clear(0);
    int k = (int) Math.min((long) candidates + seen.cardinality(), Math.max(candidates, numItems));
    Hits all = retriever.retrieve(items, cats, k);
    int[] ids = new int[Math.min(candidates, all.size())];
    float[] scores = new float[ids.length];
    int m = 0;
    for (int j = 0; j < all.size() && m < ids.length; j++) {
      if (seen.get(all.ids()[j])) continue;
      ids[m] = all.ids()[j];
      scores[m++] = all.scores()[j];
    }
    return new Hits(Arrays.copyOf(ids, m), Arrays.copyOf(scores, m));
  }

  /**
   * The candidates of one request with both scores.
   *
   * @param hits the retriever's hits, best first
   * @param raw source ids of the hits
   * @param rankerScores the ranker's click probability per hit
   */
  public record Scored(Hits hits, List<String> raw, float[] rankerScores) {
    /**
     * The best {@code n} by blended rank {@code (1−w)·rank_ranker + w·rank_retriever} (0 = best; ties keep
     * the retriever's order): {@code w = 0} orders by the ranker alone, {@code w = 1} keeps the retriever's
     * order. Ranks, not scores, so any retriever's scale blends with a click probability.
     */
    public List<Recommendation> top(int n, double retrievalWeight) {
      checkRetrievalWeight(retrievalWeight);
      int m = hits.size();
      Integer[] byRanker = new Integer[m];
      for (int k = 0; k < m; k++) byRanker[k] = k;
      Arrays.sort(byRanker, (a, b) -> Float.compare(rankerScores[b], rankerScores[a]));   // stable: ties keep retriever order
      double[] blended = new double[m];
      for (int r = 0; r < m; r++) blended[byRanker[r]] += (1 - retrievalWeight) * r;
      for (int k = 0; k < m; k++) blended[k] += retrievalWeight * k;
      Integer[] order = new Integer[m];
      for (int k = 0; k < m; k++) order[k] = k;
      Arrays.sort(order, (a, b) -> Double.compare(blended[a], blended[b]));
      List<Recommendation> out = new ArrayList<>(Math.min(n, m));
      for (int k = 0; k < Math.min(n, m); k++) {
        int j = order[k];
        out.add(new Recommendation(raw.get(j), hits.ids()[j], hits.scores()[j], rankerScores[j]));
      }
      return List.copyOf(out);
    }
  }

  /**
   * The two stages for a history in source ids (e.g. a service's event store): the retriever reads the
   * events that are positives under the dataset's rule (behavior names as in its manifest; a missing
   * name counts as positive), on items its catalog knows, consecutive repeats collapsed.
   */
  public List<Recommendation> rankHistory(UserHistory history, int n, int candidates, boolean excludeSeen) {
    int t = history.length();
    int[] items = new int[t];
    int[] cats = new int[t];
    int k = 0;
    for (int e = 0; e < t; e++) {
      int i = item(history.items()[e]);
      if (i == 0) continue;
      String b = history.behaviors() == null ? null : history.behaviors()[e];
      if (positiveBehavior != null && b != null) {
        int code = behaviors.indexOf(b) + 1;
        if (code <= 0 || !positiveBehavior[code]) continue;
      }
      if (k > 0 && items[k - 1] == i) continue;
      items[k] = i;
      cats[k++] = dataset.itemCategory(i);
    }
    return rank(Arrays.copyOf(items, k), Arrays.copyOf(cats, k), history, n, candidates, excludeSeen);
  }

  /** The ranker's view of user {@code user}: source ids of the stored events {@code [0, eventEnd)}. */
  public UserHistory history(int user, int eventEnd) { return histories.history(user, eventEnd); }
}
