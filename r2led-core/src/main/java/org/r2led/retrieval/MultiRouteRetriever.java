package org.r2led.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * R2LED's multi-route mixed retrieval (Liu et al., 2026): for one target item and one user history, selects
 * the behaviours of every route. Integer work only and no gradient: one pass over the T behaviours
 * (SimHash Hamming distance and SID-prefix match depth of each, bucketed), then O(topk) per route;
 * no allocation after the first call of a thread.
 *
 * <p>Routes, in this order:
 * <ol>
 *   <li>{@link RouteKind#PREFIX} routes, one per semantic level {@code r = 1..L} (only {@code L} when
 *       {@link RetrievalConfig#singleRoute()}; none without {@link RetrievalConfig#semanticView()}):
 *       the behaviours whose SID prefix of length {@code r} equals the target's, ranked by Hamming
 *       similarity of their SimHash signature to the target's (ties → more recent), top {@code topk}.
 *       When a route has fewer than {@code topk} members and {@link RetrievalConfig#mixedFill()} is on,
 *       it is filled with the nearest behaviours from outside the prefix, flagged {@code mixed = 1}.
 *   <li>one {@link RouteKind#COLLABORATIVE} route (if {@code collaborativeRoute} and
 *       {@code collaborativeView}): top {@code topk} by Hamming similarity over the whole history.
 *   <li>one {@link RouteKind#SHORT} route (if {@code shortRoute}): the last {@code short_seq_len}
 *       behaviours.
 * </ol>
 * Without the collaborative view, every ranking above becomes pure recency (most recent first
 * kept) and the collaborative route is absent. Each route's positions are written in chronological
 * order into {@link RouteSelection}, padded with -1.
 *
 * <p>{@link #retrieve} handles one target; {@link #retrieveMany} (or {@link #load} followed by
 * {@link #retrieveLoaded} per target) handles several targets over the same history (e.g. the
 * candidates of one serving request) about twice as fast per target, by gathering the history's keys
 * once.
 *
 * <p>Thread safety: the retriever is immutable and may be shared by threads; its scratch buffers
 * are per thread. Each thread needs its own {@link RouteSelection}s (from {@link #newSelection()}).
 */
public final class MultiRouteRetriever {
  private final RetrievalConfig cfg;
  private final int semanticLevels;
  /** Prefix lengths checked to compute a behaviour's match depth, increasing. */
  private final int[] checkLevels;
  private final RouteKind[] kinds;
  private final int[] prefixLevels;
  private final int[] lengths;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  /** Per-thread working buffers, grown on demand. */
  private static final class Scratch {
    final CountingSelect buckets = new CountingSelect();
    final int[] targetKeys = new int[4];
    /** Gathered per-position signature and prefix keys of one history ({@link #retrieveMany}). */
    long[] gSig = new long[0];
    final int[][] gKey = new int[4][0];
    /** Length of the history gathered by {@link #load} (-1: none) and the keys it was gathered from. */
    int loaded = -1;
    ItemKeys loadedKeys;

    void ensureGathered(int len, int nCheck) {
      if (gSig.length < len) gSig = new long[Math.max(len, gSig.length * 3 / 2)];
      for (int i = 0; i < nCheck; i++) {
        if (gKey[i].length < len) gKey[i] = new int[Math.max(len, gKey[i].length * 3 / 2)];
      }
    }
  }

  /**
   * @param cfg retrieval parameters and ablation switches
   * @param semanticLevels number of SID levels the routes use (the SID table's semantic levels;
   *     ignored when the semantic view is off)
   */
  public MultiRouteRetriever(RetrievalConfig cfg, int semanticLevels) {
    this.cfg = cfg;
    if (cfg.semanticView()) {
      if (semanticLevels < 1 || semanticLevels > 4) {
        throw new IllegalArgumentException("the semantic view needs 1..4 SID semantic levels, got " + semanticLevels
            + " (give SIDs, or turn the semantic view off)");
      }
      this.semanticLevels = semanticLevels;
      if (cfg.singleRoute()) {
        checkLevels = new int[] {semanticLevels};
      } else {
        checkLevels = new int[semanticLevels];
        for (int l = 0; l < semanticLevels; l++) checkLevels[l] = l + 1;
      }
    } else {
      this.semanticLevels = 0;
      checkLevels = new int[0];
    }
    List<RouteKind> k = new ArrayList<>();
    List<Integer> lv = new ArrayList<>();
    List<Integer> len = new ArrayList<>();
    for (int level : checkLevels) {
      k.add(RouteKind.PREFIX);
      lv.add(level);
      len.add(cfg.topk());
    }
    if (cfg.collaborativeView() && cfg.collaborativeRoute()) {
      k.add(RouteKind.COLLABORATIVE);
      lv.add(0);
      len.add(cfg.topk());
    }
    if (cfg.shortRoute()) {
      if (cfg.shortSeqLen() < 1) {
        throw new IllegalArgumentException("short_seq_len must be >= 1 when the short route is on, got "
            + cfg.shortSeqLen());
      }
      k.add(RouteKind.SHORT);
      lv.add(0);
      len.add(cfg.shortSeqLen());
    }
    if (k.isEmpty()) {
      throw new IllegalArgumentException("retrieval config " + cfg + " leaves no route (turn on the semantic view, "
          + "the collaborative route or the short route)");
    }
    kinds = k.toArray(new RouteKind[0]);
    prefixLevels = lv.stream().mapToInt(Integer::intValue).toArray();
    lengths = len.stream().mapToInt(Integer::intValue).toArray();
  }

  public RetrievalConfig config() { return cfg; }

  /** SID levels used by prefix routes (0 when the semantic view is off). */
  public int semanticLevels() { return semanticLevels; }

  public int numRoutes() { return kinds.length; }

  /** Capacity (maximum tokens) of route {@code r}. */
  public int routeLength(int r) { return lengths[r]; }

  public RouteKind kind(int r) { return kinds[r]; }

  /** SID prefix length of a {@link RouteKind#PREFIX} route (1..L); 0 for other routes. */
  public int prefixLevel(int r) { return prefixLevels[r]; }

  /** A selection with one buffer per route, sized for this retriever. */
  public RouteSelection newSelection() { return new RouteSelection(lengths.clone()); }

  /** Same as {@link #retrieve(int[], int, int, int, ItemKeys, RouteSelection)} with {@code from = 0}. */
  public void retrieve(int[] history, int len, int target, ItemKeys keys, RouteSelection out) {
    retrieve(history, 0, len, target, keys, out);
  }

  /**
   * Selects every route's behaviours for one target.
   *
   * @param history item ids; the history is {@code history[from .. from+len)}, oldest → newest
   * @param target the target item id
   * @param keys SID prefix keys and live signatures of all items
   * @param out receives positions relative to {@code from} (0 = oldest), chronological, -1 padded
   */
  public void retrieve(int[] history, int from, int len, int target, ItemKeys keys, RouteSelection out) {
    checkArguments(history, from, len, keys);
    checkSelection(out);
    keys.checkItem(target, "target");
    Scratch s = scratch.get();
    s.buckets.reset(checkLevels.length + 1, len);
    if (needsScan()) measure(history, from, len, target, keys, s);
    selectRoutes(s.buckets, len, out);
  }

  /**
   * Selects every route's behaviours for each of {@code count} targets over one history; same
   * result as calling {@link #retrieve} per target, faster per target.
   *
   * @param targets target item ids; {@code targets[i]}'s selection goes to {@code out[i]}, i &lt; count
   */
  public void retrieveMany(int[] history, int from, int len, int[] targets, int count, ItemKeys keys,
      RouteSelection[] out) {
    if (count < 0 || count > targets.length || count > out.length) {
      throw new IllegalArgumentException("count " + count + " exceeds the targets (" + targets.length
          + ") or selections (" + out.length + ") given");
    }
    load(history, from, len, keys);
    for (int i = 0; i < count; i++) retrieveLoaded(targets[i], keys, out[i]);
  }

  /**
   * Loads one history for {@link #retrieveLoaded}: gathers every behaviour's signature and SID prefix
   * keys once into this thread's buffers (sequential arrays of {@code len}). The history stays loaded
   * on this thread until the next {@code load} or {@link #retrieveMany}.
   *
   * @param history item ids; the history is {@code history[from .. from+len)}, oldest → newest
   */
  public void load(int[] history, int from, int len, ItemKeys keys) {
    checkArguments(history, from, len, keys);
    Scratch s = scratch.get();
    if (needsScan()) gather(history, from, len, keys, s);
    s.loaded = len;
    s.loadedKeys = keys;
  }

  /**
   * Selects every route's behaviours for one target over the history last {@link #load}ed on this
   * thread (with the same {@code keys}): the same result as {@link #retrieve} on that history, about
   * twice as fast per target.
   */
  public void retrieveLoaded(int target, ItemKeys keys, RouteSelection out) {
    Scratch s = scratch.get();
    if (s.loaded < 0 || s.loadedKeys != keys) throw new IllegalStateException("no history loaded on this thread for these keys");
    checkSelection(out);
    keys.checkItem(target, "target");
    int len = s.loaded;
    s.buckets.reset(checkLevels.length + 1, len);
    if (needsScan()) measureGathered(len, target, keys, s);
    selectRoutes(s.buckets, len, out);
  }

  private void checkArguments(int[] history, int from, int len, ItemKeys keys) {
    if (len >= 1 << 30) throw new IllegalArgumentException("history length " + len + " exceeds 2^30 - 1");
    if (len < 0 || from < 0 || from + len > history.length) {
      throw new IndexOutOfBoundsException("history [" + from + ", " + (from + len) + ") outside an array of length "
          + history.length);
    }
    if (keys.semanticLevels() < semanticLevels) {
      throw new IllegalArgumentException("retriever uses " + semanticLevels + " SID levels but the item keys have "
          + keys.semanticLevels());
    }
  }

  private void checkSelection(RouteSelection out) {
    if (out.numRoutes() != kinds.length) {
      throw new IllegalArgumentException("selection has " + out.numRoutes() + " routes; this retriever has "
          + kinds.length + " (use newSelection())");
    }
    for (int r = 0; r < kinds.length; r++) {
      if (out.positions[r].length < lengths[r]) {
        throw new IllegalArgumentException("selection route " + r + " holds " + out.positions[r].length
            + " tokens; this retriever needs " + lengths[r] + " (use newSelection())");
      }
    }
  }

  private boolean needsScan() {
    return checkLevels.length > 0 || (cfg.collaborativeView() && cfg.collaborativeRoute());
  }

  /** Fills every route of {@code out} from the buckets of one target. */
  private void selectRoutes(CountingSelect cs, int len, RouteSelection out) {
    final int depths = checkLevels.length + 1;
    final int topk = cfg.topk();
    for (int r = 0; r < kinds.length; r++) {
      int[] pos = out.positions[r];
      byte[] mix = out.mixed[r];
      int count;
      switch (kinds[r]) {
        case PREFIX: {
          int needDepth = r + 1; // prefix routes come first, in checkLevels order
          int members = cs.size(needDepth, depths);
          if (members >= topk) {
            count = cs.select(needDepth, depths, topk, 0, pos, 0);
          } else {
            int w = cs.select(needDepth, depths, members, 0, pos, 0);
            int fill = cfg.mixedFill() ? Math.min(topk, len) - members : 0;
            count = cs.select(0, needDepth, fill, 1, pos, w);
          }
          cs.emit(pos, count, len, pos, mix);
          break;
        }
        case COLLABORATIVE: {
          count = cs.select(0, depths, Math.min(topk, len), 0, pos, 0);
          cs.emit(pos, count, len, pos, mix);
          break;
        }
        default: { // SHORT
          count = Math.min(lengths[r], len);
          int start = len - count;
          for (int j = 0; j < count; j++) {
            pos[j] = start + j;
            mix[j] = 0;
          }
        }
      }
      for (int j = count; j < pos.length; j++) {
        pos[j] = -1;
        mix[j] = 0;
      }
      out.counts[r] = count;
    }
  }

  /** Key of an item's prefix at check index i: the level-1 code, or the dense prefix id of deeper levels. */
  private int[] keyArray(ItemKeys keys, int i) {
    return checkLevels[i] == 1 ? null : keys.prefixIds(checkLevels[i]);
  }

  private int targetKey(ItemKeys keys, int i, int target) {
    return checkLevels[i] == 1 ? keys.level1Codes()[target] : keys.prefixIds(checkLevels[i])[target];
  }

  /**
   * Links every position into its (match depth, Hamming distance) bucket, reading the item tables
   * directly (one random access per table and position).
   */
  private void measure(int[] history, int from, int len, int target, ItemKeys keys, Scratch s) {
    final int nCheck = checkLevels.length;
    final CountingSelect cs = s.buckets;
    final int[] next = cs.next;
    final int[] head = cs.head;
    final int[] dc = cs.depthCount;
    final boolean collab = cfg.collaborativeView();
    final long[] sigs = keys.signatures();
    final long tsig = sigs[target];
    if (nCheck == 0) {
      for (int p = 0; p < len; p++) {
        int b = collab ? Long.bitCount(sigs[history[from + p]] ^ tsig) : 0;
        next[p] = head[b];
        head[b] = p;
      }
      return;
    }
    final int[] tk = s.targetKeys;
    for (int i = 0; i < nCheck; i++) tk[i] = targetKey(keys, i, target);
    if (checkLevels[0] > 1) { // single route at a level > 1: one dense-id test
      final int[] q = keyArray(keys, 0);
      final int t = tk[0];
      for (int p = 0; p < len; p++) {
        int item = history[from + p];
        int b = collab ? Long.bitCount(sigs[item] ^ tsig) : 0;
        if (q[item] == t) {
          b += CountingSelect.BINS;
          dc[1]++;
        }
        next[p] = head[b];
        head[b] = p;
      }
      return;
    }
    // Prefix tests, coarse to fine: level-1 codes (char) first, then dense prefix ids (int).
    final char[] c1 = keys.level1Codes();
    final char t1 = (char) tk[0];
    final int[] p1 = nCheck > 1 ? keyArray(keys, 1) : null;
    final int[] p2 = nCheck > 2 ? keyArray(keys, 2) : null;
    final int[] p3 = nCheck > 3 ? keyArray(keys, 3) : null;
    for (int p = 0; p < len; p++) {
      int item = history[from + p];
      int b = collab ? Long.bitCount(sigs[item] ^ tsig) : 0;
      if (c1[item] == t1) {
        int m = 1;
        if (nCheck > 1 && p1[item] == tk[1]) {
          m = 2;
          if (nCheck > 2 && p2[item] == tk[2]) {
            m = 3;
            if (nCheck > 3 && p3[item] == tk[3]) m = 4;
          }
        }
        b += m * CountingSelect.BINS;
        dc[m]++;
      }
      next[p] = head[b];
      head[b] = p;
    }
  }

  /** Copies the history's signatures and prefix keys into sequential per-position arrays. */
  private void gather(int[] history, int from, int len, ItemKeys keys, Scratch s) {
    final int nCheck = checkLevels.length;
    s.ensureGathered(len, nCheck);
    if (cfg.collaborativeView()) {
      final long[] sigs = keys.signatures();
      final long[] g = s.gSig;
      for (int p = 0; p < len; p++) g[p] = sigs[history[from + p]];
    }
    for (int i = 0; i < nCheck; i++) {
      final int[] g = s.gKey[i];
      final int[] ids = keyArray(keys, i);
      if (ids == null) {
        final char[] c1 = keys.level1Codes();
        for (int p = 0; p < len; p++) g[p] = c1[history[from + p]];
      } else {
        for (int p = 0; p < len; p++) g[p] = ids[history[from + p]];
      }
    }
  }

  /** As {@link #measure}, from the arrays filled by {@link #gather} (sequential reads only). */
  private void measureGathered(int len, int target, ItemKeys keys, Scratch s) {
    final int nCheck = checkLevels.length;
    final CountingSelect cs = s.buckets;
    final int[] next = cs.next;
    final int[] head = cs.head;
    final int[] dc = cs.depthCount;
    final boolean collab = cfg.collaborativeView();
    final long[] gs = s.gSig;
    final long tsig = keys.signatures()[target];
    if (nCheck == 0) {
      for (int p = 0; p < len; p++) {
        int b = collab ? Long.bitCount(gs[p] ^ tsig) : 0;
        next[p] = head[b];
        head[b] = p;
      }
      return;
    }
    final int[] tk = s.targetKeys;
    for (int i = 0; i < nCheck; i++) tk[i] = targetKey(keys, i, target);
    final int[] k0 = s.gKey[0];
    final int[] k1 = s.gKey[1];
    final int[] k2 = s.gKey[2];
    final int[] k3 = s.gKey[3];
    final int t0 = tk[0];
    for (int p = 0; p < len; p++) {
      int b = collab ? Long.bitCount(gs[p] ^ tsig) : 0;
      if (k0[p] == t0) {
        int m = 1;
        if (nCheck > 1 && k1[p] == tk[1]) {
          m = 2;
          if (nCheck > 2 && k2[p] == tk[2]) {
            m = 3;
            if (nCheck > 3 && k3[p] == tk[3]) m = 4;
          }
        }
        b += m * CountingSelect.BINS;
        dc[m]++;
      }
      next[p] = head[b];
      head[b] = p;
    }
  }
}
