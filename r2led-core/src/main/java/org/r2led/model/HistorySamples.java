package org.r2led.model;

import java.util.Arrays;
import java.util.List;

/**
 * Candidates scored against in-memory histories, as a {@link SampleSource}: the serving counterpart
 * of {@link SplitSamples}. Each {@link Query} is one user's history in dense ids with the targets to
 * score at one time; the samples are the queries' targets in order, so one {@link CtrModel#prepare}
 * and one forward pass score them all with the same batch building, retrieval and model code as
 * training and evaluation. Immutable; the arrays are not copied and must not change.
 */
public final class HistorySamples implements SampleSource {
  /**
   * One history and its targets.
   *
   * @param user dense user id (-1 when unknown)
   * @param items dense item id per event (0 = unknown item), oldest first, length T
   * @param categories dense category per event (0 = unknown), length T
   * @param behaviors behavior code per event (1-based; 0 = unknown), length T
   * @param timestamps Unix seconds per event, non-decreasing, length T (gaps to a later event count as 0)
   * @param targets dense item ids to score (0 = unknown item), length N
   * @param targetCategories dense category per target (0 = unknown), length N
   * @param ts request (target) time, Unix seconds
   */
  public record Query(int user, int[] items, int[] categories, int[] behaviors, long[] timestamps, int[] targets,
      int[] targetCategories, long ts) {
    public Query {
      int t = items.length;
      if (categories.length != t || behaviors.length != t || timestamps.length != t) {
        throw new IllegalArgumentException("history arrays differ in length: items " + t + ", categories " + categories.length
            + ", behaviors " + behaviors.length + ", timestamps " + timestamps.length);
      }
      if (targetCategories.length != targets.length) {
        throw new IllegalArgumentException(targets.length + " targets but " + targetCategories.length + " target categories");
      }
      for (int i = 1; i < t; i++) {
        if (timestamps[i] < timestamps[i - 1]) {
          throw new IllegalArgumentException("history timestamps must be non-decreasing; event " + i + " at " + timestamps[i]
              + " s follows " + timestamps[i - 1] + " s");
        }
      }
    }

    /** A query over a copy of {@code h}'s events (user unknown). */
    public static Query of(History h, int[] targets, int[] targetCategories, long ts) {
      int n = h.length();
      return new Query(-1, Arrays.copyOf(h.items(), n), Arrays.copyOf(h.categories(), n), Arrays.copyOf(h.behaviors(), n),
          Arrays.copyOf(h.timestamps(), n), targets, targetCategories, ts);
    }

    /** Events in the history, T. */
    public int length() { return items.length; }

    /** The same history with only the first {@code c} targets. */
    public Query first(int c) {
      if (c < 1 || c > targets.length) throw new IllegalArgumentException("cannot take " + c + " of " + targets.length + " targets");
      return new Query(user, items, categories, behaviors, timestamps, Arrays.copyOf(targets, c), Arrays.copyOf(targetCategories, c), ts);
    }
  }

  private final Query[] queries;
  /** Per sample: its query and the target's index in it. */
  private final int[] query;
  private final int[] target;

  /** The targets of one query. */
  public static HistorySamples of(Query q) { return new HistorySamples(List.of(q)); }

  public HistorySamples(List<Query> queries) {
    this.queries = queries.toArray(new Query[0]);
    int n = 0;
    for (Query q : this.queries) n += q.targets().length;
    this.query = new int[n];
    this.target = new int[n];
    int j = 0;
    for (int qi = 0; qi < this.queries.length; qi++) {
      for (int k = 0; k < this.queries[qi].targets().length; k++, j++) {
        query[j] = qi;
        target[j] = k;
      }
    }
  }

  private Query q(int j) { return queries[query[j]]; }

  @Override
  public int size() { return query.length; }

  /** Sample j's position among all targets of all queries. */
  @Override
  public int sampleId(int j) { return j; }

  @Override
  public int user(int j) { return q(j).user(); }

  /** 0: serving has no labels. */
  @Override
  public float label(int j) { return 0f; }

  @Override
  public int item(int j) { return q(j).targets()[target[j]]; }

  @Override
  public int category(int j) { return q(j).targetCategories()[target[j]]; }

  @Override
  public long ts(int j) { return q(j).ts(); }

  /** The targets of sample j's query from j's own on. */
  @Override
  public int sharedHistory(int j) { return q(j).targets().length - target[j]; }

  @Override
  public void history(int j, int window, History into) {
    Query x = q(j);
    int t = x.items().length;
    int len = Math.min(t, window);
    into.set(x.items(), x.categories(), x.behaviors(), x.timestamps(), t - len, len);
  }
}
