package org.r2led.serving.store;

/**
 * One behavior event of a user, as stored and served: raw ids, Unix seconds, optional behavior type
 * and category names (null when absent).
 */
public record Event(String user, String item, long ts, String type, String category) {
  /** Accepted timestamps: 1970-01-01 &lt; ts &lt; 2100-01-01 in Unix seconds, as the data readers accept. */
  public static final long MAX_TS = 4_102_444_800L;
  /** Longest user id, item id, type or category, in UTF-8 bytes. */
  public static final int MAX_ID_BYTES = 1024;

  public Event {
    requireId("user", user, false);
    requireId("item", item, false);
    requireId("type", type, true);
    requireId("category", category, true);
    if (ts <= 0 || ts >= MAX_TS) throw new IllegalArgumentException("ts " + ts + " is outside (0, " + MAX_TS + ")");
  }

  private static void requireId(String field, String v, boolean optional) {
    if (v == null) {
      if (optional) return;
      throw new IllegalArgumentException(field + " is missing");
    }
    if (v.isEmpty()) throw new IllegalArgumentException(field + " is empty");
    if (v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
      throw new IllegalArgumentException(field + " is longer than " + MAX_ID_BYTES + " bytes");
    }
  }
}
