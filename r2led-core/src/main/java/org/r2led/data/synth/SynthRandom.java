package org.r2led.data.synth;

import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams derived from the master seed: one per purpose and
 * index (e.g. one per user), so a user's data does not depend on how many users precede it or on
 * the order of generation. Transcendental functions use {@link StrictMath} so that output is
 * bit-identical on every platform.
 */
final class SynthRandom {
  private SynthRandom() {}

  static final int TOPICS = 1;
  static final int ITEMS = 2;
  static final int LENGTH = 3;
  static final int USER = 4;
  static final int BIRTHS = 5;
  static final int DRIFT = 6;
  static final long YEAR_SECONDS = 365L * 24 * 3600;

  /** The stream for ({@code seed}, {@code purpose}, {@code index}). */
  static SplittableRandom stream(long seed, int purpose, long index) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L * (purpose + 1));
    h = mix(h + 0xBF58476D1CE4E5B9L * (index + 1));
    return new SplittableRandom(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Exponential draw with the given mean (0 when the mean is 0). */
  static double exponential(SplittableRandom rng, double mean) {
    return mean <= 0 ? 0 : -mean * StrictMath.log(1.0 - rng.nextDouble());
  }

  /** Standard normal draw (Box–Muller, one value per call). */
  static double gaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    double v = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
  }
}
