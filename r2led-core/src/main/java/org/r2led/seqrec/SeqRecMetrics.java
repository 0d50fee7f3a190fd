package org.r2led.seqrec;

import java.util.Locale;
import org.r2led.nextitem.RankingReport;

/**
 * The metrics of one split under both candidate protocols (immutable).
 *
 * @param fullCatalog the target ranked among all items
 * @param sampled the target ranked among itself and 100 sampled negatives
 */
public record SeqRecMetrics(RankingReport fullCatalog, RankingReport sampled) {
  /** Cut-offs of sequential recommendation. */
  public static final int[] CUTOFFS = {5, 10, 20};

  /** {@code HR@5 .. NDCG@20} of one protocol on one line, with the protocol's name first. */
  public static String line(RankingReport r) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-32s", r.protocol() + ":"));
    for (int k : CUTOFFS) sb.append(String.format(Locale.ROOT, "  HR@%d %.4f", k, r.hr(k)));
    for (int k : CUTOFFS) sb.append(String.format(Locale.ROOT, "  NDCG@%d %.4f", k, r.ndcg(k)));
    return sb.toString();
  }

  /** Two lines: full catalog, then sampled negatives. */
  public String format() { return line(fullCatalog) + System.lineSeparator() + line(sampled); }
}
