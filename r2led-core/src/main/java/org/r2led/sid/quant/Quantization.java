package org.r2led.sid.quant;

import java.util.List;
import java.util.Map;

/**
 * Result of a {@link Quantizer}: codes per row and level, the codebooks and reconstruction errors.
 *
 * @param n rows quantized
 * @param codebookSizes codes per level
 * @param codes row-major {@code n × levels}; code of row {@code i} at level {@code l} is in {@code 0..codebookSizes[l]-1}
 * @param codebooks one per level, in the space named by {@code codebookSpace}
 * @param codebookSpace {@code input} (codewords live in the embedding space) or {@code latent} (RQ-VAE)
 * @param mseByLevels entry {@code l} = mean over rows of the squared reconstruction error using the first
 *     {@code l} levels (entry 0 = no codes, i.e. the mean squared norm of the input), length levels+1;
 *     for RQ-VAE measured in the input space through the decoder for {@code l >= 1}
 * @param details quantizer-specific facts (iterations, repairs, losses, ...)
 */
public record Quantization(int n, int[] codebookSizes, int[] codes, List<Codebook> codebooks, String codebookSpace,
    double[] mseByLevels, Map<String, Object> details) {

  /** One level's codebook: {@code size × dim} row-major vectors. */
  public record Codebook(int size, int dim, float[] vectors) {}

  public int levels() { return codebookSizes.length; }

  /** Code of row {@code i} at level {@code l} (0-based). */
  public int code(int i, int l) { return codes[i * codebookSizes.length + l]; }
}
