package org.r2led.sid;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.r2led.data.export.ItemCodes;
import org.r2led.io.Columns;
import org.r2led.io.Json;
import org.r2led.io.StagedDir;

/**
 * Frozen Semantic-ID table aligned with a prepared dataset's dense item ids.
 *
 * <p>Item {@code i} (1..numItems) has codes {@code code(i, 0..levels-1)}; codes of level {@code l} are in
 * {@code 1..codebookSize(l)} and 0 is reserved for the padding item 0. The first
 * {@link #semanticLevels()} levels come from the quantizer (coarse to fine); the remaining level, if
 * any, is the disambiguation suffix that makes SID → item unique. Retrieval routes use only semantic
 * levels.
 *
 * <p>On disk (directory): {@code sid.json} ({@link Meta}) and {@code codes.i32} (row-major
 * {@code (numItems+1) × levels}).
 */
public final class SidTable implements ItemCodes {
  public static final String META_FILE = "sid.json";
  public static final String CODES_FILE = "codes.i32";

  /**
   * The output kind of {@code sid build}: replaced only when it carries the SID marker or (written
   * before markers existed) holds {@code sid.json} and nothing but SID build outputs.
   */
  public static final StagedDir.Kind KIND = new StagedDir.Kind("sids", dir -> {
    if (!Files.isRegularFile(dir.resolve(META_FILE))) return false;
    java.util.Set<String> known = java.util.Set.of(META_FILE, CODES_FILE, CodebookFiles.DIR, SidReport.JSON_FILE,
        SidReport.MD_FILE, SidBuilder.EMBEDDINGS_FILE, SidBuilder.CACHE_DIR, StagedDir.MARKER);
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.allMatch(p -> known.contains(p.getFileName().toString()));
    } catch (java.io.IOException e) {
      return false;
    }
  });

  /**
   * Metadata of a SID table.
   *
   * @param datasetFingerprint {@link org.r2led.data.Manifest#fingerprint()} of the dataset the SIDs belong to
   * @param numItems number of real items (ids 1..numItems)
   * @param codebookSizes codes per level (excluding the padding code 0), semantic levels first
   * @param semanticLevels number of quantizer levels; level {@code semanticLevels} (if present) is the suffix
   * @param encoder content-embedding source (e.g. {@code text:bge-small-en-v1.5}, {@code cooccurrence})
   * @param quantizer quantizer name and parameters (e.g. {@code rqkmeans})
   * @param extra anything else worth recording (seed, dimensions, ...)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Meta(String datasetFingerprint, int numItems, int[] codebookSizes, int semanticLevels,
      String encoder, String quantizer, Map<String, Object> extra) {}

  private final Meta meta;
  private final int levels;
  private final int[] codes;

  /** Builds a table; {@code codes} is row-major {@code (numItems+1) × levels} and is copied. */
  public SidTable(Meta meta, int[] codes) {
    this.meta = meta;
    this.levels = meta.codebookSizes().length;
    if (meta.semanticLevels() < 1 || meta.semanticLevels() > levels) {
      throw new IllegalArgumentException("semanticLevels " + meta.semanticLevels() + " must be in 1.." + levels);
    }
    if (codes.length != (meta.numItems() + 1) * levels) {
      throw new IllegalArgumentException("codes has " + codes.length + " entries; expected (numItems+1)*levels = "
          + (meta.numItems() + 1) * levels);
    }
    for (int l = 0; l < levels; l++) {
      if (codes[l] != 0) throw new IllegalArgumentException("padding item 0 must have code 0 at level " + l);
      for (int i = 1; i <= meta.numItems(); i++) {
        int c = codes[i * levels + l];
        if (c < 1 || c > meta.codebookSizes()[l]) {
          throw new IllegalArgumentException("item " + i + " level " + l + " has code " + c + "; expected 1.."
              + meta.codebookSizes()[l]);
        }
      }
    }
    this.codes = codes.clone();
  }

  public Meta meta() { return meta; }

  /** Fingerprint of the prepared dataset this table was built for. */
  @Override
  public String datasetFingerprint() { return meta.datasetFingerprint(); }

  public int numItems() { return meta.numItems(); }

  /** Total levels including the disambiguation suffix. */
  public int levels() { return levels; }

  /** Levels produced by the quantizer (used by retrieval routes). */
  public int semanticLevels() { return meta.semanticLevels(); }

  /** Number of real codes at level {@code l} (codes are 1..size; 0 = padding). */
  public int codebookSize(int level) { return meta.codebookSizes()[level]; }

  /** Code of item {@code item} at level {@code level}. */
  public int code(int item, int level) { return codes[item * levels + level]; }

  /** A copy of one item's codes. */
  public int[] codes(int item) { return Arrays.copyOfRange(codes, item * levels, (item + 1) * levels); }

  /** A copy of the whole row-major code matrix. */
  public int[] codeMatrix() { return codes.clone(); }

  /**
   * A 64-bit key of the item's SID prefix of length {@code len} (1..semanticLevels): two items have
   * equal keys iff their first {@code len} codes are equal (codes packed in 16 bits each; at most 4
   * levels).
   */
  public long prefixKey(int item, int len) { return prefixKey(codes, item, levels, len); }

  /** {@link #prefixKey(int, int)} of a row-major {@code (items+1) × levels} code matrix. */
  public static long prefixKey(int[] codes, int item, int levels, int len) {
    long key = 0;
    int base = item * levels;
    for (int l = 0; l < len; l++) key = (key << 16) | codes[base + l];
    return key;
  }

  public void save(Path dir) {
    Columns.writeInts(dir.resolve(CODES_FILE), codes);
    Json.write(dir.resolve(META_FILE), meta);
  }

  /** Loads the table in {@code dir} (after {@link StagedDir#settle}: a half-done swap is completed or undone). */
  public static SidTable load(Path dir) {
    StagedDir.settle(dir);
    Path m = dir.resolve(META_FILE);
    if (!Files.isRegularFile(m)) {
      throw new IllegalArgumentException("not a SID directory: " + dir + " has no " + META_FILE
          + " (create one with `r2led sid build`)");
    }
    Meta meta = Json.read(m, Meta.class);
    return new SidTable(meta, Columns.readInts(dir.resolve(CODES_FILE)));
  }

  /** Loads and checks that the table was built for the dataset with {@code datasetFingerprint}. */
  public static SidTable load(Path dir, String datasetFingerprint) {
    SidTable t = load(dir);
    if (!t.meta.datasetFingerprint().equals(datasetFingerprint)) {
      throw new IllegalArgumentException("SIDs in " + dir + " were built for dataset fingerprint "
          + t.meta.datasetFingerprint() + " but the dataset given has fingerprint " + datasetFingerprint
          + " (rebuild them with `r2led sid build --data <that dataset>`)");
    }
    return t;
  }
}
