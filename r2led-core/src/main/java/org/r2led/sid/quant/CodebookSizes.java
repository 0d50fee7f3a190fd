package org.r2led.sid.quant;

import java.util.Arrays;

/**
 * Codebook-size policy. The default per level is {@code K = clamp(2^round(log2(sqrt(numItems))), 4, 256)},
 * capped at {@code numItems}: about {@code sqrt(n)} codes so level-1 codes hold ~sqrt(n) items each,
 * rounded to a power of two. 10^3 items → 32, ~10^4 → 128 (9,742 MovieLens movies: 128), 10^5 → 256,
 * 10^6 → 256.
 */
public final class CodebookSizes {
  private CodebookSizes() {}

  /** Largest code value a SID level can hold (codes are packed in 16 bits). */
  public static final int MAX_SIZE = 65535;

  /** The default codebook size for a catalog of {@code numItems} items. */
  public static int defaultSize(int numItems) {
    if (numItems < 1) throw new IllegalArgumentException("numItems must be >= 1, got " + numItems);
    long pow = Math.round(Math.log(Math.sqrt(numItems)) / Math.log(2));
    int k = (int) Math.max(4, Math.min(256, 1L << Math.max(0, pow)));
    return Math.min(k, numItems);
  }

  /**
   * Codebook sizes for {@code levels} levels: {@code size} for every level, or the default when
   * {@code size} is null.
   *
   * @throws IllegalArgumentException when a size is out of 1..65535 or exceeds {@code numItems}
   */
  public static int[] resolve(Integer size, int levels, int numItems) {
    if (levels < 1) throw new IllegalArgumentException("levels must be >= 1, got " + levels);
    int k = size == null ? defaultSize(numItems) : size;
    int[] out = new int[levels];
    Arrays.fill(out, k);
    validate(out, numItems);
    return out;
  }

  /** Checks explicit per-level sizes against the catalog. */
  public static void validate(int[] sizes, int numItems) {
    for (int l = 0; l < sizes.length; l++) {
      if (sizes[l] < 1 || sizes[l] > MAX_SIZE) {
        throw new IllegalArgumentException("codebook size at level " + (l + 1) + " is " + sizes[l] + "; expected 1.." + MAX_SIZE);
      }
      if (sizes[l] > numItems) {
        throw new IllegalArgumentException("codebook size " + sizes[l] + " at level " + (l + 1) + " exceeds the "
            + numItems + " items: more codes requested than items (use --codebook-size <= " + numItems + ")");
      }
    }
  }
}
