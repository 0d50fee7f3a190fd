package org.r2led.cli.learn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one learning cycle did: its window {@code [from, to)} (Unix seconds), the evaluation cut, the labeled
 * impressions and shown items (samples) and clicks (positives) in the window, the candidate's and the current
 * model's AUC and LogLoss on the evaluation window (NaN when not evaluated), the decision ({@code promoted},
 * {@code promoted-not-loaded}, {@code rejected} or {@code skipped}, with a reason) and the cycle's seconds.
 * One JSON line of {@code WORK/cycles.jsonl} ({@link #json}) and one Markdown table row ({@link #markdown}).
 */
public record CycleRecord(long from, long to, long evalFrom, int impressions, int samples, int positives,
    Map<String, Long> samplesBySplit, int newItems, String current, String candidate, double candidateAuc,
    double candidateLogLoss, double currentAuc, double currentLogLoss, String decision, String reason, double seconds) {
  public static final String FILE = "cycles.jsonl";

  /** Header of the Markdown table {@link #markdown} rows belong to. */
  public static final String MARKDOWN_HEADER = "| window | samples | positives | new items | current AUC | candidate AUC | decision | s |\n"
      + "|---|---:|---:|---:|---:|---:|---|---:|";

  public CycleRecord {
    samplesBySplit = Map.copyOf(samplesBySplit);
  }

  /** The JSON object of the cycle's line (NaN metrics are null). */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", from);
    m.put("to", to);
    m.put("eval_from", evalFrom < 0 ? null : evalFrom);
    m.put("impressions", impressions);
    m.put("samples", samples);
    m.put("positives", positives);
    m.put("samples_by_split", new java.util.TreeMap<>(samplesBySplit));
    m.put("new_items", newItems);
    m.put("current", current);
    m.put("candidate", candidate);
    m.put("current_auc", finite(currentAuc));
    m.put("current_logloss", finite(currentLogLoss));
    m.put("candidate_auc", finite(candidateAuc));
    m.put("candidate_logloss", finite(candidateLogLoss));
    m.put("decision", decision);
    m.put("reason", reason);
    m.put("seconds", Math.round(seconds * 1000) / 1000.0);
    return m;
  }

  /** One row of the table under {@link #MARKDOWN_HEADER}. */
  public String markdown() {
    return String.format(Locale.ROOT, "| [%d, %d) | %d | %d | %d | %s | %s | %s%s | %.1f |", from, to, samples, positives, newItems,
        metric(currentAuc), metric(candidateAuc), decision, reason.isEmpty() ? "" : " (" + reason + ")", seconds);
  }

  private static Double finite(double v) { return Double.isFinite(v) ? v : null; }

  private static String metric(double v) { return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-"; }

  /** Collects a cycle's fields as it goes. */
  static final class Builder {
    private final long from;
    private final long to;
    private final String current;
    private long evalFrom = -1;
    private int impressions;
    private int samples;
    private int positives;
    private Map<String, Long> bySplit = Map.of();
    private int newItems;
    private String candidate;
    private double candAuc = Double.NaN;
    private double candLogLoss = Double.NaN;
    private double curAuc = Double.NaN;
    private double curLogLoss = Double.NaN;
    private String decision;
    private String reason = "";

    Builder(long from, long to, String current) {
      this.from = from;
      this.to = to;
      this.current = current;
    }

    Builder window(int impressions, int samples, int positives) {
      this.impressions = impressions;
      this.samples = samples;
      this.positives = positives;
      return this;
    }

    Builder split(long evalFrom, Map<String, Long> bySplit, int newItems) {
      this.evalFrom = evalFrom;
      this.bySplit = bySplit;
      this.newItems = newItems;
      return this;
    }

    Builder scores(String candidate, WindowEvaluation.Result cand, WindowEvaluation.Result cur) {
      this.candidate = candidate;
      candAuc = cand.auc();
      candLogLoss = cand.logLoss();
      curAuc = cur.auc();
      curLogLoss = cur.logLoss();
      return this;
    }

    Builder skip(String why) {
      decision = "skipped";
      reason = why;
      return this;
    }

    Builder decide(String d) {
      decision = d;
      return this;
    }

    CycleRecord build(double seconds) {
      return new CycleRecord(from, to, evalFrom, impressions, samples, positives, bySplit, newItems, current, candidate, candAuc,
          candLogLoss, curAuc, curLogLoss, decision, reason, seconds);
    }
  }
}
