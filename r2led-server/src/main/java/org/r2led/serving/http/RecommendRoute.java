package org.r2led.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.r2led.recall.TwoStage;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.UserHistory;
import org.r2led.serving.store.EventStore;

/**
 * {@code POST /v1/recommend} {@code {user, n?, candidates?, keep_seen?}}: the user's stored history → the
 * retriever's top {@code candidates} (default 200; without the items of that history unless {@code keep_seen},
 * whose default is the dataset's: {@link TwoStage#excludeSeen}) → scored by the served model → the best
 * {@code n} (default 10, fewer when fewer are left), each with both scores and the item's text when the
 * dataset has one.
 */
final class RecommendRoute {
  static final Set<String> FIELDS = Set.of("user", "n", "candidates", "keep_seen");

  private final TwoStage twoStage;
  private final Supplier<ScoringModel> model;
  private final EventStore store;
  private final Limits limits;

  RecommendRoute(TwoStage twoStage, Supplier<ScoringModel> model, EventStore store, Limits limits) {
    this.twoStage = twoStage;
    this.model = model;
    this.store = store;
    this.limits = limits;
  }

  void handle(Context ctx) {
    JsonNode body = JsonInput.object(JsonInput.body(ctx, limits.maxBodyBytes()), "", FIELDS);
    String user = JsonInput.id(body, "", "user");
    int n = intField(body, "n", 10);
    int candidates = intField(body, "candidates", 200);
    if (candidates > limits.maxCandidates()) {
      throw BadRequest.of("candidates", "is " + candidates + "; at most " + limits.maxCandidates() + " per request");
    }
    if (n > candidates) throw BadRequest.of("n", "is " + n + "; must not exceed candidates = " + candidates);
    boolean excludeSeen = twoStage.excludeSeen(JsonInput.optionalBoolean(body, "", "keep_seen"));
    ScoringModel m = model.get();
    UserHistory history = ScoreRoute.history(store.history(user), m.manifest().behaviors());
    List<TwoStage.Recommendation> recs = twoStage.rankHistory(history, n, candidates, excludeSeen);
    List<Map<String, Object>> items = new ArrayList<>();
    for (TwoStage.Recommendation r : recs) {
      Map<String, Object> it = new LinkedHashMap<>();
      it.put("item", r.item());
      it.put("score", r.rankerScore());
      it.put("retrieval_score", r.retrievalScore());
      String text = twoStage.text(r.denseItem());
      if (text != null) it.put("text", text);
      items.add(it);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", user);
    out.put("model_id", m.modelId());
    out.put("history_length", history.length());
    out.put("keep_seen", !excludeSeen);
    out.put("items", items);
    Responses.json(ctx, 200, out);
  }

  private static int intField(JsonNode body, String name, int dflt) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) return dflt;
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
      throw BadRequest.of(name, "must be an integer >= 1, got " + v);
    }
    return v.asInt();
  }
}
