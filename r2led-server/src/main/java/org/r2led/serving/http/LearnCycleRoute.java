package org.r2led.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /admin/learn-cycle} (loopback clients only): the learner ({@code r2led learn --url}) reports each
 * cycle, the JSON line it appended to its {@code cycles.jsonl}; {@code /metrics} shows the count since the
 * service started and the last one ({@link #metrics}). Kept in memory: a restarted service shows the next cycle.
 */
final class LearnCycleRoute {
  static final Set<String> FIELDS = Set.of("from", "to", "eval_from", "impressions", "samples", "positives", "samples_by_split",
      "new_items", "current", "candidate", "current_auc", "current_logloss", "candidate_auc", "candidate_logloss", "decision",
      "reason", "seconds");
  static final Set<String> DECISIONS = Set.of("promoted", "promoted-not-loaded", "rejected", "skipped");

  /** One reported cycle: its window {@code [from, to)} (Unix seconds), decision, versions, counts and AUCs (NaN: not scored). */
  record Cycle(long from, long to, String decision, String current, String candidate, long samples, long positives, long newItems,
      double currentAuc, double candidateAuc, long reportedAt) {}

  private final AtomicReference<Cycle> last = new AtomicReference<>();
  private final AtomicLong cycles = new AtomicLong();
  private final Limits limits;

  LearnCycleRoute(Limits limits) { this.limits = limits; }

  void handle(Context ctx) {
    ServeApp.requireLoopback(ctx, "/admin/learn-cycle");
    JsonNode body = JsonInput.object(JsonInput.body(ctx, limits.maxBodyBytes()), "", FIELDS);
    long from = count(body, "from", true);
    long to = count(body, "to", true);
    // from == to: an empty window (a cycle skipped within the second of the one before)
    if (from > to) throw BadRequest.of("to", "must not be before from (" + from + "), got " + to);
    String decision = JsonInput.id(body, "", "decision");
    if (!DECISIONS.contains(decision)) {
      throw BadRequest.of("decision", "must be one of " + String.join(", ", new java.util.TreeSet<>(DECISIONS)) + ", got '" + decision + "'");
    }
    Cycle c = new Cycle(from, to, decision, JsonInput.optionalId(body, "", "current"), JsonInput.optionalId(body, "", "candidate"),
        count(body, "samples", true), count(body, "positives", false), count(body, "new_items", false), auc(body, "current_auc"),
        auc(body, "candidate_auc"), System.currentTimeMillis() / 1000);
    last.set(c);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cycles", cycles.incrementAndGet());
    Responses.json(ctx, 200, out);
  }

  /** A non-negative integer; an optional one absent or null is 0. */
  private static long count(JsonNode body, String field, boolean required) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) throw BadRequest.of(field, "is missing");
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
      throw BadRequest.of(field, "must be a non-negative integer, got " + (n.isNumber() ? n.asText() : JsonInput.kind(n)));
    }
    return n.longValue();
  }

  /** An AUC in [0, 1], or NaN when absent or null (not scored). */
  private static double auc(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) return Double.NaN;
    if (!n.isNumber() || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
      throw BadRequest.of(field, "must be a number in [0, 1] or null, got " + (n.isNumber() ? n.asText() : JsonInput.kind(n)));
    }
    return n.doubleValue();
  }

  /** Prometheus text: the cycle count, and the last cycle's gauges once one was reported. */
  String metrics() {
    StringBuilder sb = new StringBuilder();
    sb.append("# HELP r2led_learn_cycles_total Learning cycles the learner reported since the service started.\n")
        .append("# TYPE r2led_learn_cycles_total counter\n")
        .append("r2led_learn_cycles_total ").append(cycles.get()).append('\n');
    Cycle c = last.get();
    if (c == null) return sb.toString();
    gauge(sb, "r2led_learn_last_cycle_info", "The last learning cycle: its window [from, to) in Unix seconds, decision and versions.",
        "{from=\"" + c.from() + "\",to=\"" + c.to() + "\",decision=\"" + c.decision() + "\",current=\"" + label(c.current())
            + "\",candidate=\"" + label(c.candidate()) + "\"} 1");
    gauge(sb, "r2led_learn_samples", "Shown items (samples) in the last cycle's window.", " " + c.samples());
    gauge(sb, "r2led_learn_positives", "Clicked items in the last cycle's window.", " " + c.positives());
    gauge(sb, "r2led_learn_new_items", "Items of the last cycle's samples the current model did not know.", " " + c.newItems());
    gauge(sb, "r2led_learn_current_auc", "AUC of the current model on the last cycle's evaluation window (NaN: not scored).",
        " " + number(c.currentAuc()));
    gauge(sb, "r2led_learn_candidate_auc", "AUC of the last cycle's candidate on its evaluation window (NaN: not scored).",
        " " + number(c.candidateAuc()));
    gauge(sb, "r2led_learn_last_cycle_timestamp_seconds", "When the last cycle was reported, Unix seconds.", " " + c.reportedAt());
    return sb.toString();
  }

  private static void gauge(StringBuilder sb, String name, String help, String sample) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n').append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(sample).append('\n');
  }

  private static String label(String v) { return v == null ? "" : ServeMetrics.escape(v); }

  private static String number(double v) { return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6f", v); }
}
