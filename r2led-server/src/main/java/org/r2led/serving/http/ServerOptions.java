package org.r2led.serving.http;

import java.security.KeyStore;

/**
 * How the service listens, authenticates and sheds load (docs/serving.md#http-service).
 *
 * @param scoringThreads most scoring calls at once (about the number of cores)
 * @param scoringQueue most score requests waiting for a scoring thread; more are answered 503
 * @param httpThreads most Jetty threads (acceptor, selector and request threads together)
 * @param idleTimeoutMillis a connection with no traffic for this long is closed
 * @param headerTimeoutMillis a request's line and headers must be complete this long after its first byte
 * @param auth the bearer token required on every route but {@code /health}, or null for none
 * @param tls the key store of {@link PemIdentity} for HTTPS, or null for plain HTTP
 */
public record ServerOptions(int scoringThreads, int scoringQueue, int httpThreads, long idleTimeoutMillis,
    long headerTimeoutMillis, BearerAuth auth, KeyStore tls) {
  /** Default score requests allowed to wait, per scoring thread. */
  public static final int QUEUE_PER_THREAD = 2;
  /** Default most Jetty threads. */
  public static final int HTTP_THREADS = 64;
  /** Default idle timeout, ms. */
  public static final long IDLE_TIMEOUT_MILLIS = 30_000;
  /** Default deadline for a request's line and headers, ms. */
  public static final long HEADER_TIMEOUT_MILLIS = 10_000;

  public ServerOptions {
    if (scoringThreads < 1) throw new IllegalArgumentException("scoring threads must be at least 1, got " + scoringThreads);
    if (scoringQueue < 0) throw new IllegalArgumentException("scoring queue must be at least 0, got " + scoringQueue);
    if (httpThreads < 8) throw new IllegalArgumentException("HTTP threads must be at least 8, got " + httpThreads);
    if (idleTimeoutMillis < 1 || headerTimeoutMillis < 1) throw new IllegalArgumentException("timeouts must be positive");
  }

  /** Plain HTTP without a token, {@code scoringThreads} threads with the default queue, timeouts and HTTP threads. */
  public static ServerOptions defaults(int scoringThreads) {
    return new ServerOptions(scoringThreads, QUEUE_PER_THREAD * scoringThreads, HTTP_THREADS, IDLE_TIMEOUT_MILLIS,
        HEADER_TIMEOUT_MILLIS, null, null);
  }

  public ServerOptions withScoringQueue(int queue) {
    return new ServerOptions(scoringThreads, queue, httpThreads, idleTimeoutMillis, headerTimeoutMillis, auth, tls);
  }

  public ServerOptions withHttpThreads(int threads) {
    return new ServerOptions(scoringThreads, scoringQueue, threads, idleTimeoutMillis, headerTimeoutMillis, auth, tls);
  }

  public ServerOptions withTimeouts(long idleMillis, long headerMillis) {
    return new ServerOptions(scoringThreads, scoringQueue, httpThreads, idleMillis, headerMillis, auth, tls);
  }

  public ServerOptions withAuth(BearerAuth token) {
    return new ServerOptions(scoringThreads, scoringQueue, httpThreads, idleTimeoutMillis, headerTimeoutMillis, token, tls);
  }

  public ServerOptions withTls(KeyStore keyStore) {
    return new ServerOptions(scoringThreads, scoringQueue, httpThreads, idleTimeoutMillis, headerTimeoutMillis, auth, keyStore);
  }
}
