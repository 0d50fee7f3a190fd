package org.r2led.nn;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * The token embeddings of one step in factored form, so that building {@code N} tokens takes two
 * row gathers and one add instead of one gather and one add per feature:
 * <ul>
 *   <li>{@code pairs (P, d)}: item row + category row for each distinct (item, category) pair of
 *       the step's tokens ({@code P ≤ N}, about the number of distinct items);</li>
 *   <li>{@code combos (M, d)}: behavior + time-gap + extra (e.g. mixed-fill flag) rows for every
 *       combination of the small dense tables (their outer sum, {@code M = rows_b · rows_g · rows_e});</li>
 *   <li>token {@code n = pairs[pairPos[n]] + combos[comboPos[n]]}.</li>
 * </ul>
 * The value is {@code item + category + behavior + gap + extra} as in {@link FeatureEmbeddings#tokens},
 * summed as {@code (item + category) + ((behavior + gap) + extra)} (same terms, other rounding).
 * When the step needs no gradient, the table holds each distinct (pair, combo) token once
 * ({@link #of}): a request's candidates read the same history events over and over (100 candidates
 * × 4 routes × 50 slots gather from at most 2 × 1,000 distinct (event, fill flag) tokens), so one
 * gather of finished tokens replaces two large gathers and an add.
 * Built by {@link FeatureEmbeddings#tokenTable}; any range of tokens can be gathered, each gather
 * being an independent branch of the graph (no slicing of a large token tensor, whose backward would
 * materialise a zero gradient of the whole tensor).
 */
public final class TokenTable {
  private final NDArray pairs;
  private final int[] pairPos;
  private final NDArray combos;
  private final int[] comboPos;

  TokenTable(NDArray pairs, int[] pairPos, NDArray combos, int[] comboPos) {
    this.pairs = pairs;
    this.pairPos = pairPos;
    this.combos = combos;
    this.comboPos = comboPos;
  }

  /**
   * The token table of {@code pairs[pairPos[n]] + combos[comboPos[n]]} (combos null: pairs alone). Without
   * gradients the distinct tokens are summed once (the same values); with them the factored form is
   * kept (its backward scatters into the two small tables directly). DJL reports a gradient only for
   * leaves, so tables that are op results (the item+category pairs of every model step) take the
   * distinct form in training too: its gathers and adds run over the distinct tokens (~46,000 of
   * 128,000 in an R2LED MovieLens step), and its backward sums each token's gradient first.
   */
  static TokenTable of(Step s, NDArray pairs, int[] pairPos, NDArray combos, int[] comboPos) {
    if (combos == null || pairs.hasGradient() || combos.hasGradient()) return new TokenTable(pairs, pairPos, combos, comboPos);
    int[][] d = pairs(pairPos, comboPos, Math.toIntExact(combos.getShape().get(0)));
    int n = d[1].length;
    NDArray tokens = Gather.rows(s, pairs, s.ints(d[1], n)).add(Gather.rows(s, combos, s.ints(d[2], n)));
    return new TokenTable(tokens, d[0], null, null);
  }

  /** Number of tokens. */
  public int size() { return pairPos.length; }

  /** Tokens {@code [from, to)} as an array of shape {@code (shape..., d)} (shape's product = to − from). */
  public NDArray gatherRange(Step s, int from, int to, long... shape) {
    long t = Profile.start();
    int[] pp = from == 0 && to == pairPos.length ? pairPos : Arrays.copyOfRange(pairPos, from, to);
    NDArray r = Gather.rows(s, pairs, s.ints(pp, shape));
    if (combos != null) {
      int[] cp = from == 0 && to == comboPos.length ? comboPos : Arrays.copyOfRange(comboPos, from, to);
      r = r.add(Gather.rows(s, combos, s.ints(cp, shape)));
    }
    Profile.stop("forward.tokens", t);
    return r;
  }

  /** All tokens, shape {@code (shape..., d)}. */
  public NDArray gatherAll(Step s, long... shape) { return gatherRange(s, 0, pairPos.length, shape); }

  /**
   * Distinct (a, b) pairs of {@code a[n] ∈ [0, ·)}, {@code b[n] ∈ [0, bRows)} (e.g. item and category positions):
   * each token's pair index, and the pairs' a and b values.
   */
  static int[][] pairs(int[] itemPos, int[] catPos, int catRows) {
    int maxA = 0;
    for (int a : itemPos) maxA = Math.max(maxA, a);
    long keySpace = (maxA + 1L) * catRows;
    boolean direct = keySpace <= 8L * itemPos.length + 4096 && !Experiment.on("legacy_token_pairs");
    if (direct) return pairsDirect(itemPos, catPos, catRows, (int) keySpace);
    return keySpace <= Integer.MAX_VALUE && !Experiment.on("legacy_token_pairs") ? pairsIntKeys(itemPos, catPos, catRows)
        : pairsHashed(itemPos, catPos, catRows);
  }

  /**
   * {@link #pairs} for int keys {@code a·bRows + b} through {@link UniqueIds} (int keys and positions, half the
   * memory of {@link #pairsHashed}'s long keys: an R2LED step's 128,000 (pair, combo) tokens have a key space of
   * ~6 million and ~46,000 distinct keys, whose long-keyed table outgrew the allocator's small-object path).
   */
  static int[][] pairsIntKeys(int[] itemPos, int[] catPos, int catRows) {
    int n = itemPos.length;
    int[] pos = new int[n];
    UniqueIds u = new UniqueIds(Math.min(n, 2048));
    for (int i = 0; i < n; i++) {
      int b = catPos[i];
      if (b < 0 || b >= catRows) throw new IndexOutOfBoundsException("token " + i + ": second index " + b + " outside 0.." + (catRows - 1));
      pos[i] = u.add(itemPos[i] * catRows + b);
    }
    int count = u.size();
    int[] pi = new int[count];
    int[] pc = new int[count];
    for (int q = 0; q < count; q++) {
      int key = u.id(q);
      pi[q] = key / catRows;
      pc[q] = key % catRows;
    }
    return new int[][] {pos, pi, pc};
  }

  /**
   * {@link #pairs} through a direct table over the key space {@code a·bRows + b} (pair index + 1 per key): one
   * load per token instead of a hash probe and no rebuilds as the table fills. Used when the key space is at most
   * 8 entries per token; the same result as {@link #pairsHashed}.
   */
  static int[][] pairsDirect(int[] itemPos, int[] catPos, int catRows, int keySpace) {
    int n = itemPos.length;
    int[] pos = new int[n];
    int[] slot = new int[keySpace];
    int[] pi = new int[Math.max(16, Math.min(n, 2048))];
    int[] pc = new int[pi.length];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int a = itemPos[i];
      int b = catPos[i];
      if (b < 0 || b >= catRows) throw new IndexOutOfBoundsException("token " + i + ": second index " + b + " outside 0.." + (catRows - 1));
      int key = a * catRows + b;
      int p = slot[key];
      if (p == 0) {
        if (count == pi.length) {
          pi = Arrays.copyOf(pi, count * 2);
          pc = Arrays.copyOf(pc, count * 2);
        }
        pi[count] = a;
        pc[count] = b;
        p = ++count;
        slot[key] = p;
      }
      pos[i] = p - 1;
    }
    return new int[][] {pos, Arrays.copyOf(pi, count), Arrays.copyOf(pc, count)};
  }

  /** {@link #pairs} through an open-addressing hash of the pair keys (any key space). */
  static int[][] pairsHashed(int[] itemPos, int[] catPos, int catRows) {
    int n = itemPos.length;
    int[] pos = new int[n];
    // start small (a request's tokens have ~2,000 distinct pairs; a table sized for all n tokens would be
    // most of a request's garbage) and double when half full
    int cap = Integer.highestOneBit(Math.max(16, Math.min(n, 2048)) * 2) * 2;
    long[] keys = new long[cap];
    int[] vals = new int[cap];
    Arrays.fill(keys, -1L);
    int mask = cap - 1;
    int[] pi = new int[64];
    int[] pc = new int[64];
    int count = 0;
    for (int i = 0; i < n; i++) {
      long key = (long) itemPos[i] * catRows + catPos[i];
      int h = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & mask;
      while (true) {
        long k = keys[h];
        if (k == key) {
          pos[i] = vals[h];
          break;
        }
        if (k == -1L) {
          if (count == pi.length) {
            pi = Arrays.copyOf(pi, count * 2);
            pc = Arrays.copyOf(pc, count * 2);
          }
          pi[count] = itemPos[i];
          pc[count] = catPos[i];
          keys[h] = key;
          vals[h] = count;
          pos[i] = count++;
          if (count * 2 > cap) {
            // grow: rebuild with twice the capacity
            int ncap = cap * 2;
            long[] nk = new long[ncap];
            int[] nv = new int[ncap];
            Arrays.fill(nk, -1L);
            int nmask = ncap - 1;
            for (int q = 0; q < count; q++) {
              long kq = (long) pi[q] * catRows + pc[q];
              int hq = (int) (kq * 0x9E3779B97F4A7C15L >>> 40) & nmask;
              while (nk[hq] != -1L) hq = (hq + 1) & nmask;
              nk[hq] = kq;
              nv[hq] = q;
            }
            keys = nk;
            vals = nv;
            cap = ncap;
            mask = nmask;
          }
          break;
        }
        h = (h + 1) & mask;
      }
    }
    return new int[][] {pos, Arrays.copyOf(pi, count), Arrays.copyOf(pc, count)};
  }
}
