package org.r2led.retrieval;

/**
 * SDIM's hash-collision sampling (Cao et al., 2022): a signature of {@code numHashes · bits} bits
 * (e.g. a {@link SimHash}) is read as {@code numHashes} hashes of {@code bits} bits each, hash
 * {@code h} being bits {@code [h·bits, (h+1)·bits)}. A behaviour collides with the target in hash
 * {@code h} when those bits are equal; it is selected when it collides in at least one hash. The
 * most recent {@code k} selected behaviours are kept, each with the bitmask of the hashes it collides
 * in (bit {@code h} set ⇔ collision in hash {@code h}).
 *
 * <p>One pass from the newest behaviour back, stopping at {@code k} matches: O(T·numHashes) at worst.
 * Stateless and thread-safe; no allocation.
 */
public final class CollisionSelect {
  private CollisionSelect() {}

  /** Largest supported number of hashes (the collision mask must fit in a byte). */
  public static final int MAX_HASHES = 8;

  /**
   * The bitmask of hashes in which signatures {@code a} and {@code b} agree (bit h: bits
   * {@code [h·bits, (h+1)·bits)} equal).
   */
  public static int collisions(long a, long b, int numHashes, int bits) {
    long x = a ^ b;
    long low = bits == 64 ? -1L : (1L << bits) - 1;
    int m = 0;
    for (int h = 0; h < numHashes; h++) {
      if (((x >>> (h * bits)) & low) == 0) m |= 1 << h;
    }
    return m;
  }

  /**
   * @param history item ids; the history is {@code history[from .. from+len)}, oldest → newest
   * @param query the target's signature
   * @param signatures signature per item id
   * @param numHashes hashes per signature (1..{@link #MAX_HASHES})
   * @param bits bits per hash ({@code numHashes · bits <= 64})
   * @param out receives at most {@code k} positions relative to {@code from}, chronological
   * @param masks receives the collision bitmask of each written position (never 0)
   * @return the number of positions written (colliding behaviours, at most {@code k})
   */
  public static int select(int[] history, int from, int len, long query, long[] signatures, int numHashes, int bits, int k,
      int[] out, byte[] masks) {
    check(numHashes, bits);
    if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
    if (from < 0 || len < 0 || from + len > history.length) {
      throw new IndexOutOfBoundsException("history [" + from + ", " + (from + len) + ") outside an array of length "
          + history.length);
    }
    int limit = Math.min(k, Math.min(out.length, masks.length));
    if (limit < Math.min(k, len)) {
      throw new IllegalArgumentException("output holds " + Math.min(out.length, masks.length) + " positions; need up to "
          + Math.min(k, len));
    }
    long low = bits == 64 ? -1L : (1L << bits) - 1;
    int c = 0;
    for (int p = len - 1; p >= 0 && c < limit; p--) {
      long x = signatures[history[from + p]] ^ query;
      int m = 0;
      for (int h = 0; h < numHashes; h++) {
        if (((x >>> (h * bits)) & low) == 0) m |= 1 << h;
      }
      if (m != 0) {
        out[c] = p;
        masks[c] = (byte) m;
        c++;
      }
    }
    for (int i = 0, j = c - 1; i < j; i++, j--) { // newest-first → chronological
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
      byte f = masks[i];
      masks[i] = masks[j];
      masks[j] = f;
    }
    return c;
  }

  /** Fails unless {@code 1 <= numHashes <= 8}, {@code bits >= 1} and {@code numHashes · bits <= 64}. */
  public static void check(int numHashes, int bits) {
    if (numHashes < 1 || numHashes > MAX_HASHES) {
      throw new IllegalArgumentException("num_hashes must be in 1.." + MAX_HASHES + ", got " + numHashes);
    }
    if (bits < 1 || numHashes * bits > 64) {
      throw new IllegalArgumentException("num_hashes x hash_bits must be in 1..64, got " + numHashes + " x " + bits);
    }
  }
}
