package org.r2led.serving.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.store.EventStore;
import org.r2led.serving.store.StoreUnavailableException;

/**
 * The HTTP service ({@code r2led serve}): event and impression ingestion, scoring, history pages, health and metrics
 * over one {@link ScoringModel} and one {@link EventStore} (API: docs/serving.md). Client errors are
 * 4xx JSON {@code {error, field, status}}; only a fault of the server itself is a 500.
 *
 * <p>{@code POST /admin/reload {"model": DIR}} (from a loopback address only) loads another model
 * directory completely (checksums verified) and then swaps it in. Requests already scoring finish on
 * the model they started with; a model holds no native memory between calls (parameters are Java
 * arrays, each call frees its own NDManager), so the old one is simply dropped once unreferenced.
 * {@code POST /admin/learn-cycle} (loopback only) takes the learner's report of a cycle for {@code /metrics}
 * ({@link LearnCycleRoute}).
 *
 * <p>{@link ServerOptions} adds a bearer token (every route but {@code /health}), HTTPS, the idle and
 * header timeouts, a bounded scoring queue (503 with {@code Retry-After} beyond it) and the most Jetty
 * threads. Requests Jetty refuses itself get the same JSON errors ({@link JsonErrorHandler}).
 */
public final class ServeApp implements AutoCloseable {
  static final Set<String> RELOAD_FIELDS = Set.of("model");

  private final AtomicReference<ScoringModel> model;
  private final ReentrantLock reloading = new ReentrantLock();
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicLong failedReloads = new AtomicLong();
  private final AtomicLong loadedAt = new AtomicLong(System.currentTimeMillis());
  private final Limits limits;
  private final EventStore store;
  private final ServeMetrics metrics = new ServeMetrics();
  private final Javalin app;
  private final ScoringPool scoring;
  private final ServerOptions options;
  private volatile String listenHost;
  private volatile int listenPort;

  /**
   * With {@link ServerOptions#defaults}: plain HTTP, no token.
   *
   * @param scoringThreads most scoring calls running at once (about the number of cores)
   */
  public ServeApp(ScoringModel model, EventStore store, Limits limits, int scoringThreads) {
    this(model, store, limits, ServerOptions.defaults(scoringThreads));
  }

  public ServeApp(ScoringModel model, EventStore store, Limits limits, ServerOptions options) {
    this.model = new AtomicReference<>(model);
    this.limits = limits;
    this.store = store;
    this.options = options;
    EventsRoute events = new EventsRoute(store, limits);
    ImpressionsRoute impressions = new ImpressionsRoute(store, limits);
    this.scoring = new ScoringPool(options.scoringThreads(), options.scoringQueue());
    ScoreRoute score = new ScoreRoute(this.model::get, store, limits, scoring);
    HistoryRoute history = new HistoryRoute(store, limits);
    LearnCycleRoute learnCycles = new LearnCycleRoute(limits);
    metrics.gauge("Estimated keys in the event store (events, one count per user, impressions and their user index, metadata).", "r2led_store_keys_estimate",
        () -> " " + store.estimatedKeys());
    metrics.gauge("Estimated bytes of the event store (SST files and memtables).", "r2led_store_bytes_estimate",
        () -> " " + store.estimatedBytes());
    metrics.gauge("1 when the event store accepts writes, 0 while a write failure (e.g. a full disk) lasts.",
        "r2led_store_writable", () -> " " + (store.writeState().writable() ? 1 : 0));
    metrics.counter("Stored events skipped on read because their ids break the id rule (written by an earlier build).",
        "r2led_store_invalid_events_skipped_total", () -> " " + store.invalidEventsSkipped());
    metrics.gauge("The model being served (its version: model_id).", "r2led_model_info", () -> {
      ScoringModel m = this.model.get();
      return "{model=\"" + ServeMetrics.escape(m.manifest().model()) + "\",model_id=\"" + m.modelId()
          + "\",format_version=\"" + m.manifest().formatVersion() + "\"} 1";
    });
    metrics.gauge("Successful model reloads since start.", "r2led_model_reloads", () -> " " + reloads.get());
    metrics.gauge("Score requests waiting for a scoring thread.", "r2led_scoring_queue_depth", () -> " " + scoring.waiting());
    metrics.counter("Score requests refused with 503 because the scoring queue was full.", "r2led_scoring_rejected_total",
        () -> " " + scoring.rejected());
    metrics.gauge("When the served model was loaded, Unix seconds.", "r2led_model_loaded_timestamp_seconds",
        () -> " " + loadedAt.get() / 1000);
    metrics.block(learnCycles::metrics);
    app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = limits.maxBodyBytes();
      config.http.prefer405over404 = true;
      QueuedThreadPool threads = new QueuedThreadPool(options.httpThreads(), Math.min(8, options.httpThreads()), 60_000);
      threads.setName("r2led-http");
      config.jetty.threadPool = threads;
      config.jetty.modifyServer(server -> {
        server.setErrorHandler(new JsonErrorHandler());
        server.insertHandler(new ShedHandler());
      });
      config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
      config.jetty.addConnector(this::connector);
      config.requestLogger.http((ctx, ms) -> metrics.record(route(ctx), ctx.statusCode(), Math.round(ms * 1e6)));
    });
    if (options.auth() != null) app.before(ctx -> authorize(ctx, options.auth()));
    app.post("/v1/events", events::handle);
    app.post("/v1/impressions", impressions::handle);
    app.post("/v1/score", score::handle);
    app.get("/v1/users/{id}/history", history::handle);
    app.post("/admin/reload", this::reload);
    app.post("/admin/learn-cycle", learnCycles::handle);
    app.get("/health", this::health);
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
    app.exception(BadRequest.class, (e, ctx) -> Responses.error(ctx, e.status, e.field, e.getMessage()));
    app.exception(StoreUnavailableException.class, (e, ctx) -> unavailable(ctx, e.getMessage()));
    app.exception(ScoringPool.Overloaded.class, (e, ctx) -> unavailable(ctx, e.getMessage()));
    app.exception(HttpResponseException.class, (e, ctx) -> {
      if (e.getStatus() == 405) {
        // a known path with another method: Javalin lists the path's methods in the details
        String allow = e.getDetails().values().stream().findFirst().orElse("");
        ctx.header("Allow", allow);
        Responses.error(ctx, 405, "method", "method " + ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allow);
      } else {
        Responses.error(ctx, e.getStatus(), e.getStatus() == 404 ? "path" : "body", e.getMessage());
      }
    });
    app.exception(Exception.class, (e, ctx) -> {
      org.slf4j.LoggerFactory.getLogger(ServeApp.class).error("request failed: " + ctx.method() + " " + ctx.path(), e);
      Responses.error(ctx, 500, null, "internal error: " + e.getClass().getSimpleName());
    });
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
        Responses.error(ctx, 404, "path", "no route " + ctx.method() + " " + ctx.path());
      }
    });
  }

  /**
   * Sheds score requests while every scoring place is taken before Javalin sees them: a 503 written here
   * costs a fraction of one routed through Javalin, and under a burst of hundreds of requests the cores
   * that the shed requests do not take go to the admitted ones. The score route still takes its place
   * (and refuses the same way) for requests that get past.
   */
  private final class ShedHandler extends HandlerWrapper {
    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      if (scoring.full() && "/v1/score".equals(target) && "POST".equals(request.getMethod())
          && (options.auth() == null || options.auth().accepts(request.getHeader("Authorization")))) {
        long t0 = System.nanoTime();
        byte[] body = Responses.write(Responses.errorBody(503, null, scoring.refusal().getMessage())).getBytes(StandardCharsets.UTF_8);
        base.setHandled(true);
        response.setStatus(503);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        metrics.record("/v1/score", 503, System.nanoTime() - t0);
        return;
      }
      super.handle(target, base, request, response);
    }
  }

  /** 401 unless the request carries the token; {@code /health} is open to probes. */
  private static void authorize(Context ctx, BearerAuth auth) {
    if (ctx.path().equals("/health")) return;
    String presented = ctx.header("Authorization");
    if (auth.accepts(presented)) return;
    ctx.header("WWW-Authenticate", presented == null ? "Bearer realm=\"r2led\"" : "Bearer realm=\"r2led\", error=\"invalid_token\"");
    throw new BadRequest(401, "Authorization", presented == null
        ? "this service requires the header Authorization: Bearer <token>"
        : "the Authorization header does not carry the service's bearer token");
  }

  /** The listening connector: HTTP or HTTPS, the idle timeout and the header deadline of {@link #options}. */
  private Connector connector(Server server, HttpConfiguration javalinConfig) {
    HttpConfiguration config = new HttpConfiguration(javalinConfig);
    ServerConnector c;
    if (options.tls() == null) {
      c = new ServerConnector(server, new Http1Connections(config, options.headerTimeoutMillis()));
    } else {
      config.addCustomizer(new SecureRequestCustomizer(false)); // one certificate: clients may connect by address
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(options.tls());
      ssl.setKeyStorePassword(PemIdentity.PASSWORD);
      Http1Connections http = new Http1Connections(config, options.headerTimeoutMillis());
      c = new ServerConnector(server, new SslConnectionFactory(ssl, http.getProtocol()), http);
    }
    c.setHost(listenHost);
    c.setPort(listenPort);
    c.setIdleTimeout(options.idleTimeoutMillis());
    return c;
  }

  /** The scoring threads and their queue (tests saturate it). */
  ScoringPool scoringPool() { return scoring; }

  /**
   * Seconds a client is asked to wait after a 503: a full scoring queue drains in milliseconds, and a
   * store whose writes failed retries its reopen once per {@link EventStore#RECOVERY_INTERVAL_MS}.
   */
  static final String RETRY_AFTER_SECONDS = String.valueOf(Math.max(1, EventStore.RECOVERY_INTERVAL_MS / 1000));

  /** A 503 the client may retry: shed (scoring queue full) or the store not accepting writes yet. */
  private static void unavailable(Context ctx, String message) {
    ctx.header("Retry-After", RETRY_AFTER_SECONDS);
    Responses.error(ctx, 503, null, message);
  }

  /** The model being served now. */
  public ScoringModel model() { return model.get(); }

  /**
   * Loads {@code dir} completely, then makes it the served model; returns the previous one. Requests
   * that already hold the previous model finish on it. Reloads run one at a time.
   */
  public ScoringModel reload(Path dir) {
    reloading.lock();
    try {
      ScoringModel next = ScoringModel.load(dir);
      ScoringModel previous = model.getAndSet(next);
      loadedAt.set(System.currentTimeMillis());
      reloads.incrementAndGet();
      return previous;
    } finally {
      reloading.unlock();
    }
  }

  /** A 403 unless the request comes from a loopback address (the admin routes). */
  static void requireLoopback(Context ctx, String route) {
    if (!loopback(ctx.req().getRemoteAddr())) throw new BadRequest(403, "path", route + " is only served to loopback clients");
  }

  private void reload(Context ctx) {
    requireLoopback(ctx, "/admin/reload");
    var body = JsonInput.object(JsonInput.body(ctx, limits.maxBodyBytes()), "", RELOAD_FIELDS);
    Path dir;
    try {
      dir = Path.of(JsonInput.id(body, "", "model"));
    } catch (java.nio.file.InvalidPathException e) {
      throw BadRequest.of("model", "is not a path: " + e.getMessage());
    }
    long t0 = System.nanoTime();
    ScoringModel previous;
    try {
      previous = reload(dir);
    } catch (RuntimeException e) {
      // a missing, damaged or incompatible directory: the served model stays
      failedReloads.incrementAndGet();
      throw new BadRequest(422, "model", "cannot load " + dir + ": " + e.getMessage());
    }
    ScoringModel now = model.get();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", now.manifest().model());
    out.put("model_id", now.modelId());
    out.put("previous_model_id", previous.modelId());
    out.put("load_seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1e3);
    Responses.json(ctx, 200, out);
  }

  private static boolean loopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * {@code GET /health}: 200 when the node can serve every route, 503 when the event store does not
   * accept writes (a load balancer then takes the node out; the store recovers by itself once the disk
   * has space, see {@link EventStore}). Served without a token: it names no path and no error text.
   */
  private void health(Context ctx) {
    ScoringModel model = this.model.get();
    EventStore.WriteState w = store.writeState();
    Map<String, Object> storeState = new LinkedHashMap<>();
    storeState.put("writable", w.writable());
    if (!w.writable()) {
      storeState.put("since", w.sinceMillis() / 1000);
      storeState.put("reason", w.error() != null && w.error().contains("No space left") ? "no space left on device"
          : "write failed (see the server log)");
    }
    Map<String, Object> modelState = new LinkedHashMap<>();
    modelState.put("loaded", true);
    modelState.put("loaded_at", loadedAt.get() / 1000);
    modelState.put("reloads", reloads.get());
    modelState.put("failed_reloads", failedReloads.get());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", w.writable() ? "ok" : "unavailable");
    out.put("model", model.manifest().model());
    out.put("model_id", model.modelId());
    out.put("history_cap", store.cap());
    out.put("store", storeState);
    out.put("model_state", modelState);
    if (!w.writable()) ctx.header("Retry-After", RETRY_AFTER_SECONDS);
    Responses.json(ctx, w.writable() ? 200 : 503, out);
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

  /**
   * Adds {@code POST /v1/recommend}: {@code retriever}'s candidates (ids of {@code dataset}) re-ranked by
   * the served model (by its score alone); items the user already has are left out by the dataset's default
   * (rating data) or on request ({@code keep_seen}). Call before {@link #start}.
   */
  public ServeApp withRetriever(org.r2led.recall.Retriever retriever, org.r2led.data.PreparedDataset dataset) {
    return withRetriever(retriever, dataset, 0);
  }

  /** As {@link #withRetriever(org.r2led.recall.Retriever, org.r2led.data.PreparedDataset)}, the final order blending
   *  the two stages' ranks with the retriever's share {@code retrievalWeight} ({@code TwoStage.Scored#top}). */
  public ServeApp withRetriever(org.r2led.recall.Retriever retriever, org.r2led.data.PreparedDataset dataset,
      double retrievalWeight) {
    org.r2led.recall.TwoStage two = new org.r2led.recall.TwoStage(retriever, model::get, dataset, retrievalWeight);
    app.post("/v1/recommend", new RecommendRoute(two, model::get, store, limits)::handle);
    return this;
  }

  /** Starts listening; returns the bound port (a free one when {@code port} is 0). */
  public int start(String host, int port) {
    listenHost = host;
    listenPort = port;
    app.start(host, port);
    return app.port();
  }

  /** Stops the server; the model and store stay open (close the store after this). */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      scoring.close();
    }
  }
}
