package org.r2led.nextitem;

import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Mean ranking metrics over users, immutable.
 *
 * @param protocol candidate protocol, e.g. {@code "full catalog"} or {@code "100 sampled negatives (seed 7)"}
 * @param users number of evaluated users (examples)
 * @param hr mean HR@N by N
 * @param recall mean Recall@N by N
 * @param ndcg mean NDCG@N by N
 */
public record RankingReport(String protocol, int users, SortedMap<Integer, Double> hr,
    SortedMap<Integer, Double> recall, SortedMap<Integer, Double> ndcg) {
  public RankingReport {
    hr = Collections.unmodifiableSortedMap(new TreeMap<>(hr));
    recall = Collections.unmodifiableSortedMap(new TreeMap<>(recall));
    ndcg = Collections.unmodifiableSortedMap(new TreeMap<>(ndcg));
  }

  /** Mean HR@n, failing with the available cutoffs when {@code n} was not measured. */
  public double hr(int n) { return get(hr, "HR", n); }

  public double recall(int n) { return get(recall, "Recall", n); }

  public double ndcg(int n) { return get(ndcg, "NDCG", n); }

  private static double get(SortedMap<Integer, Double> m, String name, int n) {
    Double v = m.get(n);
    if (v == null) throw new IllegalArgumentException(name + "@" + n + " was not measured; cutoffs are " + m.keySet());
    return v;
  }

  /** One line per metric: {@code HR@10 0.1234  HR@50 ...}. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s, %d users%n", protocol, users));
    line(sb, "HR", hr);
    line(sb, "Recall", recall);
    line(sb, "NDCG", ndcg);
    return sb.toString();
  }

  private static void line(StringBuilder sb, String name, SortedMap<Integer, Double> m) {
    m.forEach((n, v) -> sb.append(String.format(Locale.ROOT, "%s@%d %.4f  ", name, n, v)));
    sb.setLength(sb.length() - 2);
    sb.append(System.lineSeparator());
  }
}
