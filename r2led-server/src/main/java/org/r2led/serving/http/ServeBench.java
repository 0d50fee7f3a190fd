package org.r2led.serving.http;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.r2led.io.FileTrees;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.store.EventStore;

/**
 * {@code r2led bench serve}: a bounded, self-stopping load generator on loopback. It starts the
 * service in-process on a temporary store (or uses a running one), posts synthetic users whose
 * histories are drawn from the model's item vocabulary (measuring ingestion), then measures
 * {@code POST /v1/score} latency percentiles and requests/s at each concurrency for a fixed time.
 * Every request must answer 200 with one score per candidate, or 503 with {@code Retry-After} when the
 * service sheds load (counted apart; the client then waits as told); anything else counts as an error.
 * With {@code burst > 0} it then fires {@code bursts} waves of {@code burst} simultaneous score requests
 * ({@link BurstClient}), one second apart.
 */
public final class ServeBench {
  /** Settings; {@code url} null starts the service in-process. */
  public record Options(Path model, URI url, List<Integer> histories, int candidates, List<Integer> concurrency,
      double seconds, double warmupSeconds, int eventsBatch, int users, ServerOptions server, int burst, int bursts, long seed) {}

  public record Ingest(int history, int users, long events, int batch, int clients, double seconds, double eventsPerSecond,
      double p50Ms, double p99Ms, long errors) {}

  /**
   * One scoring cell. {@code requests} and the latencies count the 200 answers; {@code shed} the 503s
   * with {@code Retry-After}. {@code serverP50Ms}: median per phase of the service's {@code Server-Timing}
   * header (parse, store, wait, score; empty when the service sends none); the rest of a request's
   * latency is HTTP and loopback transport on both sides.
   */
  public record Cell(int history, int candidates, int concurrency, long requests, long shed, long errors, double seconds,
      double requestsPerSecond, double p50Ms, double p90Ms, double p99Ms, double maxMs, Map<String, Double> serverP50Ms) {}

  /**
   * Waves of {@code clients} simultaneous score requests: answers 200 ({@code ok}, whose latencies the
   * percentiles are), 503 with {@code Retry-After} ({@code shed}) and anything else ({@code errors});
   * the 200s' {@code Server-Timing} phases (p50 and p99 per phase, {@code total} their sum).
   */
  public record Burst(int history, int candidates, int clients, int waves, long ok, long shed, long errors, double p50Ms,
      double p90Ms, double p99Ms, double maxMs, Map<String, Double> serverP50Ms, Map<String, Double> serverP99Ms) {}

  public record Result(String date, String model, String modelId, String url, int cores, double loadAverageBefore,
      double loadAverageAfter, Options options, List<Ingest> ingestion, List<Cell> scoring, List<Burst> bursts) {}

  private ServeBench() {}

  public static Result run(Options o, PrintStream log) {
    ScoringModel model = ScoringModel.load(o.model());
    List<String> items = itemIds(o.model());
    List<String> behaviors = model.manifest().behaviors();
    double loadBefore = loadAverage();
    Path tmp = null;
    EventStore store = null;
    ServeApp app = null;
    try {
      URI url = o.url();
      if (url == null) {
        tmp = Files.createTempDirectory("r2led-bench-serve");
        int cap = o.histories().stream().mapToInt(Integer::intValue).max().orElse(1);
        store = EventStore.open(tmp.resolve("store"), Math.max(cap, 1));
        app = new ServeApp(model, store, Limits.DEFAULT, o.server());
        url = URI.create("http://127.0.0.1:" + app.start("127.0.0.1", 0));
        log.println("bench serve: service in-process on " + url + " (temporary store " + tmp + ")");
      }
      SplittableRandom rnd = new SplittableRandom(o.seed());
      String tag = Long.toHexString(rnd.nextLong() >>> 16);
      int clients = o.concurrency().stream().mapToInt(Integer::intValue).max().orElse(1);
      if (o.warmupSeconds() > 0) {
        // unmeasured: the first writes of a fresh process and store (JIT, WAL file, memtable) are not ingestion's rate
        List<String> warm = new ArrayList<>();
        for (int u = 0; u < o.users(); u++) warm.add("bench-" + tag + "-warmup-u" + u);
        Ingest w = ingest(url, warm, o.histories().get(0), o.eventsBatch(), clients, items, behaviors, rnd);
        log.printf(Locale.ROOT, "bench serve: ingestion warm-up %,d events (%,.0f events/s, not reported)%n", w.events(),
            w.eventsPerSecond());
      }
      List<Ingest> ingestion = new ArrayList<>();
      List<Cell> scoring = new ArrayList<>();
      List<Burst> bursts = new ArrayList<>();
      for (int h : o.histories()) {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < o.users(); u++) users.add("bench-" + tag + "-h" + h + "-u" + u);
        log.printf(Locale.ROOT, "bench serve: posting %d users x %,d events in batches of %d (%d clients)%n",
            users.size(), h, o.eventsBatch(), clients);
        Ingest in = ingest(url, users, h, o.eventsBatch(), clients, items, behaviors, rnd);
        ingestion.add(in);
        log.printf(Locale.ROOT, "  ingestion: %,d events in %.1f s = %,.0f events/s, %d errors%n", in.events(), in.seconds(),
            in.eventsPerSecond(), in.errors());
        List<byte[]> bodies = scoreBodies(users, items, o.candidates(), rnd);
        for (int c : o.concurrency()) {
          timedLoop(url, bodies, o.candidates(), c, o.warmupSeconds());
          Cell cell = cell(h, o.candidates(), c, timedLoop(url, bodies, o.candidates(), c, o.seconds()));
          scoring.add(cell);
          log.printf(Locale.ROOT, "  score h=%,d c=%d: %,d requests, %.0f req/s, p50 %.1f ms, p99 %.1f ms, %,d shed (503), %d errors; "
              + "server p50 %s%n", h, c, cell.requests(), cell.requestsPerSecond(), cell.p50Ms(), cell.p99Ms(), cell.shed(), cell.errors(),
              cell.serverP50Ms());
        }
        if (o.burst() > 0) {
          Burst b = burst(url, bodies, h, o.candidates(), o.burst(), o.bursts(), Math.max(o.warmupSeconds(), 0.5));
          bursts.add(b);
          log.printf(Locale.ROOT, "  burst h=%,d: %d waves of %d: %,d x 200, %,d x 503, %d errors; 200s p50 %.1f ms, p99 %.1f ms; "
              + "server p50 %s, p99 %s%n", h, b.waves(), b.clients(), b.ok(), b.shed(), b.errors(), b.p50Ms(), b.p99Ms(), b.serverP50Ms(),
              b.serverP99Ms());
        }
      }
      return new Result(Instant.now().toString(), model.manifest().model(), model.modelId(), url.toString(),
          Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(), o, ingestion, scoring, bursts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (app != null) app.close();
      if (store != null) store.close();
      if (tmp != null) {
        try {
          FileTrees.delete(tmp);
        } catch (RuntimeException | IOException e) {
          log.println("bench serve: could not delete " + tmp + ": " + e.getMessage());
        }
      }
    }
  }

  /** Raw item ids of the model's vocabulary ({@code items/raw_id.txt}, dense order). */
  static List<String> itemIds(Path modelDir) {
    try {
      List<String> ids = Files.readAllLines(modelDir.resolve(org.r2led.serving.ModelManifest.ITEM_RAW_IDS), StandardCharsets.UTF_8);
      List<String> out = ids.stream().filter(s -> !s.isEmpty()).toList();
      if (out.isEmpty()) throw new IllegalArgumentException("model " + modelDir + " has no item ids");
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Ingest ingest(URI url, List<String> users, int history, int batch, int clients, List<String> items,
      List<String> behaviors, SplittableRandom rnd) {
    // bodies built before the clock starts: each a batch of events, users interleaved
    List<byte[]> bodies = new ArrayList<>();
    List<Map<String, Object>> events = new ArrayList<>(batch);
    long base = 1_700_000_000L;
    for (int i = 0; i < history; i++) {
      for (String u : users) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("user", u);
        e.put("item", items.get(rnd.nextInt(items.size())));
        e.put("ts", base + i * 30L);
        if (!behaviors.isEmpty()) e.put("type", behaviors.get(rnd.nextInt(behaviors.size())));
        events.add(e);
        if (events.size() == batch) {
          bodies.add(json(events).getBytes(StandardCharsets.UTF_8));
          events.clear();
        }
      }
    }
    if (!events.isEmpty()) bodies.add(json(events).getBytes(StandardCharsets.UTF_8));
    AtomicInteger next = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    long[][] lat = new long[clients][];
    long t0 = System.nanoTime();
    runThreads(clients, c -> {
      long[] mine = new long[bodies.size()];
      int n = 0;
      try (BenchHttpClient http = new BenchHttpClient(url)) {
        for (int b; (b = next.getAndIncrement()) < bodies.size(); ) {
          long s = System.nanoTime();
          if (!ok(http.post("/v1/events", bodies.get(b)), "\"accepted\"")) errors.incrementAndGet();
          else mine[n++] = System.nanoTime() - s;
        }
      }
      lat[c] = Arrays.copyOf(mine, n);
    });
    double sec = (System.nanoTime() - t0) / 1e9;
    long total = (long) history * users.size();
    long[] all = merge(lat);
    return new Ingest(history, users.size(), total, batch, clients, sec, total / sec, pct(all, 0.5), pct(all, 0.99), errors.get());
  }

  private static List<byte[]> scoreBodies(List<String> users, List<String> items, int candidates, SplittableRandom rnd) {
    List<byte[]> out = new ArrayList<>();
    for (int r = 0; r < 256; r++) {
      List<String> cands = new ArrayList<>(candidates);
      for (int j = 0; j < candidates; j++) cands.add(items.get(rnd.nextInt(items.size())));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("user", users.get(r % users.size()));
      body.put("candidates", cands);
      out.add(json(body).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private record Loop(long[] latencies, long shed, long errors, double seconds, Map<String, List<Double>> server) {}

  /**
   * {@code clients} threads posting score requests until {@code seconds} have passed. A client answered
   * 503 waits its {@code Retry-After} (at most until the end) before the next request, as a client should.
   */
  private static Loop timedLoop(URI url, List<byte[]> bodies, int candidates, int clients, double seconds) {
    long t0 = System.nanoTime();
    long deadline = t0 + (long) (seconds * 1e9);
    AtomicLong errors = new AtomicLong();
    AtomicLong shed = new AtomicLong();
    long[][] lat = new long[clients][];
    List<Map<String, List<Double>>> timings = new ArrayList<>();
    for (int c = 0; c < clients; c++) timings.add(new LinkedHashMap<>());
    String expect = "\"scores\"";
    runThreads(clients, c -> {
      long[] mine = new long[1024];
      int n = 0;
      int i = c * 37;
      try (BenchHttpClient http = new BenchHttpClient(url)) {
        while (System.nanoTime() < deadline) {
          long s = System.nanoTime();
          BenchHttpClient.Response r = http.post("/v1/score", bodies.get(i++ % bodies.size()));
          long took = System.nanoTime() - s;
          if (r != null && r.status() == 503 && r.headers().containsKey("retry-after")) {
            shed.incrementAndGet();
            pause(r.headers().get("retry-after"), deadline);
            continue;
          }
          if (!ok(r, expect)) {
            errors.incrementAndGet();
            continue;
          }
          if (n == mine.length) mine = Arrays.copyOf(mine, n * 2);
          mine[n++] = took;
          String h = r.headers().get(ScoreRoute.SERVER_TIMING.toLowerCase(Locale.ROOT));
          if (h != null) serverTiming(h, timings.get(c));
        }
      }
      lat[c] = Arrays.copyOf(mine, n);
    });
    Map<String, List<Double>> server = new LinkedHashMap<>();
    for (Map<String, List<Double>> m : timings) {
      m.forEach((phase, v) -> server.computeIfAbsent(phase, k -> new ArrayList<>()).addAll(v));
    }
    return new Loop(merge(lat), shed.get(), errors.get(), (System.nanoTime() - t0) / 1e9, server);
  }

  /**
   * {@code waves} bursts of {@code clients} score requests written at once on as many connections, each
   * wave 1 s (the service's Retry-After) after the previous one's last answer; before them, unmeasured
   * waves for {@code warmupSeconds} (at least one), so that the shedding path is compiled too.
   */
  private static Burst burst(URI url, List<byte[]> bodies, int history, int candidates, int clients, int waves, double warmupSeconds)
      throws IOException {
    byte[][] requests = new byte[clients][];
    String host = url.getHost() + ":" + url.getPort();
    for (int i = 0; i < clients; i++) {
      byte[] body = bodies.get(i % bodies.size());
      byte[] head = ("POST /v1/score HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      requests[i] = Arrays.copyOf(head, head.length + body.length);
      System.arraycopy(body, 0, requests[i], head.length, body.length);
    }
    long[] ok = new long[clients * waves];
    int n = 0;
    long shed = 0;
    long errors = 0;
    Map<String, List<Double>> server = new LinkedHashMap<>();
    try (BurstClient client = new BurstClient(url, clients)) {
      long warm = System.nanoTime() + (long) (warmupSeconds * 1e9);
      for (int w = 0; w < waves; ) {
        boolean measured = System.nanoTime() >= warm;
        BurstClient.Answer[] answers = client.fire(requests, 60_000_000_000L);
        if (measured) {
          w++;
          for (BurstClient.Answer a : answers) {
            if (a.status() == 200 && a.body().contains("\"scores\"")) {
              ok[n++] = a.nanos();
              if (a.serverTiming() != null) serverTiming(a.serverTiming(), server);
            } else if (a.status() == 503 && a.retryAfter() != null) shed++;
            else errors++;
          }
        }
        pause("1", System.nanoTime() + 1_000_000_000L);
      }
    }
    long[] a = Arrays.copyOf(ok, n);
    Arrays.sort(a);
    return new Burst(history, candidates, clients, waves, n, shed, errors, pct(a, 0.5), pct(a, 0.9), pct(a, 0.99),
        n == 0 ? Double.NaN : a[n - 1] / 1e6, quantiles(server, 0.5), quantiles(server, 0.99));
  }

  /** Sleeps {@code retryAfter} seconds (an integer; 1 when unreadable), but not past {@code deadline}. */
  private static void pause(String retryAfter, long deadline) {
    long seconds;
    try {
      seconds = Math.max(0, Long.parseLong(retryAfter.trim()));
    } catch (NumberFormatException e) {
      seconds = 1;
    }
    long nanos = Math.min(seconds * 1_000_000_000L, deadline - System.nanoTime());
    if (nanos <= 0) return;
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Adds the phases of a {@code Server-Timing} value ({@code name;dur=ms, …}) and their sum ({@code total}). */
  static void serverTiming(String header, Map<String, List<Double>> into) {
    double total = 0;
    for (String part : header.split(",")) {
      String[] f = part.trim().split(";dur=");
      if (f.length != 2) continue;
      try {
        double v = Double.parseDouble(f[1].trim());
        into.computeIfAbsent(f[0].trim(), k -> new ArrayList<>()).add(v);
        total += v;
      } catch (NumberFormatException e) {
        // not a duration: ignored
      }
    }
    into.computeIfAbsent("total", k -> new ArrayList<>()).add(total);
  }

  private static Cell cell(int history, int candidates, int clients, Loop l) {
    long[] a = l.latencies();
    return new Cell(history, candidates, clients, a.length, l.shed(), l.errors(), l.seconds(), a.length / l.seconds(), pct(a, 0.5),
        pct(a, 0.9), pct(a, 0.99), a.length == 0 ? Double.NaN : a[a.length - 1] / 1e6, quantiles(l.server(), 0.5));
  }

  /** The {@code q} quantile (nearest rank, lower) of each phase's values. */
  private static Map<String, Double> quantiles(Map<String, List<Double>> phases, double q) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Double>> e : phases.entrySet()) {
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      out.put(e.getKey(), v.length == 0 ? Double.NaN : v[(int) Math.ceil(q * v.length) - 1 < 0 ? 0 : (int) Math.ceil(q * v.length) - 1]);
    }
    return out;
  }

  /** True when the POST answered 200 with a body containing {@code expect}. */
  private static boolean ok(BenchHttpClient.Response r, String expect) {
    return r != null && r.status() == 200 && r.body().contains(expect);
  }

  private interface Client {
    void run(int index);
  }

  private static void runThreads(int n, Client body) {
    Thread[] ts = new Thread[n];
    for (int c = 0; c < n; c++) {
      int id = c;
      ts[c] = new Thread(() -> body.run(id), "bench-client-" + c);
      ts[c].start();
    }
    for (Thread t : ts) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static long[] merge(long[][] parts) {
    long[] all = Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    Arrays.sort(all);
    return all;
  }

  /** Nearest-rank percentile of sorted nanoseconds, in ms. */
  static double pct(long[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    int k = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, k))] / 1e6;
  }

  private static double loadAverage() { return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(); }

  private static String json(Object o) {
    try {
      return JsonInput.MAPPER.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result as pretty JSON. */
  public static String toJson(Result r) {
    try {
      return JsonInput.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result as Markdown: settings, ingestion and scoring tables, and the targets. */
  public static String toMarkdown(Result r) {
    StringBuilder sb = new StringBuilder();
    Options o = r.options();
    sb.append("# bench serve\n\n");
    sb.append(String.format(Locale.ROOT, "%s; model %s (%s); %s; %d cores, load average %.1f before / %.1f after; "
            + "%d users per history length, %d candidates per request, %.0f s per cell after %.0f s warm-up.%n%n",
        r.date(), r.model(), r.modelId(), r.url(), r.cores(), r.loadAverageBefore(), r.loadAverageAfter(), o.users(),
        o.candidates(), o.seconds(), o.warmupSeconds()));
    sb.append("| history | events | batch | clients | seconds | events/s | p50 ms/batch | p99 ms/batch | errors |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Ingest i : r.ingestion()) {
      sb.append(String.format(Locale.ROOT, "| %,d | %,d | %d | %d | %.1f | %,.0f | %.1f | %.1f | %d |%n", i.history(), i.events(),
          i.batch(), i.clients(), i.seconds(), i.eventsPerSecond(), i.p50Ms(), i.p99Ms(), i.errors()));
    }
    sb.append("\n| history | candidates | concurrency | requests (200) | shed (503) | errors | req/s | p50 ms | p90 ms | p99 ms | max ms |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Cell c : r.scoring()) {
      sb.append(String.format(Locale.ROOT, "| %,d | %d | %d | %,d | %,d | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n", c.history(),
          c.candidates(), c.concurrency(), c.requests(), c.shed(), c.errors(), c.requestsPerSecond(), c.p50Ms(), c.p90Ms(), c.p99Ms(),
          c.maxMs()));
    }
    if (!r.bursts().isEmpty()) {
      sb.append("\nBursts: waves of simultaneous score requests on as many connections, 1 s apart; latencies of the 200s:\n\n");
      sb.append("| history | candidates | clients | waves | 200 | 503 | errors | p50 ms | p90 ms | p99 ms | max ms |\n");
      sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Burst b : r.bursts()) {
        sb.append(String.format(Locale.ROOT, "| %,d | %d | %d | %d | %,d | %,d | %d | %.1f | %.1f | %.1f | %.1f |%n", b.history(),
            b.candidates(), b.clients(), b.waves(), b.ok(), b.shed(), b.errors(), b.p50Ms(), b.p90Ms(), b.p99Ms(), b.maxMs()));
      }
    }
    if (r.scoring().stream().anyMatch(c -> !c.serverP50Ms().isEmpty())) {
      List<String> phases = new ArrayList<>();
      for (Cell c : r.scoring()) for (String k : c.serverP50Ms().keySet()) if (!phases.contains(k)) phases.add(k);
      sb.append("\nServer side (the service's `Server-Timing` header), median ms per request; the rest of the client's ")
          .append("latency is HTTP handling and loopback transport:\n\n| history | concurrency |");
      for (String k : phases) sb.append(' ').append(k).append(" |");
      sb.append(" client p50 |\n|---:|---:|");
      for (int k = 0; k <= phases.size(); k++) sb.append("---:|");
      sb.append('\n');
      for (Cell c : r.scoring()) {
        sb.append(String.format(Locale.ROOT, "| %,d | %d |", c.history(), c.concurrency()));
        for (String k : phases) sb.append(String.format(Locale.ROOT, " %.2f |", c.serverP50Ms().getOrDefault(k, Double.NaN)));
        sb.append(String.format(Locale.ROOT, " %.2f |%n", c.p50Ms()));
      }
    }
    sb.append("\nIssue 10's targets (2 cores, 100 candidates):\n\n");
    for (Cell c : r.scoring()) {
      if (c.candidates() != 100) continue;
      if (c.history() == 1000 && c.concurrency() == 1) {
        sb.append(target("p50 ≤ 5 ms at 1,000 events, concurrency 1", c.p50Ms() <= 5, ms(c.p50Ms())));
        sb.append(target("p99 ≤ 15 ms at 1,000 events, concurrency 1", c.p99Ms() <= 15, ms(c.p99Ms())));
      }
      if (c.history() == 1000 && c.concurrency() == 4) {
        sb.append(target("≥ 150 req/s at 1,000 events, concurrency 4, zero errors",
            c.requestsPerSecond() >= 150 && c.errors() == 0, String.format(Locale.ROOT, "%.0f req/s, %d errors", c.requestsPerSecond(), c.errors())));
      }
      if (c.history() == 10000 && c.concurrency() == 1) {
        sb.append(target("p99 ≤ 30 ms at 10,000 events, concurrency 1", c.p99Ms() <= 30, ms(c.p99Ms())));
      }
    }
    for (Burst b : r.bursts()) {
      Cell quiet = r.scoring().stream().filter(q -> q.history() == b.history() && q.candidates() == b.candidates() && q.concurrency() == 1)
          .findFirst().orElse(null);
      if (quiet != null) {
        sb.append(target(String.format(Locale.ROOT, "issue 20: bursts of %d at %,d events, every answer 200 or 503 and the 200s' p99 "
            + "under 10x the quiet p99 (%.1f ms)", b.clients(), b.history(), quiet.p99Ms()),
            b.errors() == 0 && b.ok() > 0 && b.p99Ms() < 10 * quiet.p99Ms(), String.format(Locale.ROOT,
            "%,d x 200, %,d x 503, %d errors; p50 %.1f ms, p99 %.1f ms = %.1fx", b.ok(), b.shed(), b.errors(), b.p50Ms(),
            b.p99Ms(), b.p99Ms() / quiet.p99Ms())));
      }
    }
    for (Ingest i : r.ingestion()) {
      if (i.batch() == 100) {
        sb.append(target("ingestion ≥ 20,000 events/s in batches of 100 (history " + i.history() + ")", i.eventsPerSecond() >= 20_000,
            String.format(Locale.ROOT, "%,.0f events/s", i.eventsPerSecond())));
      }
    }
    return sb.toString();
  }

  private static String ms(double v) { return String.format(Locale.ROOT, "%.1f ms", v); }

  private static String target(String what, boolean met, String got) {
    return "- " + what + ": " + (met ? "met" : "**missed**") + " (" + got + ")\n";
  }
}
