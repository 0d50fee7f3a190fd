package org.r2led.serving.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    String user = ctx.pathParam("id");
    if (user.isEmpty() || user.getBytes(StandardCharsets.UTF_8).length > Event.MAX_ID_BYTES) {
      throw BadRequest.of("id", "must be 1 to " + Event.MAX_ID_BYTES + " bytes");
    }
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
