package org.r2led.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.io.Columns;

/**
 * Streaming writer of the prepared dataset layout ({@link DatasetLayout}); every reader and the
 * synthetic generator write through it, so the layout is produced in exactly one place.
 *
 * <p>Usage: {@link #beginUser} then that user's {@link #addEvent}s in time order, then the samples
 * that point into the user's sequence ({@link #addSample}); repeat per user; then
 * {@link #writeItems}/{@link #writeCategories}, and {@link #finish} with the manifest fields. Memory is
 * constant in the number of events. The manifest is written last, so a directory with a manifest is
 * complete.
 */
public final class PreparedDatasetWriter implements AutoCloseable {
  private final Path dir;
  private final Columns.Writer offsets;
  private final Columns.Writer seqItem;
  private final Columns.Writer seqCategory;
  private final Columns.Writer seqBehavior;
  private final Columns.Writer seqTs;
  private final BufferedWriter userIds;
  private final Map<Split, SampleColumns> samples = new EnumMap<>(Split.class);
  private final boolean withProbabilities;
  private int users;
  private long events;
  private int currentUserLength = -1;
  private long lastTs;
  private boolean closed;

  private final class SampleColumns {
    final Columns.Writer user, pos, item, category, label, ts, prob;
    long positives;

    SampleColumns(Path d) {
      user = new Columns.Writer(d.resolve(DatasetLayout.SAMPLE_USER));
      pos = new Columns.Writer(d.resolve(DatasetLayout.SAMPLE_POS));
      item = new Columns.Writer(d.resolve(DatasetLayout.SAMPLE_ITEM));
      category = new Columns.Writer(d.resolve(DatasetLayout.SAMPLE_CATEGORY));
      label = new Columns.Writer(d.resolve(DatasetLayout.SAMPLE_LABEL));
      ts = new Columns.Writer(d.resolve(DatasetLayout.SAMPLE_TS));
      prob = withProbabilities ? new Columns.Writer(d.resolve(DatasetLayout.SAMPLE_PROB)) : null;
    }

    void close() {
      user.close(); pos.close(); item.close(); category.close(); label.close(); ts.close();
      if (prob != null) prob.close();
    }
  }

  /**
   * Starts writing into {@code dir} (created if needed; an existing manifest is removed first so a
   * half-written directory never looks complete).
   *
   * @param withProbabilities whether samples carry a true click probability (synthetic data)
   */
  public PreparedDatasetWriter(Path dir, boolean withProbabilities) {
    this.dir = dir;
    this.withProbabilities = withProbabilities;
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve(DatasetLayout.MANIFEST));
      Path uid = dir.resolve(DatasetLayout.USER_RAW_IDS);
      Files.createDirectories(uid.getParent());
      userIds = Files.newBufferedWriter(uid, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create dataset directory " + dir, e);
    }
    offsets = new Columns.Writer(dir.resolve(DatasetLayout.SEQ_OFFSETS));
    seqItem = new Columns.Writer(dir.resolve(DatasetLayout.SEQ_ITEM));
    seqCategory = new Columns.Writer(dir.resolve(DatasetLayout.SEQ_CATEGORY));
    seqBehavior = new Columns.Writer(dir.resolve(DatasetLayout.SEQ_BEHAVIOR));
    seqTs = new Columns.Writer(dir.resolve(DatasetLayout.SEQ_TS));
    offsets.putLong(0);
    for (Split s : Split.values()) samples.put(s, new SampleColumns(DatasetLayout.samplesDir(dir, s)));
  }

  /** Starts the next user (dense id = number of users begun before); returns that dense id. */
  public int beginUser(String rawId) {
    endUser();
    try {
      userIds.write(oneLine(rawId));
      userIds.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    currentUserLength = 0;
    lastTs = Long.MIN_VALUE;
    return users;
  }

  private void endUser() {
    if (currentUserLength >= 0) {
      offsets.putLong(events);
      users++;
      currentUserLength = -1;
    }
  }

  /** Appends one event to the current user's sequence; times must be non-decreasing. */
  public void addEvent(int item, int category, int behavior, long ts) {
    if (currentUserLength < 0) throw new IllegalStateException("addEvent before beginUser");
    if (item <= 0) throw new IllegalArgumentException("item ids are dense and >= 1, got " + item);
    if (ts < lastTs) {
      throw new IllegalArgumentException("events of user " + users + " must be time-ordered: " + ts + " after " + lastTs);
    }
    if (behavior < 0 || behavior > 127) throw new IllegalArgumentException("behavior code out of range: " + behavior);
    lastTs = ts;
    seqItem.putInt(item);
    seqCategory.putInt(category);
    seqBehavior.putByte((byte) behavior);
    seqTs.putLong(ts);
    events++;
    currentUserLength++;
  }

  /** Number of events of the current user written so far. */
  public int currentUserLength() { return currentUserLength; }

  /**
   * Adds a sample of the current user whose history is the user's first {@code pos} events.
   *
   * @param prob true click probability (synthetic), ignored (may be NaN) otherwise
   */
  public void addSample(Split split, int pos, int item, int category, int label, long ts, float prob) {
    if (currentUserLength < 0) throw new IllegalStateException("addSample before beginUser");
    if (pos < 0 || pos > currentUserLength) {
      throw new IllegalArgumentException("sample pos " + pos + " outside the user's " + currentUserLength + " events");
    }
    if (label != 0 && label != 1) throw new IllegalArgumentException("label must be 0 or 1, got " + label);
    SampleColumns c = samples.get(split);
    c.user.putInt(users);
    c.pos.putInt(pos);
    c.item.putInt(item);
    c.category.putInt(category);
    c.label.putByte((byte) label);
    c.ts.putLong(ts);
    if (c.prob != null) c.prob.putFloat(prob);
    c.positives += label;
  }

  /**
   * Writes the item table. Arrays are indexed by dense item id (index 0 = padding, ignored).
   *
   * @param rawIds source id per item
   * @param categories all categories per item, primary first (may be empty arrays: category 0)
   * @param texts item text per item (null or empty when the source has none)
   */
  public void writeItems(List<String> rawIds, List<int[]> categories, List<String> texts) {
    writeItems(dir, rawIds, categories, texts);
  }

  /** {@link #writeItems(List, List, List)} into a dataset directory written by other means (merged shards). */
  public static void writeItems(Path dir, List<String> rawIds, List<int[]> categories, List<String> texts) {
    int n = rawIds.size() - 1;
    if (categories.size() != n + 1 || (texts != null && texts.size() != n + 1)) {
      throw new IllegalArgumentException("item arrays must all have items+1 entries");
    }
    int[] primary = new int[n + 1];
    long[] off = new long[n + 2];
    try (Columns.Writer vals = new Columns.Writer(dir.resolve(DatasetLayout.ITEM_CATEGORIES))) {
      for (int i = 0; i <= n; i++) {
        int[] cs = i == 0 ? new int[0] : categories.get(i);
        primary[i] = cs.length > 0 ? cs[0] : 0;
        for (int c : cs) vals.putInt(c);
        off[i + 1] = off[i] + cs.length;
      }
    }
    Columns.writeInts(dir.resolve(DatasetLayout.ITEM_CATEGORY), primary);
    Columns.writeLongs(dir.resolve(DatasetLayout.ITEM_CATEGORIES_OFFSETS), off);
    writeLines(dir, DatasetLayout.ITEM_RAW_IDS, rawIds.subList(1, n + 1));
    writeLines(dir, DatasetLayout.ITEM_TEXT, texts == null ? java.util.Collections.nCopies(n, "") : texts.subList(1, n + 1));
  }

  /** Writes category names; index 0 = padding (ignored). */
  public void writeCategories(List<String> rawIds) {
    writeCategories(dir, rawIds);
  }

  /** {@link #writeCategories(List)} into a dataset directory written by other means. */
  public static void writeCategories(Path dir, List<String> rawIds) {
    writeLines(dir, DatasetLayout.CATEGORY_RAW_IDS, rawIds.subList(1, rawIds.size()));
  }

  /** Writes an extra int column relative to the dataset directory (e.g. true topics). */
  public void writeIntColumn(String relativePath, int[] values) {
    Columns.writeInts(dir.resolve(relativePath), values);
  }

  private static void writeLines(Path dir, String rel, List<String> lines) {
    Path p = dir.resolve(rel);
    try {
      Files.createDirectories(p.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
        for (String s : lines) {
          w.write(oneLine(s == null ? "" : s));
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p, e);
    }
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  /** Users begun so far. */
  public int users() { return currentUserLength >= 0 ? users + 1 : users; }

  /** Events written so far. */
  public long events() { return events; }

  /**
   * Closes all columns and writes the manifest. Counts of users, events, samples and positives per
   * split are filled in here (over any given under the same keys); {@code counts} must provide
   * {@code items} and {@code categories}.
   */
  public Manifest finish(String source, List<Manifest.InputFile> inputs, Map<String, Object> protocol,
      Map<String, Long> counts, List<String> behaviors, Map<String, Object> notes) {
    close();
    Map<String, Long> totals = new TreeMap<>();
    totals.put("users", (long) users);
    totals.put("events", events);
    for (Split s : Split.values()) {
      SampleColumns c = samples.get(s);
      totals.put("samples_" + s.id(), c.user.count());
      totals.put("positives_" + s.id(), c.positives);
    }
    return writeManifest(dir, source, inputs, protocol, counts, totals, behaviors, notes);
  }

  /** The layout counts {@link #finish} fills in: users, events, samples and positives per split. */
  public static List<String> layoutCountKeys() {
    List<String> keys = new java.util.ArrayList<>(List.of("users", "events"));
    for (Split s : Split.values()) {
      keys.add("samples_" + s.id());
      keys.add("positives_" + s.id());
    }
    return keys;
  }

  /**
   * Writes the manifest of a dataset directory written by other means (merged shards):
   * {@code layoutCounts} ({@link #layoutCountKeys}) go over {@code counts}.
   */
  public static Manifest writeManifest(Path dir, String source, List<Manifest.InputFile> inputs, Map<String, Object> protocol,
      Map<String, Long> counts, Map<String, Long> layoutCounts, List<String> behaviors, Map<String, Object> notes) {
    Map<String, Long> all = new TreeMap<>(counts);
    all.putAll(layoutCounts);
    if (!all.containsKey("items") || !all.containsKey("categories")) {
      throw new IllegalArgumentException("counts must include items and categories");
    }
    Manifest m = new Manifest(DatasetLayout.SCHEMA_VERSION, source, inputs, protocol, all, behaviors, notes);
    m.write(dir);
    return m;
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    endUser();
    offsets.close();
    seqItem.close();
    seqCategory.close();
    seqBehavior.close();
    seqTs.close();
    for (SampleColumns c : samples.values()) c.close();
    try {
      userIds.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
