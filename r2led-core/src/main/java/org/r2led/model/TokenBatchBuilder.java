package org.r2led.model;

import org.r2led.nn.TimeGap;
import org.r2led.sid.SidTable;

/**
 * Builds {@link TokenBatch}es for every model: loads each sample's history window (once for
 * consecutive samples that share it, {@link SampleSource#sharedHistory}), asks the model's
 * {@link TokenSelector} which positions go into which group, and fills item/category positions
 * (deduplicated; resolved once per history position), behavior codes, time-gap buckets, flags,
 * masks and features once, in one place. Optionally attaches the SID codes of the batch's distinct
 * items. The batch's K is the longest group any of its samples filled (at most the layout's
 * capacity), so short histories are not padded to {@code max_seq_len}.
 *
 * <p>Thread-safe: per-thread buffers; {@link #build} may run on several threads at once.
 */
public final class TokenBatchBuilder {
  private final TokenSelector selector;
  private final TokenSelector.Layout layout;
  private final int gapBuckets;
  private final SidTable sids;
  private final int codeLevels;
  private final ThreadLocal<History> histories = ThreadLocal.withInitial(History::new);
  private final ThreadLocal<PositionMemo> memos = ThreadLocal.withInitial(PositionMemo::new);
  private final ThreadLocal<TokenGroups> selections;

  /**
   * @param gapBuckets time-gap buckets (see {@link TimeGap})
   * @param sidsOrNull SID table whose first {@code codeLevels} levels are attached per distinct item
   */
  public TokenBatchBuilder(TokenSelector selector, int gapBuckets, SidTable sidsOrNull, int codeLevels) {
    this.selector = selector;
    this.layout = selector.layout();
    this.gapBuckets = gapBuckets;
    this.sids = sidsOrNull;
    this.codeLevels = sidsOrNull == null ? 0 : codeLevels;
    this.selections = ThreadLocal.withInitial(() -> new TokenGroups(layout.groups(), layout.capacity(), layout.features()));
  }

  public TokenBatchBuilder(TokenSelector selector, int gapBuckets) { this(selector, gapBuckets, null, 0); }

  public TokenSelector.Layout layout() { return layout; }

  public TokenBatch build(SampleSource src) {
    int b = src.size();
    int g = layout.groups();
    int k = layout.capacity();
    int f = layout.features();
    TokenBatch x = new TokenBatch(b, g, k, f, codeLevels);
    int pad = x.items.add(0);
    int padCat = x.cats.add(0);
    History h = histories.get();
    TokenGroups sel = selections.get();
    int longest = 0;
    PositionMemo memo = memos.get();
    int shared = 0; // samples left that share the loaded history (SampleSource.sharedHistory)
    for (int j = 0; j < b; j++) {
      x.samples[j] = src.sampleId(j);
      x.users[j] = src.user(j);
      x.labels[j] = src.label(j);
      int target = src.item(j);
      int targetCat = src.category(j);
      long t = src.ts(j);
      x.targetIds[j] = target;
      x.targetItem[j] = x.items.add(target);
      x.targetCat[j] = x.cats.add(targetCat);
      if (shared == 0) {
        src.history(j, layout.window(), h);
        shared = Math.min(b - j, Math.max(1, src.sharedHistory(j)));
        selector.startHistory(h, shared);
        memo.start(h.length());
      }
      shared--;
      sel.clear();
      selector.select(h, target, targetCat, t, sel);
      int[] items = h.items();
      int[] cats = h.categories();
      int[] behs = h.behaviors();
      long[] ts = h.timestamps();
      for (int gi = 0; gi < g; gi++) {
        int cnt = sel.counts[gi];
        longest = Math.max(longest, cnt);
        x.groupCount[j * g + gi] = cnt;
        x.groupMask[j * g + gi] = cnt > 0 ? 1f : 0f;
        int base = (gi * b + j) * k;
        int[] pos = sel.positions[gi];
        byte[] fl = sel.flags[gi];
        for (int q = 0; q < k; q++) {
          int o = base + q;
          if (q < cnt) {
            int p = pos[q];
            if (p < 0 || p >= h.length()) {
              throw new IllegalStateException("selector put position " + p + " into group " + gi + " for a history of "
                  + h.length() + " events");
            }
            if (!memo.has(p)) memo.put(p, x.items.add(items[p]), x.cats.add(cats[p]), TimeGap.bucket(t - ts[p], gapBuckets));
            x.tokItem[o] = memo.item[p];
            x.tokCat[o] = memo.cat[p];
            x.tokBeh[o] = behs[p];
            x.tokGap[o] = memo.gap[p];
            x.tokFlag[o] = fl[q];
            x.tokMask[o] = 1f;
          } else {
            x.tokItem[o] = pad;
            x.tokCat[o] = padCat;
          }
        }
      }
      if (f > 0) System.arraycopy(sel.features, 0, x.features, j * f, f);
    }
    // K = the batch's longest group: padding-only slots cost forward time (DIN-full pads to max_seq_len)
    if (g > 0 && k > 0) x = x.trimmed(Math.max(1, longest));
    int u = x.items.size();
    for (int l = 0; l < codeLevels; l++) {
      int[] cl = new int[u];
      for (int q = 0; q < u; q++) cl[q] = sids.code(x.items.id(q), l);
      x.codes[l] = cl;
    }
    return x;
  }
}
