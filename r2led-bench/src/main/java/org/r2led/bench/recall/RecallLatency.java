package org.r2led.bench.recall;

import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.UserSequence;
import org.r2led.nn.Profile;
import org.r2led.recall.RecallEvaluation;
import org.r2led.recall.Retriever;

/**
 * Retrieval latency for a long history: the dataset's longest positive sequence, repeated until it
 * has {@code historyLength} entries, is retrieved {@code reps} times (after {@code warmup} untimed
 * calls and one full garbage collection, so that the search indexes built at load are settled in the old
 * generation as in a long-running service) on the calling thread.
 *
 * @param historyLength behaviors in the measured history
 * @param n candidates retrieved
 * @param p50Millis median latency
 * @param p99Millis 99th-percentile latency
 * @param meanMillis mean latency
 * @param cpuP50Millis median CPU time of the calling thread (with one PyTorch thread every op runs on it, so
 *     this is the latency on an otherwise idle core)
 * @param cpuP99Millis 99th-percentile CPU time of the calling thread
 * @param phaseP50Millis when profiled: the median wall time per {@link Profile} section of a request (the
 *     retriever's phases and the blocks inside them), from {@code reps} further requests after the timed
 *     ones; empty otherwise
 * @param phaseP99Millis the same sections' 99th percentiles
 */
public record RecallLatency(int historyLength, int n, double p50Millis, double p99Millis, double meanMillis,
    double cpuP50Millis, double cpuP99Millis, Map<String, Double> phaseP50Millis, Map<String, Double> phaseP99Millis) {
  public RecallLatency {
    phaseP50Millis = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phaseP50Millis));
    phaseP99Millis = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phaseP99Millis));
  }

  /** Measures {@code r} on a history of {@code historyLength} behaviors built from {@code data}. */
  public static RecallLatency measure(Retriever r, NextItemData data, int historyLength, int n, int warmup, int reps) {
    return measure(r, data, historyLength, n, warmup, reps, false);
  }

  /** As {@link #measure(Retriever, NextItemData, int, int, int, int)}, with a phase breakdown when {@code profile}. */
  public static RecallLatency measure(Retriever r, NextItemData data, int historyLength, int n, int warmup, int reps,
      boolean profile) {
    UserSequence longest = data.sequences().stream().max(java.util.Comparator.comparingInt(UserSequence::length))
        .orElseThrow(() -> new IllegalArgumentException("dataset " + data.source() + " has no users"));
    if (longest.length() == 0) throw new IllegalArgumentException("dataset " + data.source() + " has no positives");
    int[] items = new int[historyLength];
    int[] cats = new int[historyLength];
    for (int k = 0; k < historyLength; k++) {
      items[k] = longest.item(k % longest.length());
      cats[k] = longest.category(k % longest.length());
    }
    for (int k = 0; k < warmup; k++) r.retrieve(items, cats, n);
    settleHeap(() -> r.retrieve(items, cats, n), 20 * Math.max(warmup, reps));
    long[] t = new long[reps];
    long[] cpu = new long[reps];
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int k = 0; k < reps; k++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      r.retrieve(items, cats, n);
      t[k] = System.nanoTime() - t0;
      cpu[k] = mx.getCurrentThreadCpuTime() - c0;
    }
    Map<String, long[]> phases = profile ? phases(r, items, cats, n, reps) : Map.of();
    return new RecallLatency(historyLength, n, RecallEvaluation.percentile(t, 0.5) / 1e6,
        RecallEvaluation.percentile(t, 0.99) / 1e6, RecallEvaluation.mean(t) / 1e6,
        RecallEvaluation.percentile(cpu, 0.5) / 1e6, RecallEvaluation.percentile(cpu, 0.99) / 1e6, percentiles(phases, 0.5), percentiles(phases, 0.99));
  }

  /**
   * Brings the heap to the state of a long-running service before timing. The indexes built at load are
   * still young objects that every young collection copies again (10-16 ms pauses measured), so one full
   * collection moves them to the old generation. That collection also shrinks the heap, and the pages
   * the young generation then grows back into are faulted in on first touch (measured: thread CPU p99
   * 11 ms against 4 ms with a pre-touched heap), so requests continue until {@value #SETTLE_YOUNG_GCS}
   * young collections have run (at most {@value #SETTLE_MAX_MILLIS} ms or {@code maxRequests}).
   */
  static void settleHeap(Runnable request, int maxRequests) {
    System.gc();
    long start = youngCollections();
    long deadline = System.nanoTime() + SETTLE_MAX_MILLIS * 1_000_000L;
    for (int k = 0; k < maxRequests && youngCollections() - start < SETTLE_YOUNG_GCS && System.nanoTime() < deadline; k++) {
      request.run();
    }
  }

  private static final int SETTLE_YOUNG_GCS = 3;
  private static final long SETTLE_MAX_MILLIS = 15_000;

  /** Collections by the collectors that are not the full/old one (G1 Young Generation, etc.). */
  private static long youngCollections() {
    long n = 0;
    for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      String name = gc.getName();
      if (!name.contains("Old") && !name.contains("MarkSweep") && !name.contains("Concurrent")) n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  /** Per-request nanoseconds of each profile section over {@code reps} profiled requests, in first-seen order. */
  private static Map<String, long[]> phases(Retriever r, int[] items, int[] cats, int n, int reps) {
    Map<String, long[]> nanos = new LinkedHashMap<>();
    Profile.perCall(reps, "request", () -> r.retrieve(items, cats, n)).forEach((k, ms) -> {
      long[] v = new long[ms.length];
      for (int c = 0; c < ms.length; c++) v[c] = Math.round(ms[c] * 1e6);
      nanos.put(k, v);
    });
    return nanos;
  }

  private static Map<String, Double> percentiles(Map<String, long[]> nanos, double q) {
    Map<String, Double> out = new LinkedHashMap<>();
    nanos.forEach((k, v) -> out.put(k, RecallEvaluation.percentile(v, q) / 1e6));
    return out;
  }
}
