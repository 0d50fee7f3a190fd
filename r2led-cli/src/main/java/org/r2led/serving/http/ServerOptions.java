package org.r2led.serving.http;

/**
 * How the service listens (docs/serving.md#http-service).
 *
 * @param scoringThreads most scoring calls at once (about the number of cores)
 * @param httpThreads most Jetty threads (acceptor, selector and request threads together)
 * @param idleTimeoutMillis a connection with no traffic for this long is closed
 * @param headerTimeoutMillis a request's line and headers must be complete this long after its first byte
 */
public record ServerOptions(int scoringThreads, int httpThreads, long idleTimeoutMillis, long headerTimeoutMillis) {
  /** Default most Jetty threads. */
  public static final int HTTP_THREADS = 64;
  /** Default idle timeout, ms. */
  public static final long IDLE_TIMEOUT_MILLIS = 30_000;
  /** Default deadline for a request's line and headers, ms. */
  public static final long HEADER_TIMEOUT_MILLIS = 10_000;

  public ServerOptions {
    if (scoringThreads < 1) throw new IllegalArgumentException("scoring threads must be at least 1, got " + scoringThreads);
    if (httpThreads < 8) throw new IllegalArgumentException("HTTP threads must be at least 8, got " + httpThreads);
    if (idleTimeoutMillis < 1 || headerTimeoutMillis < 1) throw new IllegalArgumentException("timeouts must be positive");
  }

  /** {@code scoringThreads} threads with the default timeouts and HTTP threads. */
  public static ServerOptions defaults(int scoringThreads) {
    return new ServerOptions(scoringThreads, HTTP_THREADS, IDLE_TIMEOUT_MILLIS, HEADER_TIMEOUT_MILLIS);
  }

  public ServerOptions withHttpThreads(int threads) {
    return new ServerOptions(scoringThreads, threads, idleTimeoutMillis, headerTimeoutMillis);
  }

  public ServerOptions withTimeouts(long idleMillis, long headerMillis) {
    return new ServerOptions(scoringThreads, httpThreads, idleMillis, headerMillis);
  }
}
