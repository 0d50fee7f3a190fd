package org.r2led.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.http.BearerAuth;
import org.r2led.serving.http.Limits;
import org.r2led.serving.http.PemIdentity;
import org.r2led.serving.http.ServeApp;
import org.r2led.serving.http.ServerOptions;
import org.r2led.serving.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r2led serve}: the HTTP scoring service over an exported model and an event store. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve an exported model over HTTP/JSON: POST /v1/events, POST /v1/score, GET /v1/users/{id}/history, "
        + "GET /health, GET /metrics, POST /admin/reload {\"model\": DIR} (loopback clients only; swaps models without dropping "
        + "requests) (docs/serving.md). Listens on loopback unless --host says otherwise; --auth-token-file requires a "
        + "bearer token on every route but /health; --tls-cert/--tls-key serve HTTPS. Stops on SIGINT/SIGTERM.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "model directory written by `r2led export`")
  Path model;

  @Option(names = "--retriever", description = "retrieval run (`r2led retrieve train`): enables POST /v1/recommend")
  java.nio.file.Path retriever;

  @Mixin
  RetrieverOptions retrieverOptions = new RetrieverOptions();

  @Option(names = "--store", required = true, description = "event store directory (created when missing)")
  Path store;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--history-cap", defaultValue = "10000", description = "most events kept per user, oldest dropped (default: ${DEFAULT-VALUE})")
  int cap;

  @Option(names = "--auth-token-file", description = "file holding the bearer token that every route but /health requires "
      + "(Authorization: Bearer <token>); read once at start")
  Path tokenFile;

  @Option(names = "--tls-cert", description = "PEM certificate chain (server certificate first): serve HTTPS (with --tls-key)")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM private key of --tls-cert, unencrypted PKCS#8 (BEGIN PRIVATE KEY), RSA or EC")
  Path tlsKey;

  @Option(names = "--idle-timeout", defaultValue = "30", description = "seconds a connection may stay without traffic (default: ${DEFAULT-VALUE})")
  double idleTimeout;

  @Option(names = "--header-timeout", defaultValue = "10",
      description = "seconds a request's line and headers may take from its first byte (default: ${DEFAULT-VALUE})")
  double headerTimeout;

  @Mixin ScoringThreadOptions threads;

  @Override
  public Integer call() throws InterruptedException {
    ServerOptions options = options(System.err);
    ScoringModel m = ScoringModel.load(model);
    threads.applyIntraOp();
    EventStore s = EventStore.open(store, cap);
    ServeApp app = new ServeApp(m, s, Limits.DEFAULT, options);
    if (retriever != null) {
      org.r2led.recall.RecallRun.Loaded r = retrieverOptions.load(retriever);
      app.withRetriever(r.retriever(), r.dataset(), retrieverOptions.retrievalWeight);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      s.close();
      stopped.countDown();
    }, "r2led-serve-shutdown"));
    int bound = app.start(host, port);
    String scheme = options.tls() == null ? "http" : "https";
    System.out.println("serving " + m.manifest().model() + " (model id " + m.modelId() + ") on " + scheme + "://" + host + ":" + bound);
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** The server options of the command line (token and TLS files read now); warnings go to {@code err}. */
  ServerOptions options(PrintStream err) {
    if (!(idleTimeout > 0) || !(headerTimeout > 0)) throw new IllegalArgumentException("--idle-timeout and --header-timeout must be > 0");
    if ((tlsCert == null) != (tlsKey == null)) throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    ServerOptions o = threads.serverOptions().withTimeouts(Math.round(idleTimeout * 1000), Math.round(headerTimeout * 1000));
    if (tokenFile != null) o = o.withAuth(BearerAuth.fromFile(tokenFile, err));
    if (tlsCert != null) o = o.withTls(PemIdentity.load(tlsCert, tlsKey));
    String warning = exposureWarning(host, o.auth() != null, o.tls() != null);
    if (warning != null) err.println(warning);
    return o;
  }

  /** A warning when a non-loopback {@code host} is served without a token, or a token travels without TLS; else null. */
  static String exposureWarning(String host, boolean token, boolean tls) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (loopback) return null;
    if (!token) {
      return "warning: listening on " + host + " without --auth-token-file: anyone who can reach this address can post events, "
          + "read histories and score (docs/serving.md#access-control)";
    }
    if (!tls) {
      return "warning: listening on " + host + " without --tls-cert/--tls-key: the bearer token and the data cross the network "
          + "in clear text unless a TLS reverse proxy is in front (docs/serving.md#tls)";
    }
    return null;
  }
}
