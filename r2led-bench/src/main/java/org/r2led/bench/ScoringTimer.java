package org.r2led.bench;

import java.util.Arrays;
import org.r2led.model.CtrModel;
import org.r2led.model.SampleSource;

/**
 * Times scoring end to end as serving does it: {@code model.prepare(source)} (history windows,
 * retrieval, token batch) + {@code model.forward} in an evaluation step + sigmoid, copied back to
 * Java. Warm-up calls first, then timed repetitions until {@code maxRepeats} or the time budget
 * (at least {@code MIN_REPEATS}); the median is reported.
 */
public final class ScoringTimer {
  private ScoringTimer() {}

  static final int WARMUP = 3;
  static final int MIN_REPEATS = 3;
  /** Time budget of one measurement's timed repetitions (warm-up gets half of it). */
  static final long BUDGET_NANOS = 3_000_000_000L;

  /**
   * One measurement.
   *
   * @param medianNanos median time of one scoring call (all candidates)
   * @param minNanos fastest call
   * @param repeats timed calls
   * @param candidates targets per call
   */
  public record Timing(double medianNanos, double minNanos, int repeats, int candidates) {
    /** Median microseconds per target (call time / candidates). */
    public double microsPerTarget() { return medianNanos / 1000.0 / candidates; }
  }

  /** Probabilities of every candidate of {@code source}. */
  public static float[] score(CtrModel model, SampleSource source) {
    return model.probabilities(model.prepare(source));
  }

  /** Times scoring {@code source} with {@code model}: warm-up, then up to {@code maxRepeats} timed calls. */
  public static Timing time(CtrModel model, SampleSource source, int maxRepeats) {
    long warmStart = System.nanoTime();
    for (int i = 0; i < WARMUP && (i == 0 || System.nanoTime() - warmStart < BUDGET_NANOS / 2); i++) check(score(model, source), source);
    long[] t = new long[maxRepeats];
    int n = 0;
    long start = System.nanoTime();
    while (n < maxRepeats && (n < MIN_REPEATS || System.nanoTime() - start < BUDGET_NANOS)) {
      long t0 = System.nanoTime();
      float[] p = score(model, source);
      t[n++] = System.nanoTime() - t0;
      check(p, source);
    }
    long[] s = Arrays.copyOf(t, n);
    Arrays.sort(s);
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    return new Timing(median, s[0], n, source.size());
  }

  private static void check(float[] p, SampleSource source) {
    if (p.length != source.size()) throw new IllegalStateException("scored " + p.length + " of " + source.size() + " candidates");
    for (float x : p) if (!(x >= 0 && x <= 1)) throw new IllegalStateException("scoring produced a probability of " + x);
  }
}
