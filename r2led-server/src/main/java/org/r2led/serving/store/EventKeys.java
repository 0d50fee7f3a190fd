package org.r2led.serving.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Key layout of the event store (RocksDB's bytewise order):
 * <pre>
 * 'e' u16 len, user UTF-8, ts (i64 big-endian), seq (i64 big-endian)   one event
 * 'c' u16 len, user UTF-8                                                the user's event count (i64)
 * 'm' name                                                               store metadata
 * 'i' ts (i64 big-endian), seq (i64 big-endian)                          one impression ({@link ImpressionCodec})
 * 'j' u16 len, user UTF-8, ts, seq                                       the user's index of impressions (empty value)
 * 'r' u16 len, user UTF-8, request id UTF-8                             a stored impression's request id (its 'i' key)
 * </pre>
 * A user's events are contiguous and in time order (ties in arrival order, by the global sequence
 * number); timestamps are positive, so big-endian bytes sort as numbers. Impressions are in time
 * order across users (a time range is one key range) and, through the index, per user.
 */
final class EventKeys {
  private EventKeys() {}

  static final int SUFFIX = 16;
  static final byte[] META_SEQ = meta("seq");
  static final byte[] META_FORMAT = meta("format");

  /** The common prefix of every event key of {@code user}. */
  static byte[] prefix(String user) { return userKey((byte) 'e', user, 0); }

  static byte[] countKey(String user) { return userKey((byte) 'c', user, 0); }

  static byte[] eventKey(String user, long ts, long seq) {
    byte[] k = userKey((byte) 'e', user, SUFFIX);
    ByteBuffer.wrap(k, k.length - SUFFIX, SUFFIX).putLong(ts).putLong(seq);
    return k;
  }

  /** The key of an impression at {@code ts} with sequence number {@code seq}. */
  static byte[] impressionKey(long ts, long seq) {
    return ByteBuffer.allocate(1 + SUFFIX).put((byte) 'i').putLong(ts).putLong(seq).array();
  }

  /** The first impression key at or after {@code ts}. */
  static byte[] impressionsFrom(long ts) { return impressionKey(ts, 0); }

  /** The index key of {@code user}'s impression at {@code ts}, {@code seq}; {@link #ts} and the impression key come back from it. */
  static byte[] userImpressionKey(String user, long ts, long seq) {
    byte[] k = userKey((byte) 'j', user, SUFFIX);
    ByteBuffer.wrap(k, k.length - SUFFIX, SUFFIX).putLong(ts).putLong(seq);
    return k;
  }

  /** The key recording that {@code user}'s impression of request {@code requestId} is stored. */
  static byte[] requestKey(String user, String requestId) {
    byte[] r = requestId.getBytes(StandardCharsets.UTF_8);
    byte[] k = userKey((byte) 'r', user, r.length);
    System.arraycopy(r, 0, k, k.length - r.length, r.length);
    return k;
  }

  /** The common prefix of {@code user}'s impression index keys. */
  static byte[] userImpressionPrefix(String user) { return userKey((byte) 'j', user, 0); }

  /** The impression key an index key (or an impression key) points at. */
  static byte[] impressionKeyOf(byte[] key) {
    ByteBuffer b = ByteBuffer.wrap(key, key.length - SUFFIX, SUFFIX);
    return impressionKey(b.getLong(), b.getLong());
  }

  static long ts(byte[] eventKey) { return ByteBuffer.wrap(eventKey, eventKey.length - SUFFIX, 8).getLong(); }

  /** The event's position within its user (ts + seq) as an opaque page cursor: 32 hex digits. */
  static String cursor(byte[] eventKey) {
    return HexFormat.of().formatHex(eventKey, eventKey.length - SUFFIX, eventKey.length);
  }

  /** The event key of {@code user} at {@code cursor}; IllegalArgumentException for a malformed cursor. */
  static byte[] keyAt(String user, String cursor) {
    if (cursor.length() != 2 * SUFFIX || !cursor.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("cursor must be the 32 hex digits of a previous page's next_cursor");
    }
    byte[] k = userKey((byte) 'e', user, SUFFIX);
    System.arraycopy(HexFormat.of().parseHex(cursor), 0, k, k.length - SUFFIX, SUFFIX);
    return k;
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] userKey(byte tag, String user, int extra) {
    byte[] u = user.getBytes(StandardCharsets.UTF_8);
    if (u.length > 0xFFFF) throw new IllegalArgumentException("user id too long");
    ByteBuffer b = ByteBuffer.allocate(3 + u.length + extra);
    b.put(tag).putShort((short) u.length).put(u);
    return b.array();
  }

  private static byte[] meta(String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[1 + n.length];
    k[0] = 'm';
    System.arraycopy(n, 0, k, 1, n.length);
    return k;
  }
}
