package org.r2led.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.r2led.io.Columns;
import org.r2led.model.ModelData;

/**
 * The raw-id → dense-id maps of an exported model: items (with their primary category and TRAIN target
 * counts), categories and behavior names. Every lookup of an unknown name gives 0, the padding /
 * out-of-vocabulary id. Immutable, thread-safe.
 */
public final class Vocabulary {
  private final Map<String, Integer> items;
  private final Map<String, Integer> categories;
  private final Map<String, Integer> behaviors = new HashMap<>();
  private final int[] itemCategory;
  private final ModelData data;

  private Vocabulary(Path dir, ModelManifest m) {
    this.items = index(dir.resolve(ModelManifest.ITEM_RAW_IDS), m.items());
    this.categories = index(dir.resolve(ModelManifest.CATEGORY_RAW_IDS), m.categories());
    for (int k = 0; k < m.behaviors().size(); k++) behaviors.put(m.behaviors().get(k), k + 1);
    this.itemCategory = column(dir.resolve(ModelManifest.ITEM_CATEGORY), m.items() + 1);
    this.data = ModelData.of(m.items(), m.categories(), m.behaviors().size(),
        column(dir.resolve(ModelManifest.ITEM_TRAIN_COUNT), m.items() + 1));
  }

  /** Reads the vocabulary files of model directory {@code dir} (sizes from {@code m}). */
  static Vocabulary load(Path dir, ModelManifest m) { return new Vocabulary(dir, m); }

  /** Dense id of a raw item id; 0 when unknown. */
  public int item(String raw) { return items.getOrDefault(raw, 0); }

  /** Dense id of a raw category name; 0 when unknown (or null). */
  public int category(String raw) { return raw == null ? 0 : categories.getOrDefault(raw, 0); }

  /** Primary category of a dense item (0 for item 0). */
  public int itemCategory(int item) { return itemCategory[item]; }

  /** Code of a behavior name; 0 when unknown. */
  public int behavior(String name) { return behaviors.getOrDefault(name, 0); }

  /** What the model is built from (sizes, TRAIN target counts). */
  ModelData modelData() { return data; }

  private static Map<String, Integer> index(Path file, int expected) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file, e);
    }
    if (lines.size() != expected) {
      throw new IllegalArgumentException("model file " + file + " has " + lines.size() + " ids; model.json says " + expected);
    }
    Map<String, Integer> m = new HashMap<>(lines.size() * 2);
    for (int k = 0; k < lines.size(); k++) m.put(lines.get(k), k + 1);
    return m;
  }

  private static int[] column(Path file, int expected) {
    int[] a = Columns.readInts(file);
    if (a.length != expected) {
      throw new IllegalArgumentException("model file " + file + " has " + a.length + " entries; expected " + expected);
    }
    return a;
  }
}
