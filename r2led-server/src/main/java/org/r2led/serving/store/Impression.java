package org.r2led.serving.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.r2led.data.Ids;

/**
 * What a user was shown at one time and what was clicked: raw ids, Unix seconds, one label per shown
 * item (1 = clicked) or none when the outcome is not known yet, and optionally the request id and the
 * id of the model that scored the list (null when absent). Every id obeys {@link Ids}; the shown items
 * are distinct.
 *
 * @param labels 0 or 1 per entry of {@code items}, or null for an unlabeled impression
 */
public record Impression(String user, long ts, List<String> items, List<Integer> labels, String requestId, String modelId) {
  /** Most items one impression holds. */
  public static final int MAX_ITEMS = 1_000;

  public Impression {
    Ids.require(user, "user");
    if (ts <= 0 || ts >= Event.MAX_TS) throw new IllegalArgumentException("ts " + ts + " is outside (0, " + Event.MAX_TS + ")");
    if (items == null || items.isEmpty()) throw new IllegalArgumentException("an impression shows at least one item");
    if (items.size() > MAX_ITEMS) throw new IllegalArgumentException("an impression shows at most " + MAX_ITEMS + " items, got " + items.size());
    items = List.copyOf(items);
    Map<String, Integer> seen = new HashMap<>(items.size() * 2);
    for (int k = 0; k < items.size(); k++) {
      Ids.require(items.get(k), "items[" + k + "]");
      Integer first = seen.putIfAbsent(items.get(k), k);
      if (first != null) {
        throw new IllegalArgumentException("items[" + k + "] " + Ids.quoted(items.get(k)) + " repeats items[" + first + "]");
      }
    }
    if (labels != null) {
      if (labels.size() != items.size()) {
        throw new IllegalArgumentException(items.size() + " items but " + labels.size() + " labels");
      }
      for (int k = 0; k < labels.size(); k++) {
        Integer l = labels.get(k);
        if (l == null || (l != 0 && l != 1)) throw new IllegalArgumentException("labels[" + k + "] must be 0 or 1, got " + l);
      }
      labels = List.copyOf(labels);
    }
    if (requestId != null) Ids.require(requestId, "request_id");
    if (modelId != null) Ids.require(modelId, "model_id");
  }

  /** Whether the outcome is known (labels present). */
  public boolean labeled() { return labels != null; }

  /** Label of shown item {@code k}: 1 when clicked. */
  public int label(int k) {
    if (labels == null) throw new IllegalStateException("impression of user " + Ids.quoted(user) + " at " + ts + " has no labels");
    return labels.get(k);
  }
}
