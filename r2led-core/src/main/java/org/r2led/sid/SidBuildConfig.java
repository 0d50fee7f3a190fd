package org.r2led.sid;

import java.nio.file.Path;

/**
 * Parameters of {@link SidBuilder#build}.
 *
 * @param encoder {@code text}, {@code cooccurrence}, {@code file:PATH}, or null = text when every item
 *     has text, cooccurrence when none has
 * @param quantizer {@code rqkmeans} or {@code rqvae}
 * @param levels semantic levels, 1..4 (the disambiguation suffix is added on top)
 * @param codebookSize codes per semantic level, or null for {@link org.r2led.sid.quant.CodebookSizes#defaultSize}
 * @param seed seed of every random choice
 * @param cacheDir text-embedding cache directory, or null for {@code OUT/embedding-cache}
 * @param threads worker threads (0 = all processors)
 * @param saveEmbeddings also write the content vectors ({@code embeddings.f32})
 */
public record SidBuildConfig(String encoder, String quantizer, int levels, Integer codebookSize, long seed,
    Path cacheDir, int threads, boolean saveEmbeddings) {

  public SidBuildConfig {
    if (levels < 1 || levels > 4) {
      throw new IllegalArgumentException("levels must be 1..4 (SID prefixes are packed 16 bits per level), got " + levels);
    }
    if (quantizer == null) quantizer = "rqkmeans";
    if (!quantizer.equals("rqkmeans") && !quantizer.equals("rqvae")) {
      throw new IllegalArgumentException("unknown quantizer '" + quantizer + "'; expected rqkmeans or rqvae");
    }
    if (encoder != null && !encoder.equals("text") && !encoder.equals("cooccurrence") && !encoder.startsWith("file:")) {
      throw new IllegalArgumentException("unknown encoder '" + encoder + "'; expected text, cooccurrence or file:PATH");
    }
    if (encoder != null && encoder.equals("file:")) throw new IllegalArgumentException("encoder file: needs a path (file:PATH)");
  }

  /** Defaults: automatic encoder, RQ-KMeans, 3 levels, default codebook size, seed 42. */
  public static SidBuildConfig defaults() {
    return new SidBuildConfig(null, "rqkmeans", 3, null, 42, null, 0, false);
  }

  public SidBuildConfig withEncoder(String e) {
    return new SidBuildConfig(e, quantizer, levels, codebookSize, seed, cacheDir, threads, saveEmbeddings);
  }

  public SidBuildConfig withQuantizer(String q) {
    return new SidBuildConfig(encoder, q, levels, codebookSize, seed, cacheDir, threads, saveEmbeddings);
  }

  public SidBuildConfig withLevels(int l) {
    return new SidBuildConfig(encoder, quantizer, l, codebookSize, seed, cacheDir, threads, saveEmbeddings);
  }

  public SidBuildConfig withCodebookSize(Integer k) {
    return new SidBuildConfig(encoder, quantizer, levels, k, seed, cacheDir, threads, saveEmbeddings);
  }

  public SidBuildConfig withSeed(long s) {
    return new SidBuildConfig(encoder, quantizer, levels, codebookSize, s, cacheDir, threads, saveEmbeddings);
  }

  public SidBuildConfig withCacheDir(Path c) {
    return new SidBuildConfig(encoder, quantizer, levels, codebookSize, seed, c, threads, saveEmbeddings);
  }

  public SidBuildConfig withThreads(int t) {
    return new SidBuildConfig(encoder, quantizer, levels, codebookSize, seed, cacheDir, t, saveEmbeddings);
  }

  public SidBuildConfig withSaveEmbeddings(boolean b) {
    return new SidBuildConfig(encoder, quantizer, levels, codebookSize, seed, cacheDir, threads, b);
  }
}
