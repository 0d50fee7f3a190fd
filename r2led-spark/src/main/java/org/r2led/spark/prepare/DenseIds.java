package org.r2led.spark.prepare;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.r2led.data.protocol.ShardedPrepare;
import org.r2led.data.source.IdDictionary;
import org.r2led.data.source.SourceReading;

/**
 * The dense ids executors map events to (broadcast once per executor): item and category names →
 * dense ids, behavior name → code, and each item's primary category (an event without its own
 * category takes it). Grows with the catalog, not with the events.
 */
final class DenseIds implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Integer> items = new HashMap<>();
  private final Map<String, Integer> categories = new HashMap<>();
  private final Map<String, Integer> behaviors = new HashMap<>();
  private final int[] primary;

  DenseIds(SourceReading reading, ShardedPrepare plan) {
    IdDictionary it = reading.items();
    int[] dense = plan.itemDense();
    for (int p = 0; p < it.size(); p++) items.put(it.raw(p), dense[p]);
    IdDictionary cats = reading.categories();
    int[] catDense = plan.table().categoryDense();
    for (int p = 0; p < cats.size(); p++) categories.put(cats.raw(p), catDense[p]);
    IdDictionary beh = reading.behaviors();
    int[] code = plan.behaviorCode();
    for (int p = 0; p < beh.size(); p++) behaviors.put(beh.raw(p), code[p]);
    primary = plan.table().primary();
  }

  int item(String raw) { return items.get(raw); }

  /** The event's dense category: its own, or its item's primary category. */
  int category(String raw, int denseItem) {
    return raw == null ? primary[denseItem] : categories.get(raw);
  }

  int behavior(String name) { return behaviors.get(name); }
}
