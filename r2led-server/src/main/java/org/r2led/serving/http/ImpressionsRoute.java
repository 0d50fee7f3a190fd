package org.r2led.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.r2led.serving.store.EventStore;
import org.r2led.serving.store.Impression;

/**
 * {@code POST /v1/impressions} {@code {"impressions":[{user, ts, items:[…], clicked:[…] | labels:[0,1,…],
 * request_id, model_id}, …]}}: what users were shown and what they clicked, validated as a whole and
 * appended all-or-nothing; the response comes after the store's write-ahead log is synced. Without
 * {@code clicked} and {@code labels} an impression is stored unlabeled. An impression whose user and
 * {@code request_id} the store already holds is acknowledged without being stored again ({@code duplicates}).
 */
final class ImpressionsRoute {
  static final Set<String> BODY_FIELDS = Set.of("impressions");
  static final Set<String> FIELDS = Set.of("user", "ts", "items", "clicked", "labels", "request_id", "model_id");

  private final EventStore store;
  private final Limits limits;

  ImpressionsRoute(EventStore store, Limits limits) {
    this.store = store;
    this.limits = limits;
  }

  void handle(Context ctx) {
    List<Impression> impressions = parse(JsonInput.body(ctx, limits.maxBodyBytes()));
    int stored = store.appendImpressions(impressions);
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("accepted", impressions.size());
    out.put("duplicates", impressions.size() - stored);
    Responses.json(ctx, 200, out);
  }

  /** Every impression of the body, validated before anything is written. */
  List<Impression> parse(JsonNode body) {
    JsonInput.object(body, "", BODY_FIELDS);
    JsonNode list = body.get("impressions");
    if (list == null || list.isNull()) throw BadRequest.of("impressions", "is missing");
    if (!list.isArray()) throw BadRequest.of("impressions", "must be an array of impressions, got " + JsonInput.kind(list));
    return JsonInput.elements(list, "impressions", "impressions", "impression", limits.maxEvents(), this::impression);
  }

  private Impression impression(JsonNode n, String path) {
    JsonInput.object(n, path, FIELDS);
    String user = JsonInput.id(n, path, "user");
    long ts = JsonInput.ts(n, path, "ts");
    List<String> items = ids(n, path, "items", true);
    Map<String, Integer> index = new HashMap<>(items.size() * 2);
    for (int k = 0; k < items.size(); k++) {
      Integer first = index.putIfAbsent(items.get(k), k);
      if (first != null) {
        throw BadRequest.of(path + ".items[" + k + "]", quoted(items.get(k)) + " repeats items[" + first + "]; each shown item once");
      }
    }
    boolean hasClicked = present(n, "clicked");
    boolean hasLabels = present(n, "labels");
    if (hasClicked && hasLabels) throw BadRequest.of(JsonInput.join(path, "labels"), "cannot be given with clicked; send one of them");
    List<Integer> labels = null;
    if (hasClicked) {
      labels = new ArrayList<>(java.util.Collections.nCopies(items.size(), 0));
      List<String> clicked = ids(n, path, "clicked", false);
      for (int c = 0; c < clicked.size(); c++) {
        Integer k = index.get(clicked.get(c));
        String name = path + ".clicked[" + c + "]";
        if (k == null) throw BadRequest.of(name, quoted(clicked.get(c)) + " is not among the shown items");
        if (labels.get(k) == 1) throw BadRequest.of(name, quoted(clicked.get(c)) + " is listed twice");
        labels.set(k, 1);
      }
    } else if (hasLabels) {
      labels = labels(n.get("labels"), path + ".labels", items.size());
    }
    return new Impression(user, ts, items, labels, JsonInput.optionalId(n, path, "request_id"), JsonInput.optionalId(n, path, "model_id"));
  }

  private static boolean present(JsonNode n, String field) { return n.get(field) != null && !n.get(field).isNull(); }

  /** An array of ids; {@code nonEmpty}: at least one. At most {@link Impression#MAX_ITEMS}. */
  private List<String> ids(JsonNode obj, String path, String field, boolean nonEmpty) {
    String name = JsonInput.join(path, field);
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) throw BadRequest.of(name, "is missing");
    if (!n.isArray()) throw BadRequest.of(name, "must be an array of item ids, got " + JsonInput.kind(n));
    if (nonEmpty && n.isEmpty()) throw BadRequest.of(name, "must not be empty");
    if (n.size() > Impression.MAX_ITEMS) {
      throw BadRequest.of(name, "has " + n.size() + " items; at most " + Impression.MAX_ITEMS + " per impression");
    }
    List<String> out = new ArrayList<>(n.size());
    for (int k = 0; k < n.size(); k++) out.add(JsonInput.idValue(n.get(k), name + "[" + k + "]"));
    return out;
  }

  private static List<Integer> labels(JsonNode n, String name, int items) {
    if (!n.isArray()) throw BadRequest.of(name, "must be an array of 0/1 labels, one per item, got " + JsonInput.kind(n));
    if (n.size() != items) throw BadRequest.of(name, "has " + n.size() + " labels for " + items + " items; send one per item");
    List<Integer> out = new ArrayList<>(items);
    for (int k = 0; k < n.size(); k++) {
      JsonNode v = n.get(k);
      if (!v.isIntegralNumber() || !v.canConvertToInt() || (v.intValue() != 0 && v.intValue() != 1)) {
        throw BadRequest.of(name + "[" + k + "]", "must be 0 or 1, got " + (v.isTextual() ? quoted(v.textValue()) : v.toString()));
      }
      out.add(v.intValue());
    }
    return out;
  }

  private static String quoted(String id) { return org.r2led.data.Ids.quoted(id); }
}
