package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.r2led.serving.http.ServerOptions;

/**
 * Slow clients: headers trickled a byte at a time (each byte well within the idle timeout) are cut off
 * at the header deadline, a silent connection at the idle timeout, while a keep-alive connection that
 * pauses between requests keeps working (before, trickled headers kept connections open for as long
 * as the client liked).
 */
class ServeTimeoutTest {
  static final long IDLE_MS = 2_000;
  static final long HEADER_MS = 1_000;
  static ServeFixture.Served served;

  @BeforeAll
  static void start() {
    served = ServeFixture.serve(ServerOptions.defaults(1).withTimeouts(IDLE_MS, HEADER_MS));
  }

  @AfterAll
  static void stop() { served.close(); }

  /** True when the server has closed {@code s} (end of stream or reset); waits at most {@code ms}. */
  static boolean closed(Socket s, int ms) throws IOException {
    s.setSoTimeout(ms);
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void trickledHeadersAreCutOffAtTheHeaderDeadline() throws Exception {
    byte[] request = ("GET /health HTTP/1.1\r\nHost: x\r\n" + "X-Slow: abcdefghijklmnopqrstuvwxyz0123456789\r\n".repeat(10) + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) sockets.add(new Socket("127.0.0.1", served.port()));
      long t0 = System.nanoTime();
      long[] closedAfter = new long[sockets.size()];
      int open = sockets.size();
      // one byte per socket every 100 ms (20x faster than the idle timeout): the whole request would take 44 s
      for (int b = 0; b < request.length && open > 0 && System.nanoTime() - t0 < 15_000_000_000L; b++) {
        for (int i = 0; i < sockets.size(); i++) {
          if (closedAfter[i] > 0) continue;
          Socket s = sockets.get(i);
          try {
            s.getOutputStream().write(request[b]);
            s.getOutputStream().flush();
          } catch (IOException e) {
            // closed: seen below
          }
          if (closed(s, 1)) {
            closedAfter[i] = System.nanoTime() - t0;
            open--;
          }
        }
        Thread.sleep(100);
      }
      assertEquals(0, open, "every trickling connection is closed");
      for (long ns : closedAfter) {
        assertTrue(ns >= HEADER_MS * 1_000_000 * 8 / 10, "not before the deadline: " + ns / 1e6 + " ms");
        assertTrue(ns <= (HEADER_MS + 1_500) * 1_000_000, "within the deadline (plus scheduling slack): " + ns / 1e6 + " ms");
      }
    } finally {
      for (Socket s : sockets) s.close();
    }
  }

  @Test
  void aSilentConnectionIsClosedAtTheIdleTimeout() throws Exception {
    try (Socket s = new Socket("127.0.0.1", served.port())) {
      long t0 = System.nanoTime();
      assertTrue(closed(s, (int) IDLE_MS + 3_000), "closed by the server");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= IDLE_MS * 8 / 10 && ms <= IDLE_MS + 1_500, "closed after " + ms + " ms");
    }
  }

  @Test
  void aKeepAliveConnectionMayPauseBetweenRequests() throws Exception {
    byte[] get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try (Socket s = new Socket("127.0.0.1", served.port())) {
      for (int i = 0; i < 2; i++) {
        s.getOutputStream().write(get);
        s.getOutputStream().flush();
        assertTrue(readResponse(s.getInputStream()).startsWith("HTTP/1.1 200"));
        Thread.sleep(HEADER_MS * 3 / 2); // longer than the header deadline, shorter than the idle timeout
      }
    }
  }

  /** One response with a Content-Length body, as text. */
  static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) throw new IOException("closed after " + head);
      head.append((char) c);
    }
    String h = head.toString();
    int at = h.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
    int length = Integer.parseInt(h.substring(at + 15, h.indexOf("\r\n", at)).trim());
    return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
