package org.r2led.retrieval;

import java.util.Map;
import java.util.Random;
import org.r2led.sid.SidTable;

/** Seeded random SID tables, signatures and histories for retrieval tests. */
final class Fixtures {
  private Fixtures() {}

  /** A SID table with the given semantic codebook sizes plus one disambiguation level. */
  static SidTable randomSids(int numItems, int[] semanticSizes, long seed) {
    Random rnd = new Random(seed);
    int levels = semanticSizes.length + 1;
    int[] sizes = java.util.Arrays.copyOf(semanticSizes, levels);
    sizes[levels - 1] = numItems;
    int[] codes = new int[(numItems + 1) * levels];
    for (int i = 1; i <= numItems; i++) {
      for (int l = 0; l < semanticSizes.length; l++) codes[i * levels + l] = 1 + rnd.nextInt(semanticSizes[l]);
      codes[i * levels + levels - 1] = i;
    }
    SidTable.Meta meta = new SidTable.Meta("fp", numItems, sizes, semanticSizes.length, "test", "random", Map.of());
    return new SidTable(meta, codes);
  }

  /** Signatures with only the low {@code bits} bits random, so that Hamming ties are frequent. */
  static void randomSignatures(ItemKeys keys, int bits, long seed) {
    Random rnd = new Random(seed);
    long mask = bits == 64 ? -1L : (1L << bits) - 1;
    long[] s = keys.signatures();
    for (int i = 0; i < s.length; i++) s[i] = rnd.nextLong() & mask;
  }

  static int[] randomHistory(int len, int numItems, Random rnd) {
    int[] h = new int[len];
    for (int i = 0; i < len; i++) h[i] = 1 + rnd.nextInt(numItems);
    return h;
  }
}
