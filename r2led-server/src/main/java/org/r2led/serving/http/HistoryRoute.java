package org.r2led.serving.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.data.Ids;
import org.r2led.serving.store.Event;
import org.r2led.serving.store.EventStore;
import org.r2led.serving.store.HistoryPage;

/** {@code GET /v1/users/{id}/history?limit=N&cursor=C}: one page of a user's history, oldest first. */
final class HistoryRoute {
  static final int DEFAULT_LIMIT = 100;

  private final EventStore store;
  private final Limits limits;

  HistoryRoute(EventStore store, Limits limits) {
    this.store = store;
    this.limits = limits;
  }

  void handle(Context ctx) {
    String user = pathId(ctx.req().getRequestURI());
    int limit = limit(ctx.queryParam("limit"));
    String cursor = ctx.queryParam("cursor");
    HistoryPage page;
    try {
      page = store.page(user, limit, cursor == null || cursor.isEmpty() ? null : cursor);
    } catch (IllegalArgumentException e) {
      throw BadRequest.of("cursor", e.getMessage().replaceFirst("^cursor ", ""));
    }
    List<Map<String, Object>> events = new ArrayList<>(page.events().size());
    for (Event e : page.events()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("item", e.item());
      m.put("ts", e.ts());
      if (e.type() != null) m.put("type", e.type());
      if (e.category() != null) m.put("category", e.category());
      events.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", user);
    out.put("events", events);
    out.put("next_cursor", page.nextCursor());
    Responses.json(ctx, 200, out);
  }

  /**
   * The user id of the raw request path {@code /v1/users/{id}/history}, percent-decoded strictly: its
   * bytes must be UTF-8 (no replacement characters) and the id must obey {@link Ids}. A {@code /} in an
   * id is sent as {@code %2F}.
   */
  static String pathId(String rawPath) {
    String[] parts = rawPath.split("/", -1);
    if (parts.length < 5) throw BadRequest.of("id", "is missing");
    String raw = parts[3];
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (lo < 0) throw BadRequest.of("id", "has a malformed percent-escape at index " + i);
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        int cp = raw.codePointAt(i);
        if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) throw BadRequest.of("id", "is not valid Unicode");
        bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp) - 1;
      }
    }
    byte[] b = bytes.toByteArray();
    int bad = JsonInput.malformedUtf8(b);
    if (bad >= 0) throw BadRequest.of("id", "is not valid UTF-8 once percent-decoded (byte " + bad + ")");
    String id = new String(b, StandardCharsets.UTF_8);
    String problem = Ids.problem(id);
    if (problem != null) throw BadRequest.of("id", problem);
    return id;
  }

  private int limit(String v) {
    if (v == null || v.isEmpty()) return DEFAULT_LIMIT;
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw BadRequest.of("limit", "must be an integer, got '" + v + "'");
    }
    if (n < 1 || n > limits.maxPage()) throw BadRequest.of("limit", "must be in 1.." + limits.maxPage() + ", got " + n);
    return n;
  }
}
