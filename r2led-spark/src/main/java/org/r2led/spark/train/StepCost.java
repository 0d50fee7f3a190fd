package org.r2led.spark.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.util.Locale;

/**
 * Where one barrier task's training steps spent their time and what they exchanged, summed over steps:
 * gradient computation (forward + backward + encoding), the all-gather (waiting for the slowest task
 * included), decoding + merging every part, the optimizer update; bytes this task sent and received
 * (Base64 characters), the dense floats and sparse rows of its own shard and the sparse rows of the
 * merged update.
 */
final class StepCost {
  private long steps;
  private long computeNanos;
  private long exchangeNanos;
  private long mergeNanos;
  private long applyNanos;
  private long sentBytes;
  private long receivedBytes;
  private long denseFloats;
  private long sparseRows;
  private long mergedSparseRows;

  void add(long compute, long exchange, long merge, long apply, int rawBytes, byte[][] received, long dense, long rows, long mergedRows) {
    steps++;
    computeNanos += compute;
    exchangeNanos += exchange;
    mergeNanos += merge;
    applyNanos += apply;
    sentBytes += base64(rawBytes);
    for (byte[] r : received) receivedBytes += base64(r.length);
    denseFloats += dense;
    sparseRows += rows;
    mergedSparseRows += mergedRows;
  }

  private static long base64(long bytes) { return 4 * ((bytes + 2) / 3); }

  /** Forgets the steps so far (e.g. warm-up steps of a benchmark). */
  void reset() {
    steps = computeNanos = exchangeNanos = mergeNanos = applyNanos = sentBytes = receivedBytes = 0;
    denseFloats = sparseRows = mergedSparseRows = 0;
  }

  /** The sums so far, per step. */
  Summary summary() {
    double n = Math.max(1, steps);
    return new Summary(steps, computeNanos / 1e9, exchangeNanos / 1e9, mergeNanos / 1e9, applyNanos / 1e9, sentBytes / n,
        receivedBytes / n, denseFloats / n, sparseRows / n, mergedSparseRows / n);
  }

  /**
   * Per-step averages over {@code steps} steps (seconds are totals).
   *
   * @param sentBytesPerStep Base64 characters this task put into the all-gather per step
   * @param receivedBytesPerStep Base64 characters it got back (all tasks' messages) per step
   * @param denseFloatsPerStep dense gradient floats of this task's shard per step
   * @param sparseRowsPerStep embedding rows of this task's shard per step
   * @param mergedSparseRowsPerStep embedding rows of the merged update per step
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Summary(long steps, double computeSeconds, double exchangeSeconds, double mergeSeconds, double applySeconds,
      double sentBytesPerStep, double receivedBytesPerStep, double denseFloatsPerStep, double sparseRowsPerStep,
      double mergedSparseRowsPerStep) implements Serializable {
    /** One line: per-step milliseconds by phase and the exchange volume. */
    String describe() {
      double n = Math.max(1, steps);
      return String.format(Locale.ROOT, "%d steps, per step: compute %.1f ms, all-gather %.1f ms, merge %.1f ms, update %.1f ms;"
          + " sent %.0f B (%.0f dense floats, %.0f sparse rows), received %.0f B; merged update %.0f sparse rows", steps,
          1e3 * computeSeconds / n, 1e3 * exchangeSeconds / n, 1e3 * mergeSeconds / n, 1e3 * applySeconds / n, sentBytesPerStep,
          denseFloatsPerStep, sparseRowsPerStep, receivedBytesPerStep, mergedSparseRowsPerStep);
    }
  }
}
