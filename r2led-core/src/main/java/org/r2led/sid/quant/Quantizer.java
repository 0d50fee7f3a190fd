package org.r2led.sid.quant;

import java.util.function.Consumer;

/**
 * Maps vectors to residual code sequences: one code per level, coarse to fine. Implementations are
 * configured at construction (codebook sizes, seed, ...) and deterministic for a seed.
 */
public interface Quantizer {
  /** Short name with parameters for reports, e.g. {@code rqkmeans(K=[128,128,128],seed=1)}. */
  String describe();

  /**
   * Quantizes the {@code n} rows of {@code x} (row-major {@code n × dim}, not modified).
   *
   * @param log receives one-line progress messages (may be null)
   * @throws IllegalArgumentException when a level has more codes than there are rows
   */
  Quantization quantize(float[] x, int n, int dim, Consumer<String> log);
}
