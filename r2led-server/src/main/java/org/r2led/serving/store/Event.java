package org.r2led.serving.store;

import org.r2led.data.Ids;

/**
 * One behavior event of a user, as stored and served: raw ids, Unix seconds, optional behavior type
 * and category names (null when absent). Every id obeys {@link Ids}.
 */
public record Event(String user, String item, long ts, String type, String category) {
  /** Accepted timestamps: 1970-01-01 &lt; ts &lt; 2100-01-01 in Unix seconds, as the data readers accept. */
  public static final long MAX_TS = 4_102_444_800L;
  /** Longest user id, item id, type or category, in UTF-8 bytes ({@link Ids#MAX_BYTES}). */
  public static final int MAX_ID_BYTES = Ids.MAX_BYTES;

  public Event {
    Ids.require(user, "user");
    Ids.require(item, "item");
    if (type != null) Ids.require(type, "type");
    if (category != null) Ids.require(category, "category");
    if (ts <= 0 || ts >= MAX_TS) throw new IllegalArgumentException("ts " + ts + " is outside (0, " + MAX_TS + ")");
  }
}
