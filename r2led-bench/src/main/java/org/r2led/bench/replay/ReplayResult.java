package org.r2led.bench.replay;

import java.util.List;

/**
 * The figures of one replay ({@link ReplayBenchmark}): per scored window the test AUC of the three
 * strategies — (a) frozen: trained on window 0 only; (b) warm: warm-started window after window from
 * the previous model, each step trained on the latest window only; (c) full: retrained from scratch on
 * every window before — and the training seconds each strategy spent for that window. At window 1 the
 * three coincide (one run on window 0). Immutable.
 *
 * @param model model name
 * @param windows number of time windows (window 0 trains, windows 1.. are scored)
 * @param windowBy how the windows were cut: {@code time} (equal spans) or {@code samples} (equal counts)
 * @param rows one per scored window, in time order
 */
public record ReplayResult(String model, int windows, String windowBy, List<Row> rows) {
  public ReplayResult {
    rows = List.copyOf(rows);
  }

  /**
   * One scored window.
   *
   * @param window index (1..windows-1)
   * @param start first time of the window, Unix seconds
   * @param samples samples scored in the window
   * @param frozenAuc AUC of (a)
   * @param warmAuc AUC of (b)
   * @param fullAuc AUC of (c)
   * @param oracleAuc AUC of the true click probabilities (synthetic data), NaN without them
   * @param frozenSeconds training seconds (a) spent for this window (the window-0 run at window 1, else 0)
   * @param warmSeconds training seconds (b) spent for this window
   * @param fullSeconds training seconds (c) spent for this window
   */
  public record Row(int window, long start, int samples, double frozenAuc, double warmAuc, double fullAuc, double oracleAuc,
      double frozenSeconds, double warmSeconds, double fullSeconds) {}

  /** The strategies' names, in the order (a), (b), (c). */
  public static final List<String> STRATEGIES = List.of("frozen", "warm", "full");

  /** Mean AUC over the scored windows of strategy {@code s} (0 frozen, 1 warm, 2 full, 3 oracle). */
  public double meanAuc(int s) {
    double sum = 0;
    for (Row r : rows) sum += auc(r, s);
    return rows.isEmpty() ? Double.NaN : sum / rows.size();
  }

  /**
   * Mean AUC over the scored windows of strategy {@code s} (as {@link #meanAuc}), each window weighted
   * by its samples: a window of few samples counts little.
   */
  public double weightedMeanAuc(int s) {
    double sum = 0;
    long n = 0;
    for (Row r : rows) {
      sum += auc(r, s) * r.samples();
      n += r.samples();
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Total training seconds of strategy {@code s} (0 frozen, 1 warm, 2 full). */
  public double totalSeconds(int s) {
    double sum = 0;
    for (Row r : rows) sum += s == 0 ? r.frozenSeconds() : s == 1 ? r.warmSeconds() : r.fullSeconds();
    return sum;
  }

  /** AUC of strategy {@code s} (0 frozen, 1 warm, 2 full, 3 oracle) in {@code r}. */
  public static double auc(Row r, int s) {
    return switch (s) {
      case 0 -> r.frozenAuc();
      case 1 -> r.warmAuc();
      case 2 -> r.fullAuc();
      case 3 -> r.oracleAuc();
      default -> throw new IllegalArgumentException("strategy " + s + "; expected 0..3");
    };
  }
}
