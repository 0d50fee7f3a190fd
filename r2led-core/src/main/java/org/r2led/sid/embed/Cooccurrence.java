package org.r2led.sid.embed;

import java.util.Arrays;

/**
 * Symmetric sparse co-occurrence counts of ids {@code 1..n} in CSR form: {@code count(a,b)} = number of
 * times {@code a} and {@code b != a} occur within {@code window} positions of each other in a sequence.
 * Built by {@link Builder}, which aggregates pairs in sorted runs so memory tracks the number of
 * distinct pairs, not the number of events.
 */
public final class Cooccurrence {
  private final int n;
  private final long[] offsets;
  private final int[] cols;
  private final float[] vals;

  private Cooccurrence(int n, long[] offsets, int[] cols, float[] vals) {
    this.n = n;
    this.offsets = offsets;
    this.cols = cols;
    this.vals = vals;
  }

  /** Number of ids (rows are 0..n, row 0 unused). */
  public int n() { return n; }

  /** Stored entries (each unordered pair twice). */
  public long nonZeros() { return cols.length; }

  public int rowStart(int a) { return (int) offsets[a]; }

  public int rowEnd(int a) { return (int) offsets[a + 1]; }

  public int col(int e) { return cols[e]; }

  public float val(int e) { return vals[e]; }

  /** Sum of row {@code a}. */
  public double degree(int a) {
    double s = 0;
    for (int e = rowStart(a); e < rowEnd(a); e++) s += vals[e];
    return s;
  }

  /** Count of the pair {@code (a, b)} (0 when absent). */
  public float count(int a, int b) {
    int lo = rowStart(a), hi = rowEnd(a) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (cols[mid] < b) lo = mid + 1;
      else if (cols[mid] > b) hi = mid - 1;
      else return vals[mid];
    }
    return 0f;
  }

  /** Accumulates sequences; {@link #build()} produces the CSR matrix. */
  public static final class Builder {
    private final int n;
    private final int window;
    private long[] buf = new long[1 << 16];
    private int bufLen;
    private long[] keys = new long[0];
    private float[] counts = new float[0];
    private static final int MAX_BUF = 1 << 23;

    /** @param window pairs are counted for positions {@code 1..window} apart */
    public Builder(int n, int window) {
      if (window < 1) throw new IllegalArgumentException("window must be >= 1, got " + window);
      this.n = n;
      this.window = window;
    }

    /** Adds one sequence {@code seq[0..len)} of ids in 1..n (0 entries are skipped). */
    public void addSequence(int[] seq, int len) {
      for (int i = 0; i < len; i++) {
        int a = seq[i];
        if (a <= 0) continue;
        if (a > n) throw new IllegalArgumentException("id " + a + " exceeds n=" + n);
        for (int j = i + 1; j < len && j <= i + window; j++) {
          int b = seq[j];
          if (b <= 0 || b == a) continue;
          if (b > n) throw new IllegalArgumentException("id " + b + " exceeds n=" + n);
          int lo = Math.min(a, b), hi = Math.max(a, b);
          if (bufLen == buf.length) {
            if (buf.length < MAX_BUF) buf = Arrays.copyOf(buf, buf.length * 2);
            else flush();
          }
          buf[bufLen++] = ((long) lo << 32) | hi;
        }
      }
    }

    private void flush() {
      if (bufLen == 0) return;
      Arrays.sort(buf, 0, bufLen);
      int runs = 0;
      for (int i = 0; i < bufLen; i++) if (i == 0 || buf[i] != buf[i - 1]) runs++;
      long[] rk = new long[runs];
      float[] rc = new float[runs];
      int r = -1;
      for (int i = 0; i < bufLen; i++) {
        if (i == 0 || buf[i] != buf[i - 1]) rk[++r] = buf[i];
        rc[r]++;
      }
      // merge (keys, counts) with (rk, rc)
      long[] mk = new long[keys.length + rk.length];
      float[] mc = new float[mk.length];
      int i = 0, j = 0, m = 0;
      while (i < keys.length || j < rk.length) {
        if (j >= rk.length || (i < keys.length && keys[i] < rk[j])) {
          mk[m] = keys[i];
          mc[m++] = counts[i++];
        } else if (i >= keys.length || rk[j] < keys[i]) {
          mk[m] = rk[j];
          mc[m++] = rc[j++];
        } else {
          mk[m] = keys[i];
          mc[m++] = counts[i++] + rc[j++];
        }
      }
      keys = Arrays.copyOf(mk, m);
      counts = Arrays.copyOf(mc, m);
      bufLen = 0;
    }

    public Cooccurrence build() {
      flush();
      long[] deg = new long[n + 2];
      for (long k : keys) {
        deg[(int) (k >>> 32)]++;
        deg[(int) k]++;
      }
      long[] off = new long[n + 2];
      for (int a = 0; a <= n; a++) off[a + 1] = off[a] + deg[a];
      if (off[n + 1] > Integer.MAX_VALUE) throw new IllegalStateException("too many co-occurrence pairs: " + off[n + 1]);
      int[] cols = new int[(int) off[n + 1]];
      float[] vals = new float[cols.length];
      long[] pos = Arrays.copyOf(off, n + 1);
      // keys are sorted by (lo, hi): each row's columns end up sorted because for row a the entries
      // with col < a (from pairs (col, a)) are appended before those with col > a (pairs (a, col)).
      for (int e = 0; e < keys.length; e++) {
        int lo = (int) (keys[e] >>> 32), hi = (int) keys[e];
        int p = (int) pos[hi]++;
        cols[p] = lo;
        vals[p] = counts[e];
      }
      for (int e = 0; e < keys.length; e++) {
        int lo = (int) (keys[e] >>> 32), hi = (int) keys[e];
        int p = (int) pos[lo]++;
        cols[p] = hi;
        vals[p] = counts[e];
      }
      return new Cooccurrence(n, Arrays.copyOf(off, n + 2), cols, vals);
    }
  }
}
