package org.r2led.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.UserHistory;
import org.r2led.serving.store.Event;
import org.r2led.serving.store.EventStore;
import org.r2led.serving.store.StoredHistory;

/**
 * {@code POST /v1/score} {@code {user, candidates:[item…]}}: the user's stored history (empty for an
 * unknown user) scored against every candidate in one forward pass of {@link ScoringModel#score}. Only
 * the most recent {@link ScoringModel#historyWindow} events are read from the store: the model reads
 * no others, so the scores are those of the whole history. {@code history_length} is the number of
 * events read.
 * Scoring runs on the service's {@link ScoringPool} (about one thread per core); a request takes a place
 * there before reading the store, or is answered 503 when none is free. Each request reads
 * the served model once, so a reload never mixes two models in one response.
 */
final class ScoreRoute {
  static final Set<String> FIELDS = Set.of("user", "candidates");
  /**
   * Response header with the server's time per phase in ms (W3C Server-Timing): JSON parsing and
   * validation, reading the history from the store, waiting for a scoring thread, scoring (until the
   * request thread has the scores).
   */
  static final String SERVER_TIMING = "Server-Timing";

  private final Supplier<ScoringModel> model;
  private final EventStore store;
  private final Limits limits;
  private final ScoringPool scoring;

  ScoreRoute(Supplier<ScoringModel> model, EventStore store, Limits limits, ScoringPool scoring) {
    this.model = model;
    this.store = store;
    this.limits = limits;
    this.scoring = scoring;
  }

  void handle(Context ctx) throws InterruptedException {
    long t0 = System.nanoTime();
    JsonNode body = JsonInput.object(JsonInput.body(ctx, limits.maxBodyBytes()), "", FIELDS);
    String user = JsonInput.id(body, "", "user");
    List<String> candidates = candidates(body.get("candidates"));
    ScoringModel model = this.model.get();
    long t1 = System.nanoTime();
    try (ScoringPool.Place place = scoring.enter()) { // before the store read: a refused request costs none
      UserHistory history = history(store.recent(user, model.historyWindow()), model.manifest().behaviors());
      long t2 = System.nanoTime();
      long[] started = new long[1];
      float[] p = place.call(() -> {
        started[0] = System.nanoTime();
        return model.score(history, candidates);
      });
      long t3 = started[0];
      long t4 = System.nanoTime();
      ctx.header(SERVER_TIMING, String.format(Locale.ROOT, "parse;dur=%.3f, store;dur=%.3f, wait;dur=%.3f, score;dur=%.3f",
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("user", user);
      out.put("model_id", model.modelId());
      out.put("history_length", history.length());
      out.put("scores", p);
      Responses.json(ctx, 200, out);
    }
  }

  private List<String> candidates(JsonNode n) {
    if (n == null || n.isNull()) throw BadRequest.of("candidates", "is missing");
    if (!n.isArray()) throw BadRequest.of("candidates", "must be an array of item ids, got " + JsonInput.kind(n));
    if (n.isEmpty()) throw BadRequest.of("candidates", "must not be empty");
    if (n.size() > limits.maxCandidates()) {
      throw BadRequest.of("candidates", "has " + n.size() + " items; at most " + limits.maxCandidates() + " per request");
    }
    List<String> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) out.add(JsonInput.idValue(n.get(i), "candidates[" + i + "]"));
    return out;
  }

  /** Stored events as a scoring history ({@link StoredHistory#of}). */
  static UserHistory history(List<Event> events, List<String> behaviorNames) { return StoredHistory.of(events, behaviorNames); }
}
