package org.r2led.data.synth;

import java.nio.file.Path;
import org.r2led.data.Manifest;
import org.r2led.data.Split;

/**
 * Outcome of {@link SyntheticGenerator#generate}: the dataset directory and its manifest.
 *
 * @param dir dataset directory
 * @param manifest the dataset's manifest (counts, protocol)
 * @param reused true when an existing dataset with identical settings was kept (no generation)
 * @param seconds wall-clock generation time (0 when reused)
 */
public record SynthSummary(Path dir, Manifest manifest, boolean reused, double seconds) {
  public long events() { return manifest.count("events"); }

  public long users() { return manifest.count("users"); }

  public long items() { return manifest.count("items"); }

  /** Samples over all splits. */
  public long samples() {
    long n = 0;
    for (Split s : Split.values()) n += manifest.count("samples_" + s.id());
    return n;
  }

  /** Fraction of samples with label 1 over all splits. */
  public double positiveRate() {
    long p = 0;
    for (Split s : Split.values()) p += manifest.count("positives_" + s.id());
    long n = samples();
    return n == 0 ? Double.NaN : (double) p / n;
  }

  /** Generation throughput (NaN when reused). */
  public double eventsPerSecond() { return seconds > 0 ? events() / seconds : Double.NaN; }
}
