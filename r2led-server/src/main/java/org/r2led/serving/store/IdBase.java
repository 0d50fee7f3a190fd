package org.r2led.serving.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.io.Columns;
import org.r2led.serving.ModelManifest;
import org.r2led.serving.ScoringModel;

/**
 * The ids samples from the store start from: an exported model's or a prepared dataset's items (with
 * their categories and texts), categories, behaviors and users, in dense order, plus the history
 * window of the model (how many recent events it reads). Ids the store holds beyond these get new
 * dense ids after them ({@link StoreSamples}).
 *
 * @param items raw item ids, index = dense id (index 0 = padding, ignored)
 * @param itemCategories all categories of each item, primary first; same indexing
 * @param itemTexts item texts (empty when the base has none); same indexing
 * @param categories raw category names, index = dense id (index 0 = padding, ignored)
 * @param behaviors behavior names: entry {@code k-1} is code {@code k}
 * @param users raw user ids in dense order (empty when the base has no users: a model)
 * @param historyWindow most recent events of a history the model reads ({@link Integer#MAX_VALUE}: all)
 * @param description what the base is ({@code kind}, {@code path}, {@code id}), recorded in the output manifest
 */
public record IdBase(List<String> items, List<int[]> itemCategories, List<String> itemTexts, List<String> categories,
    List<String> behaviors, List<String> users, int historyWindow, Map<String, Object> description) {
  public IdBase {
    if (items.isEmpty() || categories.isEmpty()) throw new IllegalArgumentException("items and categories start with the padding entry");
    if (itemCategories.size() != items.size() || itemTexts.size() != items.size()) {
      throw new IllegalArgumentException("item ids, categories and texts must have one entry per item");
    }
    items = Collections.unmodifiableList(new ArrayList<>(items));
    itemCategories = List.copyOf(itemCategories);
    itemTexts = Collections.unmodifiableList(new ArrayList<>(itemTexts));
    categories = Collections.unmodifiableList(new ArrayList<>(categories));
    behaviors = List.copyOf(behaviors);
    users = List.copyOf(users);
    description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
  }

  /** No base: every id of the store is new, every history read whole. */
  public static IdBase none() {
    return new IdBase(List.of("<pad>"), List.of(new int[0]), List.of(""), List.of("<pad>"), List.of(), List.of(),
        Integer.MAX_VALUE, Map.of("kind", "none"));
  }

  /** The vocabulary and history window of an exported model directory ({@code r2led export}); it has no users or texts. */
  public static IdBase ofModel(Path dir) {
    ScoringModel model = ScoringModel.load(dir);
    ModelManifest m = model.manifest();
    List<String> items = withPadding(dir.resolve(ModelManifest.ITEM_RAW_IDS), m.items());
    int[] primary = Columns.readInts(dir.resolve(ModelManifest.ITEM_CATEGORY));
    List<int[]> cats = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) cats.add(i == 0 || primary[i] == 0 ? new int[0] : new int[] {primary[i]});
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", "model");
    d.put("path", dir.toString());
    d.put("id", model.modelId());
    return new IdBase(items, cats, Collections.nCopies(items.size(), ""), withPadding(dir.resolve(ModelManifest.CATEGORY_RAW_IDS),
        m.categories()), m.behaviors(), List.of(), model.historyWindow(), d);
  }

  /** The ids of a prepared dataset (items with all their categories and texts, users in order); histories read whole. */
  public static IdBase ofDataset(Path dir) {
    PreparedDataset ds = PreparedDataset.open(dir);
    List<int[]> cats = new ArrayList<>(ds.numItems() + 1);
    for (int i = 0; i <= ds.numItems(); i++) cats.add(i == 0 ? new int[0] : ds.itemCategories(i));
    List<String> users = StoreLoader.userRawIds(ds);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", "dataset");
    d.put("path", dir.toString());
    d.put("id", ds.manifest().fingerprint());
    return new IdBase(ds.itemRawIds(), cats, ds.itemTexts(), ds.categoryRawIds(), ds.manifest().behaviors(), users,
        Integer.MAX_VALUE, d);
  }

  private static List<String> withPadding(Path file, int expected) {
    List<String> ids = lines(file);
    if (ids.size() != expected) throw new IllegalStateException(file + " has " + ids.size() + " ids; expected " + expected);
    List<String> out = new ArrayList<>(ids.size() + 1);
    out.add("<pad>");
    out.addAll(ids);
    return out;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
