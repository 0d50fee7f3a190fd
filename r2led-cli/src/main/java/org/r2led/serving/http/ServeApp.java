package org.r2led.serving.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.store.EventStore;

/**
 * The HTTP service ({@code r2led serve}): event ingestion, scoring, history pages, health and metrics
 * over one {@link ScoringModel} and one {@link EventStore} (API: docs/serving.md). Client errors are
 * 4xx JSON {@code {error, field, status}}; only a fault of the server itself is a 500.
 */
public final class ServeApp implements AutoCloseable {
  private final ScoringModel model;
  private final EventStore store;
  private final ServeMetrics metrics = new ServeMetrics();
  private final Javalin app;

  /**
   * @param scoringThreads most scoring calls running at once (about the number of cores)
   */
  public ServeApp(ScoringModel model, EventStore store, Limits limits, int scoringThreads) {
    this.model = model;
    this.store = store;
    EventsRoute events = new EventsRoute(store, limits);
    ScoreRoute score = new ScoreRoute(model, store, limits, scoringThreads);
    HistoryRoute history = new HistoryRoute(store, limits);
    metrics.gauge("Estimated keys in the event store (events, one count per user, metadata).", "r2led_store_keys_estimate",
        () -> " " + store.estimatedKeys());
    metrics.gauge("Estimated bytes of the event store (SST files and memtables).", "r2led_store_bytes_estimate",
        () -> " " + store.estimatedBytes());
    metrics.gauge("The model being served.", "r2led_model_info", () -> "{model=\"" + ServeMetrics.escape(model.manifest().model())
        + "\",model_id=\"" + model.modelId() + "\",format_version=\"" + model.manifest().formatVersion() + "\"} 1");
    app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = limits.maxBodyBytes();
      config.requestLogger.http((ctx, ms) -> metrics.record(route(ctx), ctx.statusCode(), Math.round(ms * 1e6)));
    });
    app.post("/v1/events", events::handle);
    app.post("/v1/score", score::handle);
    app.get("/v1/users/{id}/history", history::handle);
    app.get("/health", this::health);
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
    app.exception(BadRequest.class, (e, ctx) -> Responses.error(ctx, e.status, e.field, e.getMessage()));
    app.exception(HttpResponseException.class, (e, ctx) -> Responses.error(ctx, e.getStatus(),
        e.getStatus() == 404 ? "path" : e.getStatus() == 405 ? "method" : "body", e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> {
      org.slf4j.LoggerFactory.getLogger(ServeApp.class).error("request failed: " + ctx.method() + " " + ctx.path(), e);
      Responses.error(ctx, 500, null, "internal error: " + e.getClass().getSimpleName());
    });
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
        Responses.error(ctx, 404, "path", "no route " + ctx.method() + " " + ctx.path());
      }
    });
    app.error(405, ctx -> Responses.error(ctx, 405, "method", "method " + ctx.method() + " not allowed on " + ctx.path()));
  }

  private void health(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put("model", model.manifest().model());
    out.put("model_id", model.modelId());
    out.put("history_cap", store.cap());
    Responses.json(ctx, 200, out);
  }

  /** The matched route pattern, or "unmatched". */
  private static String route(Context ctx) {
    try {
      String p = ctx.endpointHandlerPath();
      return p == null || p.isEmpty() || p.equals("*") ? "unmatched" : p;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  /** Starts listening; returns the bound port (a free one when {@code port} is 0). */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  /** Stops the server; the model and store stay open (close the store after this). */
  @Override
  public void close() { app.stop(); }
}
