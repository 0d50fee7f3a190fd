package org.r2led.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.r2led.serving.store.Event;
import org.r2led.serving.store.EventStore;

/**
 * {@code POST /v1/events}: one event object or an array of them, appended all-or-nothing; the
 * response comes after the store's write-ahead log is synced.
 */
final class EventsRoute {
  static final Set<String> FIELDS = Set.of("user", "item", "ts", "type", "category");

  private final EventStore store;
  private final Limits limits;

  EventsRoute(EventStore store, Limits limits) {
    this.store = store;
    this.limits = limits;
  }

  void handle(Context ctx) {
    List<Event> events = parse(JsonInput.body(ctx, limits.maxBodyBytes()));
    store.append(events);
    Responses.json(ctx, 200, Map.of("accepted", events.size()));
  }

  /** Every event of the body, validated before anything is written. */
  List<Event> parse(JsonNode body) {
    if (body.isObject()) return List.of(event(body, ""));
    if (!body.isArray()) throw BadRequest.of("body", "must be an event object or an array of events, got " + JsonInput.kind(body));
    return JsonInput.elements(body, "body", "", "event", limits.maxEvents(), EventsRoute::event);
  }

  private static Event event(JsonNode n, String path) {
    JsonInput.object(n, path, FIELDS);
    return new Event(JsonInput.id(n, path, "user"), JsonInput.id(n, path, "item"), JsonInput.ts(n, path, "ts"),
        JsonInput.optionalId(n, path, "type"), JsonInput.optionalId(n, path, "category"));
  }
}
