package org.r2led.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.r2led.io.Columns;
import org.r2led.io.StagedDir;

/**
 * Read-only, memory-mapped view of a prepared dataset directory (layout: {@link DatasetLayout}).
 *
 * <p>Items and categories are dense ints starting at 1 (0 = padding); users are dense ints from 0.
 * Each user's lifelong sequence is stored once; a sample's history is the first {@code pos} events
 * of its user's sequence (see {@link SampleSplit}). Thread-safe for reads (absolute gets only).
 */
public final class PreparedDataset {
  private final Path dir;
  private final Manifest manifest;
  private final int numItems;
  private final int numCategories;
  private final int numUsers;
  private final IntBuffer itemCategory;
  private final LongBuffer seqOffsets;
  private final IntBuffer seqItem;
  private final IntBuffer seqCategory;
  private final ByteBuffer seqBehavior;
  private final LongBuffer seqTs;
  private final LongBuffer itemCategoriesOffsets;
  private final IntBuffer itemCategoriesValues;
  private final Map<Split, SampleSplit> splits = new EnumMap<>(Split.class);

  private PreparedDataset(Path dir) {
    this.dir = dir;
    StagedDir.settle(dir);
    Path m = dir.resolve(DatasetLayout.MANIFEST);
    if (!Files.isRegularFile(m)) {
      throw new IllegalArgumentException("not a prepared dataset: " + dir + " has no " + DatasetLayout.MANIFEST
          + " (create one with `r2led data prepare` or `r2led data synth`)");
    }
    this.manifest = Manifest.read(dir);
    if (manifest.schemaVersion() != DatasetLayout.SCHEMA_VERSION) {
      throw new IllegalArgumentException("dataset " + dir + " has schema version " + manifest.schemaVersion()
          + "; this build reads version " + DatasetLayout.SCHEMA_VERSION + " (re-run `r2led data prepare`)");
    }
    this.numItems = Math.toIntExact(manifest.count("items"));
    this.numCategories = Math.toIntExact(manifest.count("categories"));
    this.numUsers = Math.toIntExact(manifest.count("users"));
    this.itemCategory = Columns.mapInts(dir.resolve(DatasetLayout.ITEM_CATEGORY));
    this.seqOffsets = Columns.mapLongs(dir.resolve(DatasetLayout.SEQ_OFFSETS));
    this.seqItem = Columns.mapInts(dir.resolve(DatasetLayout.SEQ_ITEM));
    this.seqCategory = Columns.mapInts(dir.resolve(DatasetLayout.SEQ_CATEGORY));
    this.seqBehavior = Columns.mapBytes(dir.resolve(DatasetLayout.SEQ_BEHAVIOR));
    this.seqTs = Columns.mapLongs(dir.resolve(DatasetLayout.SEQ_TS));
    this.itemCategoriesOffsets = Columns.mapLongs(dir.resolve(DatasetLayout.ITEM_CATEGORIES_OFFSETS));
    this.itemCategoriesValues = Columns.mapInts(dir.resolve(DatasetLayout.ITEM_CATEGORIES));
    if (itemCategory.limit() != numItems + 1) {
      throw new IllegalStateException(dir.resolve(DatasetLayout.ITEM_CATEGORY) + " has " + itemCategory.limit()
          + " entries; manifest says items=" + numItems + " (expected items+1)");
    }
    if (seqOffsets.limit() != numUsers + 1) {
      throw new IllegalStateException(dir.resolve(DatasetLayout.SEQ_OFFSETS) + " has " + seqOffsets.limit()
          + " entries; manifest says users=" + numUsers + " (expected users+1)");
    }
    for (Split s : Split.values()) splits.put(s, new SampleSplit(this, s, DatasetLayout.samplesDir(dir, s)));
  }

  /**
   * Opens (memory-maps) the prepared dataset in {@code dir}, first completing or undoing a swap that a
   * killed writer left half done ({@link StagedDir#settle}); an intact dataset is only read.
   */
  public static PreparedDataset open(Path dir) {
    return new PreparedDataset(dir);
  }

  public Path dir() { return dir; }

  public Manifest manifest() { return manifest; }

  /** Number of items; dense item ids are 1..numItems. */
  public int numItems() { return numItems; }

  /** Number of categories; dense category ids are 1..numCategories. */
  public int numCategories() { return numCategories; }

  /** Number of users; dense user ids are 0..numUsers-1. */
  public int numUsers() { return numUsers; }

  /** Number of behavior-type codes (codes are 1..numBehaviors, 0 = padding). */
  public int numBehaviors() { return manifest.behaviors().size(); }

  /** Total number of events over all users. */
  public long numEvents() { return seqOffsets.get(numUsers); }

  /** Primary category of a dense item id (0 for the padding item). */
  public int itemCategory(int item) { return itemCategory.get(item); }

  /** Index of user {@code u}'s first event in the event columns. */
  public long seqStart(int user) { return seqOffsets.get(user); }

  /** Length of user {@code u}'s lifelong sequence. */
  public int seqLength(int user) { return (int) (seqOffsets.get(user + 1) - seqOffsets.get(user)); }

  /** Item of the event at global index {@code e}. */
  public int eventItem(long e) { return seqItem.get(Math.toIntExact(e)); }

  public int eventCategory(long e) { return seqCategory.get(Math.toIntExact(e)); }

  public int eventBehavior(long e) { return seqBehavior.get(Math.toIntExact(e)); }

  public long eventTs(long e) { return seqTs.get(Math.toIntExact(e)); }

  /** Copies events [from, from+len) of the item column into {@code dst[off..]} (bulk, no boxing). */
  public void copyItems(long from, int len, int[] dst, int off) {
    seqItem.get(Math.toIntExact(from), dst, off, len);
  }

  /** Copies events [from, from+len) of the category column into {@code dst[off..]}. */
  public void copyCategories(long from, int len, int[] dst, int off) {
    seqCategory.get(Math.toIntExact(from), dst, off, len);
  }

  /** Copies events [from, from+len) of the timestamp column into {@code dst[off..]}. */
  public void copyTimestamps(long from, int len, long[] dst, int off) {
    seqTs.get(Math.toIntExact(from), dst, off, len);
  }

  /** The samples of one split. */
  public SampleSplit split(Split s) { return splits.get(s); }

  /** Item texts, index k = dense item k (index 0 is the empty padding text). */
  public List<String> itemTexts() { return readLinesWithPadding(DatasetLayout.ITEM_TEXT); }

  /** Source ids of items, index k = dense item k (index 0 = "&lt;pad&gt;"). */
  public List<String> itemRawIds() { return readLinesWithPadding(DatasetLayout.ITEM_RAW_IDS); }

  /** Source names of categories, index c = dense category c (index 0 = "&lt;pad&gt;"). */
  public List<String> categoryRawIds() { return readLinesWithPadding(DatasetLayout.CATEGORY_RAW_IDS); }

  /** All categories of an item (multi-label), from the CSR columns; the primary one comes first. */
  public int[] itemCategories(int item) {
    int a = (int) itemCategoriesOffsets.get(item);
    int b = (int) itemCategoriesOffsets.get(item + 1);
    int[] out = new int[b - a];
    itemCategoriesValues.get(a, out, 0, out.length);
    return out;
  }

  /** True leaf topic per item (synthetic datasets only), index = dense item; null when absent. */
  public int[] itemTopics() { return optionalInts(DatasetLayout.ITEM_TOPIC); }

  /** True top-level topic per item (synthetic datasets only); null when absent. */
  public int[] itemTopTopics() { return optionalInts(DatasetLayout.ITEM_TOPIC_TOP); }

  private int[] optionalInts(String rel) {
    Path p = dir.resolve(rel);
    return Files.isRegularFile(p) ? Columns.readInts(p) : null;
  }

  private List<String> readLinesWithPadding(String rel) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(rel), StandardCharsets.UTF_8);
      java.util.ArrayList<String> out = new java.util.ArrayList<>(lines.size() + 1);
      out.add(rel.equals(DatasetLayout.ITEM_TEXT) ? "" : "<pad>");
      out.addAll(lines);
      return java.util.Collections.unmodifiableList(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(rel), e);
    }
  }
}
