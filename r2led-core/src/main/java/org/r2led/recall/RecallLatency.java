package org.r2led.recall;

import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.UserSequence;

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
 */
public record RecallLatency(int historyLength, int n, double p50Millis, double p99Millis, double meanMillis,
    double cpuP50Millis, double cpuP99Millis) {
  /** Measures {@code r} on a history of {@code historyLength} behaviors built from {@code data}. */
  public static RecallLatency measure(Retriever r, NextItemData data, int historyLength, int n, int warmup, int reps) {
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
    // the indexes built at load are still young objects that every young collection would copy again
    // (10-16 ms pauses measured): settle the heap once, as a long-running service's would be
    System.gc();
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
    return new RecallLatency(historyLength, n, RecallEvaluation.percentile(t, 0.5) / 1e6,
        RecallEvaluation.percentile(t, 0.99) / 1e6, RecallEvaluation.mean(t) / 1e6,
        RecallEvaluation.percentile(cpu, 0.5) / 1e6, RecallEvaluation.percentile(cpu, 0.99) / 1e6);
  }
}
