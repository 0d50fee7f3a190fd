package org.r2led.data.protocol;

import java.util.Map;
import java.util.TreeMap;
import org.r2led.data.source.BadRows;
import org.r2led.data.source.SourceData;

/** The manifest counts and notes of a preparation, composed in one place for the local and the sharded path. */
final class ManifestParts {
  private ManifestParts() {}

  /** What the user loop (one pass, or the sum over shards) counted. */
  record Tally(long itemsWithEvents, long duplicates, long usersWithoutSamples) {}

  static Map<String, Long> counts(SourceData d, ItemTable table, Tally t, BadRows bad, SampleProtocol protocol) {
    Map<String, Long> counts = new TreeMap<>(d.counts());
    counts.put("items", (long) table.size());
    counts.put("categories", (long) table.categoryNames.size() - 1);
    counts.put("items_with_events", t.itemsWithEvents());
    counts.put("duplicate_events", t.duplicates());
    counts.put("bad_rows_skipped", bad.count());
    counts.put("users_without_samples", t.usersWithoutSamples());
    counts.put("items_with_several_categories", table.itemsWithSeveralCategories);
    counts.putAll(protocol.counts());
    return counts;
  }

  static Map<String, Object> notes(String key, SourceData d, ItemTable table, Tally t, boolean drop, BadRows bad,
      SampleProtocol protocol) {
    Map<String, Object> notes = new TreeMap<>();
    notes.put("cache_key", key);
    notes.put("preparer_version", DatasetPreparer.PREPARER_VERSION);
    notes.put("ids", "users sorted by source id (numerically when all ids are integers) -> dense 0..U-1; items and"
        + " categories likewise -> dense 1..N (0 = padding)");
    notes.put("event_order", "per user by (timestamp, item, behavior, rating, label, category)");
    notes.put("duplicates", t.duplicates() + " exact duplicate events (same user, item, timestamp, behavior, rating/label,"
        + " category) " + (drop ? "dropped" : "kept"));
    notes.put("users_without_samples", t.usersWithoutSamples() + " users have no samples (too short for the protocol);"
        + " their sequences are kept");
    if (bad.count() > 0) {
      notes.put("bad_rows", bad.count() + " malformed rows skipped (--skip-bad-rows)");
      notes.put("bad_row_examples", bad.examples());
    }
    if (d.itemCategories() == null || table.itemsWithSeveralCategories > 0) {
      notes.put("item_categories", "items without declared categories take their events' categories, most frequent"
          + " first (ties: smaller dense id); each event keeps its own category; "
          + table.itemsWithSeveralCategories + " items have several");
      if (!table.severalCategoryExamples.isEmpty()) notes.put("item_category_examples", table.severalCategoryExamples);
    }
    d.notes().forEach((k, v) -> notes.put("source_" + k, v));
    protocol.notes().forEach((k, v) -> notes.put("protocol_" + k, v));
    return notes;
  }
}
