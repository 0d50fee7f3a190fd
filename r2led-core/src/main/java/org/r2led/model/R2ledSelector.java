package org.r2led.model;

import org.r2led.nn.Profile;
import org.r2led.retrieval.ItemKeys;
import org.r2led.retrieval.MultiRouteRetriever;
import org.r2led.retrieval.PrefixMatchIndex;
import org.r2led.retrieval.PrefixMatchStats;
import org.r2led.retrieval.RouteSelection;

/**
 * R2LED's {@link TokenSelector}: one token group per retrieval route ({@link MultiRouteRetriever}) and,
 * with route statistics on, {@code 3·(L+2)+1} features per target: for each SID prefix length 1..L, the
 * exact item and the target's category, {@code log(1+n)}, {@code n/T} and the recency
 * {@code min(1, log(1+Δt)/21)} of the last match (1 when none); then {@code log(1+T)/log(1+max_seq_len)}.
 *
 * <p>A history shared by several targets (a serving request's candidates, {@link #startHistory} with
 * {@code targets ≥ 2}) is prepared once: its retrieval keys are gathered ({@link MultiRouteRetriever#load})
 * and its matches indexed per key ({@link PrefixMatchIndex}), so each target costs one sequential
 * pass plus {@code L+2} lookups. A single target takes the direct pass ({@link MultiRouteRetriever#retrieve},
 * {@link PrefixMatchStats}); both give the same selection and features. Thread-safe (per-thread state).
 */
final class R2ledSelector implements TokenSelector {
  private final Layout layout;
  private final MultiRouteRetriever retriever;
  private final ItemKeys keys;
  private final int statLevels;
  private final double lenScale;
  private final ThreadLocal<State> states;

  private static final class State {
    final RouteSelection selection;
    final int[] counts;
    final int[] last;
    final PrefixMatchIndex index = new PrefixMatchIndex();
    boolean shared;

    State(RouteSelection selection, int levels) {
      this.selection = selection;
      this.counts = new int[levels + 1];
      this.last = new int[levels + 1];
    }
  }

  /**
   * @param statLevels SID levels of the route statistics, or -1 without statistics
   * @param maxSeqLen the history window (scales the length feature)
   */
  R2ledSelector(MultiRouteRetriever retriever, ItemKeys keys, int capacity, int maxSeqLen, int statLevels) {
    this.retriever = retriever;
    this.keys = keys;
    this.statLevels = statLevels;
    this.lenScale = Math.log1p(maxSeqLen);
    this.layout = new Layout(retriever.numRoutes(), capacity, maxSeqLen, features(statLevels));
    this.states = ThreadLocal.withInitial(() -> new State(retriever.newSelection(), Math.max(0, statLevels)));
  }

  /** Features per target for {@code statLevels} (-1: none). */
  static int features(int statLevels) { return statLevels >= 0 ? 3 * (statLevels + 2) + 1 : 0; }

  @Override
  public Layout layout() { return layout; }

  @Override
  public void startHistory(History h, int targets) {
    State st = states.get();
    st.shared = targets > 1;
    if (!st.shared) return;
    long tl = Profile.start();
    retriever.load(h.items(), 0, h.length(), keys);
    Profile.stop("prep.retrieval.load", tl);
    if (statLevels >= 0) {
      long t = Profile.start();
      st.index.build(h.items(), h.categories(), h.length(), keys, statLevels);
      Profile.stop("prep.stats.index", t);
    }
  }

  @Override
  public void select(History h, int target, int targetCategory, long targetTs, TokenGroups out) {
    State st = states.get();
    RouteSelection sel = st.selection;
    if (st.shared) {
      retriever.retrieveLoaded(target, keys, sel);
    } else {
      long t = Profile.start();
      retriever.retrieve(h.items(), h.length(), target, keys, sel);
      Profile.stop("prep.retrieval", t);
    }
    for (int r = 0; r < sel.numRoutes(); r++) out.addAll(r, sel.positions[r], sel.mixed[r], sel.counts[r]);
    if (statLevels >= 0) routeStats(h, target, targetCategory, targetTs, st, out);
  }

  private void routeStats(History h, int target, int targetCategory, long targetTs, State st, TokenGroups out) {
    int[] counts = st.counts;
    int[] last = st.last;
    int len = h.length();
    int catCount = 0;
    int catLast = -1;
    if (st.shared) {
      st.index.lookup(target, counts, last);
      catCount = st.index.categoryCount(targetCategory);
      catLast = st.index.categoryLast(targetCategory);
    } else {
      PrefixMatchStats.compute(h.items(), len, target, keys, statLevels, counts, last);
      int[] cats = h.categories();
      for (int p = 0; p < len; p++) {
        if (cats[p] == targetCategory) {
          catCount++;
          catLast = p;
        }
      }
    }
    int f = 0;
    for (int l = 0; l <= statLevels + 1; l++) {
      int n = l <= statLevels ? counts[l] : catCount;
      int lp = l <= statLevels ? last[l] : catLast;
      out.feature(f++, (float) Math.log1p(n));
      out.feature(f++, len == 0 ? 0f : n / (float) len);
      double gap = lp < 0 ? Double.POSITIVE_INFINITY : Math.max(0, targetTs - h.timestamps()[lp]);
      out.feature(f++, (float) Math.min(1.0, Math.log1p(gap) / 21.0));
    }
    out.feature(f, (float) (Math.log1p(len) / lenScale));
  }
}
