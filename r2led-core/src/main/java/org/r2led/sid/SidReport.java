package org.r2led.sid;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.r2led.io.Json;

/**
 * The SID build report ({@code report.json}, rendered as {@code report.md}).
 *
 * @param dataset dataset directory
 * @param datasetFingerprint the dataset's manifest fingerprint
 * @param datasetSource reader that produced the dataset (movielens, taobao, synthetic, ...)
 * @param items number of items
 * @param encoder content-embedding source
 * @param encoderDetails how the vectors were made (model, dims, cache hits, co-occurrence settings)
 * @param embeddingDim content-vector dimension
 * @param quantizer quantizer with parameters
 * @param quantizerDetails per-level iterations, losses, ...
 * @param mseByLevels mean squared reconstruction error with 0..L levels (see {@link org.r2led.sid.quant.Quantization})
 * @param quality usage, collisions, purity
 * @param seconds wall time per stage
 */
public record SidReport(String dataset, String datasetFingerprint, String datasetSource, int items, String encoder,
    Map<String, Object> encoderDetails, int embeddingDim, String quantizer, Map<String, Object> quantizerDetails,
    double[] mseByLevels, SidQuality quality, Map<String, Double> seconds) {

  /** Maps are kept sorted by key, as in the JSON file, so report.md reads the same before and after a round trip. */
  public SidReport {
    encoderDetails = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(encoderDetails));
    quantizerDetails = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(quantizerDetails));
    seconds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(seconds));
  }

  public static final String JSON_FILE = "report.json";
  public static final String MD_FILE = "report.md";

  public void write(Path dir) { write(dir, JSON_FILE, this, MD_FILE, toMarkdown()); }

  /** Writes {@code report} as JSON to {@code dir/jsonFile} and {@code markdown} to {@code dir/mdFile}. */
  static void write(Path dir, String jsonFile, Object report, String mdFile, String markdown) {
    Json.write(dir.resolve(jsonFile), report);
    try {
      org.r2led.io.AtomicFiles.write(dir.resolve(mdFile), markdown.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + dir.resolve(mdFile), e);
    }
  }

  public static SidReport read(Path dir) {
    return Json.read(dir.resolve(JSON_FILE), SidReport.class);
  }

  /** Human-readable Markdown version. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Semantic ID report\n\n");
    sb.append("- Dataset: `").append(dataset).append("` (source ").append(datasetSource).append(", ")
        .append(items).append(" items, fingerprint `").append(datasetFingerprint, 0, Math.min(12, datasetFingerprint.length()))
        .append("`)\n");
    sb.append("- Encoder: `").append(encoder).append("`, ").append(embeddingDim).append("-d vectors");
    if (encoderDetails.containsKey("method")) sb.append(" — ").append(encoderDetails.get("method"));
    sb.append("\n");
    sb.append("  - details: ").append(inline(encoderDetails)).append("\n");
    sb.append("- Quantizer: `").append(quantizer).append("`\n");
    sb.append("- Reconstruction MSE by levels used (0 = none):");
    for (int l = 0; l < mseByLevels.length; l++) sb.append(String.format(Locale.ROOT, " %d: %.5f", l, mseByLevels[l]));
    sb.append("\n");
    sb.append("- Time: ").append(inline(seconds)).append(" (seconds)\n\n");

    sb.append("## Codebook usage per level\n\n");
    sb.append("| level | kind | K | used | utilization | perplexity | distinct prefixes |\n|---|---|---|---|---|---|---|\n");
    for (SidQuality.LevelRow r : quality.levels()) {
      sb.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %.3f | %.1f | %d |\n", r.level(), r.kind(),
          r.codebookSize(), r.usedCodes(), r.utilization(), r.perplexity(), r.distinctPrefixes()));
    }
    SidQuality.Collisions c = quality.collisions();
    sb.append("\nPerplexity = exp(entropy of code usage); K codes used uniformly give perplexity K.\n\n");
    sb.append("## Collisions (before the disambiguation suffix)\n\n");
    sb.append(String.format(Locale.ROOT, "- distinct full semantic codes: %d for %d items%n", c.distinctSemanticCodes(), c.items()));
    sb.append(String.format(Locale.ROOT, "- collision rate (1 - distinct/items): %.4f%n", c.collisionRate()));
    sb.append(String.format(Locale.ROOT, "- items sharing their semantic code: %d (%.2f%%)%n", c.itemsInCollidingCodes(),
        100.0 * c.itemsInCollidingCodes() / Math.max(1, c.items())));
    sb.append(String.format(Locale.ROOT, "- max items per semantic code: %d (= suffix codebook size)%n", c.maxItemsPerCode()));
    sb.append("- SID → item unique with the suffix: ").append(c.uniqueWithSuffix() ? "yes" : "NO").append("\n\n");

    if (!quality.purity().isEmpty()) {
      sb.append("## Purity of code prefixes against known labels\n\n");
      sb.append("Purity: share of (labelled) items that carry their code's most common label (for multi-label\n"
          + "genres: the genre most items in the code carry). Random: the same code sizes with items assigned\n"
          + "at random (mean of " + SidQuality.RANDOM_REPEATS + " seeds). NMI uses each item's first label.\n\n");
      sb.append("| labels | prefix | groups | purity | random purity | NMI | random NMI |\n|---|---|---|---|---|---|---|\n");
      for (SidQuality.PurityRow p : quality.purity()) {
        sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.4f | %.4f | %.4f | %.4f |\n", p.labels(),
            p.prefixLength(), p.groups(), p.purity(), p.randomPurity(), p.nmi(), p.randomNmi()));
      }
    }
    return sb.toString();
  }

  private static String inline(Map<String, ?> m) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, ?> e : m.entrySet()) {
      if (e.getKey().equals("method") || e.getKey().equals("levels")) continue;
      if (sb.length() > 0) sb.append(", ");
      Object v = e.getValue();
      sb.append(e.getKey()).append('=').append(v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v);
    }
    return sb.toString();
  }
}
