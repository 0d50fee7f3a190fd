package org.r2led.serving.http;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * The service's HTTP/1.1 connections (Jetty's, with two additions):
 *
 * <ul>
 *   <li>a request's line and headers must be complete within a deadline from its first byte. Jetty's
 *       idle timeout alone restarts at every byte, so a client trickling a header byte at a time could
 *       hold a connection (and its buffers) open indefinitely; such a connection is closed. Idle
 *       keep-alive connections between requests are left to the idle timeout;</li>
 *   <li>a request Jetty cannot parse keeps the cause in its error's reason (Jetty says only "Bad
 *       Request" for, e.g., {@code %zz} in the path), for {@link JsonErrorHandler}.</li>
 * </ul>
 */
final class Http1Connections extends HttpConnectionFactory {
  private final long millis;

  Http1Connections(HttpConfiguration config, long millis) {
    super(config);
    if (millis <= 0) throw new IllegalArgumentException("header timeout must be positive, got " + millis + " ms");
    this.millis = millis;
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    Timed c = new Timed(getHttpConfiguration(), connector, endPoint, isRecordHttpComplianceViolations(), millis);
    c.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
    c.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
    return configure(c, connector, endPoint);
  }

  private static final class Timed extends HttpConnection {
    private final long millis;
    /** Requests received (headers complete) when the current deadline was set; -1: none set. */
    private volatile long armedAt = -1;

    Timed(HttpConfiguration config, Connector connector, EndPoint endPoint, boolean record, long millis) {
      super(config, connector, endPoint, record);
      this.millis = millis;
    }

    @Override
    protected HttpChannelOverHttp newHttpChannel() {
      return new HttpChannelOverHttp(this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
        @Override
        public void badMessage(BadMessageException failure) {
          Throwable cause = failure.getCause();
          if (cause != null && "Bad Request".equals(failure.getReason())) {
            boolean path = Arrays.stream(cause.getStackTrace())
                .anyMatch(f -> f.getClassName().startsWith("org.eclipse.jetty.http.HttpURI") || f.getClassName().endsWith(".URIUtil"));
            String what = path ? "the path could not be decoded" : "the request could not be parsed";
            failure = new BadMessageException(failure.getCode(), what + " (" + cause.getMessage() + ")", cause);
          }
          super.badMessage(failure);
        }
      };
    }

    @Override
    public void onFillable() {
      // bytes arrive while the next request's line and headers are not yet parsed: start its deadline
      long received = getMessagesIn();
      if (armedAt != received && getParser().inHeaderState()) {
        armedAt = received;
        getConnector().getScheduler().schedule(() -> expire(received), millis, TimeUnit.MILLISECONDS);
      }
      super.onFillable();
    }

    private void expire(long received) {
      if (getMessagesIn() != received || !getEndPoint().isOpen()) return;
      if (getParser().isStart()) {
        armedAt = -1; // only blank lines so far: the next bytes start a new deadline
      } else if (getParser().inHeaderState()) {
        getEndPoint().close(new TimeoutException("request line and headers not complete within " + millis + " ms"));
      }
    }
  }
}
