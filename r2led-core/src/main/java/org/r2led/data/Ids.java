package org.r2led.data;

/**
 * The one rule every raw id obeys (user, item, category and behavior names), in every entry point:
 * the data readers, the event store and service, and the in-process scoring API. An id is
 *
 * <ul>
 *   <li>non-empty;</li>
 *   <li>valid Unicode: no unpaired UTF-16 surrogate (such a string has no UTF-8 form, and encoding
 *       it would substitute {@code '?'} and merge it with another id);</li>
 *   <li>free of control characters (Unicode category Cc: U+0000..U+001F, U+007F..U+009F), so that a
 *       newline, tab or NUL never becomes part of an id or is silently replaced;</li>
 *   <li>at most {@value #MAX_BYTES} bytes in UTF-8.</li>
 * </ul>
 *
 * Ids are kept exactly as given: no trimming, case folding or normalization.
 */
public final class Ids {
  /** Longest id, in UTF-8 bytes. */
  public static final int MAX_BYTES = 1024;

  private Ids() {}

  /**
   * What is wrong with {@code id}, phrased to follow the id's name ("is empty", "contains a control
   * character U+000A at index 1"), or null when it is a valid id.
   */
  public static String problem(String id) {
    if (id == null) return "is missing";
    if (id.isEmpty()) return "is empty";
    int bytes = 0;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
          bytes += 4;
          i++;
          continue;
        }
        return "is not valid Unicode: unpaired surrogate " + hex(c) + " at index " + i;
      }
      if (Character.isLowSurrogate(c)) {
        return "is not valid Unicode: unpaired surrogate " + hex(c) + " at index " + i;
      }
      if (Character.getType(c) == Character.CONTROL) {
        return "contains a control character " + hex(c) + " at index " + i + "; ids may not hold control characters";
      }
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    if (bytes > MAX_BYTES) return "is " + bytes + " bytes long in UTF-8; ids are at most " + MAX_BYTES + " bytes";
    return null;
  }

  /** Whether {@code id} is a valid id ({@link #problem} is null). */
  public static boolean valid(String id) { return problem(id) == null; }

  /**
   * Returns {@code id} when valid, else throws {@link IllegalArgumentException} naming {@code what}
   * (e.g. "item id", "user"), the problem and a shortened form of the value.
   */
  public static String require(String id, String what) {
    String p = problem(id);
    if (p != null) throw new IllegalArgumentException(what + " " + quoted(id) + " " + p);
    return id;
  }

  /** {@code id} quoted for an error message: escapes non-printable characters, shortened past 60 chars. */
  public static String quoted(String id) {
    if (id == null) return "null";
    StringBuilder sb = new StringBuilder("\"");
    int n = Math.min(id.length(), 60);
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (Character.getType(c) == Character.CONTROL || Character.isSurrogate(c)) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    if (id.length() > n) sb.append("...(").append(id.length()).append(" chars)");
    return sb.append('"').toString();
  }

  private static String hex(char c) { return String.format("U+%04X", (int) c); }
}
