package org.r2led.sid;

import static org.r2led.config.ConfigKey.bool;
import static org.r2led.config.ConfigKey.choice;
import static org.r2led.config.ConfigKey.intList;
import static org.r2led.config.ConfigKey.integer;
import static org.r2led.config.ConfigKey.longInteger;

import java.nio.file.Path;
import java.util.List;
import org.r2led.config.Config;
import org.r2led.config.ConfigKey;
import org.r2led.config.KeySet;
import org.r2led.sid.quant.CodebookSizes;

/**
 * The settings of {@link SidBuilder#build}: a {@link Config} over {@link #KEYS} (each value checked by
 * its key) whose encoder and codebook sizes are also checked together with the levels. Immutable.
 */
public final class SidBuildConfig {
  /** The automatic encoder: text when every item has text, cooccurrence when none has. */
  public static final String AUTO = ConfigKey.AUTO;

  public static final ConfigKey<String> ENCODER = choice("encoder", AUTO,
      "content vectors: text, cooccurrence, file:PATH, or auto (text when every item has text, cooccurrence when none has)");
  public static final ConfigKey<String> QUANTIZER = choice("quantizer", "rqkmeans", "residual quantizer", "rqkmeans", "rqvae");
  public static final ConfigKey<Integer> LEVELS = integer("levels", 3, 1, 4,
      "semantic levels (SID prefixes are packed 16 bits per level; the disambiguation suffix is added on top)");
  public static final ConfigKey<List<Integer>> CODEBOOK_SIZE = intList("codebook_size", List.of(), 1, CodebookSizes.MAX_SIZE,
      "codes per semantic level: one value for every level or one per level; [] = 2^round(log2(sqrt(items))) clamped to 4..256");
  public static final ConfigKey<Long> SEED = longInteger("seed", 42L, Long.MIN_VALUE, Long.MAX_VALUE, "seed of every random choice");
  public static final ConfigKey<String> CACHE_DIR = choice("cache_dir", "",
      "text-embedding cache directory (empty: embedding-cache in the output directory)");
  public static final ConfigKey<Integer> THREADS = integer("threads", 0, 0, Integer.MAX_VALUE, "worker threads (0 = all processors)");
  public static final ConfigKey<Boolean> SAVE_EMBEDDINGS = bool("save_embeddings", false,
      "also write the content vectors (" + SidBuilder.EMBEDDINGS_FILE + ")");

  /** Every key of a SID build. */
  public static final KeySet KEYS = KeySet.of(ENCODER, QUANTIZER, LEVELS, CODEBOOK_SIZE, SEED, CACHE_DIR, THREADS, SAVE_EMBEDDINGS);

  private final Config config;

  private SidBuildConfig(Config config) {
    this.config = config;
    String enc = config.get(ENCODER);
    if (!enc.equals(AUTO) && !enc.equals("text") && !enc.equals("cooccurrence") && !(enc.startsWith("file:") && enc.length() > 5)) {
      throw config.invalid(ENCODER, "text, cooccurrence, file:PATH (with a path) or " + AUTO);
    }
    int n = config.get(CODEBOOK_SIZE).size();
    if (n > 1 && n != config.get(LEVELS)) {
      throw config.invalid(CODEBOOK_SIZE, "one codebook size for all levels or one per level (levels = " + config.get(LEVELS)
          + ", " + config.origin(LEVELS.name()) + ")");
    }
  }

  /** Validates a configuration over {@link #KEYS}. */
  public static SidBuildConfig of(Config config) { return new SidBuildConfig(config); }

  /** Defaults: automatic encoder, RQ-KMeans, 3 levels, default codebook size, seed 42. */
  public static SidBuildConfig defaults() { return of(Config.defaults(KEYS)); }

  /** A copy with one key changed (validated; {@code origin} is named in errors). */
  public <T> SidBuildConfig with(ConfigKey<T> key, T value, String origin) {
    return of(config.with(key.name(), value, origin));
  }

  /** A copy with one key changed (validated). */
  public <T> SidBuildConfig with(ConfigKey<T> key, T value) { return with(key, value, "override"); }

  /** The underlying configuration (values with their origins). */
  public Config config() { return config; }

  /** {@code text}, {@code cooccurrence}, {@code file:PATH}, or null for the automatic choice. */
  public String encoder() {
    String e = config.get(ENCODER);
    return e.equals(AUTO) ? null : e;
  }

  /** {@code rqkmeans} or {@code rqvae}. */
  public String quantizer() { return config.get(QUANTIZER); }

  /** Semantic levels, 1..4. */
  public int levels() { return config.get(LEVELS); }

  /** Codes per semantic level (one value or one per level), or null for {@link CodebookSizes#defaultSize}. */
  public List<Integer> codebookSizes() {
    List<Integer> k = config.get(CODEBOOK_SIZE);
    return k.isEmpty() ? null : k;
  }

  public long seed() { return config.get(SEED); }

  /** The text-embedding cache directory, or null for {@code OUT/embedding-cache}. */
  public Path cacheDir() {
    String c = config.get(CACHE_DIR);
    return c.isEmpty() ? null : Path.of(c);
  }

  /** Worker threads (0 = all processors). */
  public int threads() { return config.get(THREADS); }

  /** Whether to also write the content vectors. */
  public boolean saveEmbeddings() { return config.get(SAVE_EMBEDDINGS); }

  @Override
  public String toString() { return "SidBuildConfig" + config; }
}
