package org.r2led.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.r2led.io.Json;
import org.r2led.io.StagedDir;

/**
 * File names of the prepared dataset layout (docs/data-formats.md). All binary columns are little-endian.
 *
 * <pre>
 * manifest.json                     {@link Manifest}
 * items/category.i32                primary category per dense item id, length items+1 (index 0 = padding = 0)
 * items/categories.off.i64          CSR offsets of all categories per item, length items+2
 * items/categories.i32              CSR values (multi-label categories, e.g. MovieLens genres)
 * items/raw_id.txt                  line k (1-based) = source id of dense item k
 * items/text.txt                    line k (1-based) = item text (title, genres, tags), one line, may be empty
 * categories/raw_id.txt             line c (1-based) = source name of dense category c
 * users/raw_id.txt                  line u+1 = source id of dense user u (users are 0-based)
 * seq/offsets.i64                   length users+1; user u's events are [offsets[u], offsets[u+1])
 * seq/item.i32, seq/category.i32    per event, time-ordered within a user
 * seq/behavior.i8                   behavior-type code per event (1-based, see manifest.behaviors)
 * seq/ts.i64                        event time, Unix seconds
 * samples/SPLIT/user.i32            dense user
 * samples/SPLIT/pos.i32             history length: the history is the user's events [0, pos)
 * samples/SPLIT/item.i32            target item
 * samples/SPLIT/category.i32        target item's category
 * samples/SPLIT/label.i8            0 or 1
 * samples/SPLIT/ts.i64              target time, Unix seconds
 * samples/SPLIT/prob.f32            (synthetic only) true click probability
 * items/topic.i32                   (synthetic only) true leaf topic per item, length items+1
 * items/topic_top.i32               (synthetic only) true top-level topic per item
 * </pre>
 */
public final class DatasetLayout {
  private DatasetLayout() {}

  public static final int SCHEMA_VERSION = 1;
  public static final String MANIFEST = "manifest.json";

  public static final String ITEM_CATEGORY = "items/category.i32";
  public static final String ITEM_CATEGORIES_OFFSETS = "items/categories.off.i64";
  public static final String ITEM_CATEGORIES = "items/categories.i32";
  public static final String ITEM_RAW_IDS = "items/raw_id.txt";
  public static final String ITEM_TEXT = "items/text.txt";
  public static final String ITEM_TOPIC = "items/topic.i32";
  public static final String ITEM_TOPIC_TOP = "items/topic_top.i32";
  public static final String CATEGORY_RAW_IDS = "categories/raw_id.txt";
  public static final String USER_RAW_IDS = "users/raw_id.txt";

  public static final String SEQ_OFFSETS = "seq/offsets.i64";
  public static final String SEQ_ITEM = "seq/item.i32";
  public static final String SEQ_CATEGORY = "seq/category.i32";
  public static final String SEQ_BEHAVIOR = "seq/behavior.i8";
  public static final String SEQ_TS = "seq/ts.i64";

  public static final String SAMPLE_USER = "user.i32";
  public static final String SAMPLE_POS = "pos.i32";
  public static final String SAMPLE_ITEM = "item.i32";
  public static final String SAMPLE_CATEGORY = "category.i32";
  public static final String SAMPLE_LABEL = "label.i8";
  public static final String SAMPLE_TS = "ts.i64";
  public static final String SAMPLE_PROB = "prob.f32";

  /** Directory of one split's sample columns. */
  public static Path samplesDir(Path datasetDir, Split split) {
    return datasetDir.resolve("samples").resolve(split.id());
  }

  /** Top-level entries a prepared (or synthetic) dataset directory may hold. */
  public static final Set<String> TOP_LEVEL = Set.of(MANIFEST, "items", "categories", "users", "seq", "samples",
      "stats.json", "stats.md", "synth.json", "synth", StagedDir.MARKER);

  /**
   * The output kind of {@code data prepare} and {@code data synth}: a directory is replaced only when
   * it carries the dataset marker, or (written before markers existed) holds an r2led manifest and
   * nothing but layout entries.
   */
  public static final StagedDir.Kind KIND = new StagedDir.Kind("dataset", DatasetLayout::isUnmarkedDataset);

  private static boolean isUnmarkedDataset(Path dir) {
    Path m = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(m)) return false;
    try (Stream<Path> s = Files.list(dir)) {
      if (!s.allMatch(p -> TOP_LEVEL.contains(p.getFileName().toString()))) return false;
      Map<?, ?> json = Json.MAPPER.readValue(m.toFile(), Map.class);
      return json.containsKey("schemaVersion") && json.containsKey("source") && json.containsKey("counts");
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }
}
