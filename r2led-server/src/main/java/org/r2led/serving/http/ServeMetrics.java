package org.r2led.serving.http;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Request counters and latency histograms by route, rendered as Prometheus text
 * ({@code GET /metrics}), plus gauges read on each scrape.
 */
final class ServeMetrics {
  /** Upper bounds of the latency buckets, seconds. */
  static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  private final Map<String, LongAdder> requests = new ConcurrentSkipListMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<String, Supplier<String>> gauges = new java.util.LinkedHashMap<>();
  private final java.util.List<Supplier<String>> blocks = new java.util.ArrayList<>();

  private static final class Histogram {
    final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
    final LongAdder sumNanos = new LongAdder();

    Histogram() { for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder(); }

    void add(long nanos) {
      double s = nanos / 1e9;
      int b = 0;
      while (b < BUCKETS.length && s > BUCKETS[b]) b++;
      counts[b].increment();
      sumNanos.add(nanos);
    }
  }

  /** A gauge rendered as {@code name value} (the supplier gives the whole sample line(s) after the name). */
  void gauge(String help, String name, Supplier<String> sample) { read("gauge", help, name, sample); }

  /** A counter read on each scrape, rendered like {@link #gauge}. */
  void counter(String help, String name, Supplier<String> sample) { read("counter", help, name, sample); }

  private void read(String type, String help, String name, Supplier<String> sample) {
    gauges.put("# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name, sample);
  }

  /** Metrics rendered as the supplier writes them (whole HELP, TYPE and sample lines), after the gauges. */
  void block(Supplier<String> text) { blocks.add(text); }

  void record(String route, int status, long nanos) {
    requests.computeIfAbsent("route=\"" + escape(route) + "\",status=\"" + status + "\"", k -> new LongAdder()).increment();
    latency.computeIfAbsent(route, r -> new Histogram()).add(nanos);
  }

  String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# HELP r2led_http_requests_total HTTP requests by route and status.\n");
    sb.append("# TYPE r2led_http_requests_total counter\n");
    requests.forEach((labels, n) -> sb.append("r2led_http_requests_total{").append(labels).append("} ").append(n.sum()).append('\n'));
    sb.append("# HELP r2led_http_request_duration_seconds HTTP request latency by route.\n");
    sb.append("# TYPE r2led_http_request_duration_seconds histogram\n");
    new java.util.TreeMap<>(latency).forEach((route, h) -> {
      String r = escape(route);
      long cumulative = 0;
      for (int b = 0; b <= BUCKETS.length; b++) {
        cumulative += h.counts[b].sum();
        String le = b < BUCKETS.length ? String.format(Locale.ROOT, "%s", BUCKETS[b]) : "+Inf";
        sb.append("r2led_http_request_duration_seconds_bucket{route=\"").append(r).append("\",le=\"").append(le).append("\"} ")
            .append(cumulative).append('\n');
      }
      sb.append("r2led_http_request_duration_seconds_sum{route=\"").append(r).append("\"} ")
          .append(String.format(Locale.ROOT, "%.6f", h.sumNanos.sum() / 1e9)).append('\n');
      sb.append("r2led_http_request_duration_seconds_count{route=\"").append(r).append("\"} ").append(cumulative).append('\n');
    });
    gauges.forEach((head, sample) -> sb.append(head).append(sample.get()).append('\n'));
    blocks.forEach(b -> sb.append(b.get()));
    return sb.toString();
  }

  static String escape(String v) { return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"); }
}
