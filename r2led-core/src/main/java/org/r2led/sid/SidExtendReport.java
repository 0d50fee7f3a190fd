package org.r2led.sid;

import java.nio.file.Path;
import java.util.Locale;
import org.r2led.io.Json;

/**
 * What {@code sid extend} did ({@code extend.json}, rendered as {@code extend.md}).
 *
 * @param from the SID directory extended
 * @param fromFingerprint fingerprint of the dataset those SIDs belong to
 * @param dataset the new dataset's directory
 * @param datasetFingerprint the new dataset's fingerprint (the extended table's)
 * @param items items of the new dataset
 * @param kept items found in {@code from} by raw id, with their codes unchanged
 * @param added items new to {@code from}: {@code assigned + fallback}
 * @param assigned new items coded from their vectors with the saved codebooks
 * @param fallback new items without a vector, given their category's most common semantic code
 * @param collisions new items whose semantic code was already taken (suffix above 1)
 * @param dropped items of {@code from} absent from the new dataset (their codes are not reused)
 * @param vectors the vector source of new items
 * @param suffixSize the suffix level's codebook size after extension
 * @param seconds wall time
 */
public record SidExtendReport(String from, String fromFingerprint, String dataset, String datasetFingerprint, int items, int kept,
    int added, int assigned, int fallback, int collisions, int dropped, String vectors, int suffixSize, double seconds) {
  public static final String JSON_FILE = "extend.json";
  public static final String MD_FILE = "extend.md";

  /** The fallback rule, as the report states it. */
  public static final String FALLBACK_RULE = "an item without a vector gets the full semantic code most common among the known"
      + " items of its first category (ties: the smallest code); without a category, or with no known item in it, the one most"
      + " common among all known items";

  public void write(Path dir) { SidReport.write(dir, JSON_FILE, this, MD_FILE, toMarkdown()); }

  public static SidExtendReport read(Path dir) { return Json.read(dir.resolve(JSON_FILE), SidExtendReport.class); }

  /** Human-readable Markdown version. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder("# Semantic ID extension\n\n");
    sb.append("- From: `").append(from).append("` (dataset fingerprint `").append(short12(fromFingerprint)).append("`)\n");
    sb.append("- Dataset: `").append(dataset).append("` (").append(items).append(" items, fingerprint `")
        .append(short12(datasetFingerprint)).append("`)\n");
    sb.append("- Vectors of new items: `").append(vectors).append("`\n\n");
    sb.append("| items | kept | new | from vectors | fallback | collisions | dropped | suffix size |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d |%n", items, kept, added, assigned, fallback,
        collisions, dropped, suffixSize));
    sb.append("\nKept items have their codes unchanged. New items: nearest codeword per level on the residual with the saved"
        + " codebooks, then the next free suffix of their semantic code (collisions: the code was already taken). Fallback: "
        + FALLBACK_RULE + ".\n");
    sb.append(String.format(Locale.ROOT, "%nTime: %.3f s%n", seconds));
    return sb.toString();
  }

  private static String short12(String s) { return s.substring(0, Math.min(12, s.length())); }
}
