package org.r2led.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * R2LED's multi-route mixed retrieval (SPEC §4.2): for one target item and one user history, selects
 * the behaviours of every route. Integer work only, O(T·R) per target, no allocation after the
 * first call of a thread.
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
 * <p>Thread safety: the retriever is immutable and may be shared by threads; its scratch buffers
 * are per thread. Each thread needs its own {@link RouteSelection} (from {@link #newSelection()}).
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
    byte[] dist = new byte[0];
    byte[] depth = new byte[0];
    final int[] hist = new int[5 * CountingSelect.BINS];
    final long[] targetKeys = new long[4];

    void ensure(int len) {
      if (dist.length < len) {
        int n = Math.max(len, dist.length * 3 / 2);
        dist = new byte[n];
        depth = new byte[n];
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
    if (out.numRoutes() != kinds.length) {
      throw new IllegalArgumentException("selection has " + out.numRoutes() + " routes; this retriever has "
          + kinds.length + " (use newSelection())");
    }
    if (len < 0 || from < 0 || from + len > history.length) {
      throw new IndexOutOfBoundsException("history [" + from + ", " + (from + len) + ") outside an array of length "
          + history.length);
    }
    if (keys.semanticLevels() < semanticLevels) {
      throw new IllegalArgumentException("retriever uses " + semanticLevels + " SID levels but the item keys have "
          + keys.semanticLevels());
    }
    for (int r = 0; r < kinds.length; r++) {
      if (out.positions[r].length < lengths[r]) {
        throw new IllegalArgumentException("selection route " + r + " holds " + out.positions[r].length
            + " tokens; this retriever needs " + lengths[r] + " (use newSelection())");
      }
    }
    keys.checkItem(target, "target");
    Scratch s = scratch.get();
    s.ensure(len);
    final int nCheck = checkLevels.length;
    final int[] hist = s.hist;
    Arrays.fill(hist, 0, (nCheck + 1) * CountingSelect.BINS, 0);
    boolean needScan = nCheck > 0 || (cfg.collaborativeView() && cfg.collaborativeRoute());
    if (needScan) measure(history, from, len, target, keys, s, nCheck);
    // cumulative over depth: hist[m][d] := number of behaviours with depth >= m and distance d
    for (int m = nCheck - 1; m >= 0; m--) {
      int a = m * CountingSelect.BINS;
      int b = a + CountingSelect.BINS;
      for (int d = 0; d < CountingSelect.BINS; d++) hist[a + d] += hist[b + d];
    }
    int topk = cfg.topk();
    for (int r = 0; r < kinds.length; r++) {
      int[] pos = out.positions[r];
      byte[] mix = out.mixed[r];
      int count;
      switch (kinds[r]) {
        case PREFIX: {
          int needDepth = r + 1; // prefix routes come first, in checkLevels order
          int memberBase = needDepth * CountingSelect.BINS;
          int members = total(hist, memberBase);
          long tm;
          long tn;
          if (members >= topk) {
            tm = CountingSelect.threshold(hist, memberBase, -1, topk);
            tn = CountingSelect.pack(-1, 0);
            count = topk;
          } else {
            int fill = cfg.mixedFill() ? Math.min(topk, len) - members : 0;
            tm = CountingSelect.pack(CountingSelect.TAKE_ALL, 0);
            tn = CountingSelect.threshold(hist, 0, memberBase, fill);
            count = members + fill;
          }
          scan(s.dist, s.depth, len, needDepth, tm, tn, count, pos, mix);
          break;
        }
        case COLLABORATIVE: {
          count = Math.min(topk, len);
          long t = CountingSelect.threshold(hist, 0, -1, count);
          scan(s.dist, s.depth, len, 0, t, CountingSelect.pack(-1, 0), count, pos, mix);
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

  /** Fills dist/depth per position and the (depth, distance) histogram. */
  private void measure(int[] history, int from, int len, int target, ItemKeys keys, Scratch s, int nCheck) {
    final byte[] dist = s.dist;
    final byte[] depth = s.depth;
    final int[] hist = s.hist;
    final boolean collab = cfg.collaborativeView();
    final long[] sigs = keys.signatures();
    final long tsig = sigs[target];
    final long[] tkeys = s.targetKeys;
    for (int i = 0; i < nCheck; i++) tkeys[i] = keys.prefixKey(target, checkLevels[i]);
    final long[] p0 = nCheck > 0 ? keys.prefixKeys(checkLevels[0]) : null;
    final long[] p1 = nCheck > 1 ? keys.prefixKeys(checkLevels[1]) : null;
    final long[] p2 = nCheck > 2 ? keys.prefixKeys(checkLevels[2]) : null;
    final long[] p3 = nCheck > 3 ? keys.prefixKeys(checkLevels[3]) : null;
    for (int p = 0; p < len; p++) {
      int item = history[from + p];
      int d = collab ? Long.bitCount(sigs[item] ^ tsig) : 0;
      int m = 0;
      if (nCheck > 0 && p0[item] == tkeys[0]) {
        m = 1;
        if (nCheck > 1 && p1[item] == tkeys[1]) {
          m = 2;
          if (nCheck > 2 && p2[item] == tkeys[2]) {
            m = 3;
            if (nCheck > 3 && p3[item] == tkeys[3]) m = 4;
          }
        }
      }
      dist[p] = (byte) d;
      depth[p] = (byte) m;
      hist[m * CountingSelect.BINS + d]++;
    }
  }

  private static int total(int[] hist, int base) {
    int t = 0;
    for (int d = 0; d < CountingSelect.BINS; d++) t += hist[base + d];
    return t;
  }

  /**
   * Newest-to-oldest scan taking members (depth &gt;= needDepth) under threshold {@code tm} and
   * non-members under {@code tn}; writes {@code count} positions chronologically.
   */
  private static void scan(byte[] dist, byte[] depth, int len, int needDepth, long tm, long tn, int count,
      int[] pos, byte[] mix) {
    int dm = CountingSelect.dist(tm);
    int tieM = CountingSelect.tie(tm);
    int dn = CountingSelect.dist(tn);
    int tieN = CountingSelect.tie(tn);
    int w = count - 1;
    for (int p = len - 1; p >= 0 && w >= 0; p--) {
      int d = dist[p];
      if (depth[p] >= needDepth) {
        if (d < dm || (d == dm && tieM-- > 0)) {
          pos[w] = p;
          mix[w] = 0;
          w--;
        }
      } else if (d < dn || (d == dn && tieN-- > 0)) {
        pos[w] = p;
        mix[w] = 1;
        w--;
      }
    }
    if (w >= 0) throw new IllegalStateException("retrieval scan selected " + (count - 1 - w) + " of " + count);
  }
}
