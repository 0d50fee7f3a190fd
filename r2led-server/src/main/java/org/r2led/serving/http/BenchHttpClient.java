package org.r2led.serving.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The load generator's HTTP/1.1 client: one keep-alive connection, one request at a time, blocking
 * socket I/O on the calling thread (as {@code wrk} or {@code ab} do), so a measured latency is the
 * service's plus loopback transport, not a general-purpose client's thread hand-offs. Not thread-safe:
 * one per client thread. Reconnects after any I/O error.
 */
final class BenchHttpClient implements AutoCloseable {
  /** A response: status, headers (lower-case names) and body. */
  record Response(int status, Map<String, String> headers, String body) {}

  private final String host;
  private final int port;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  BenchHttpClient(URI url) {
    this.host = url.getHost();
    this.port = url.getPort() < 0 ? 80 : url.getPort();
  }

  /** POSTs a JSON body to {@code path}; null when the request failed (connection error, malformed response). */
  Response post(String path, byte[] json) {
    try {
      if (socket == null) connect();
      String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
          + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(json);
      out.flush();
      return read();
    } catch (IOException | RuntimeException e) {
      close();
      return null;
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress(host, port), 10_000);
    s.setSoTimeout(30_000);
    socket = s;
    out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
    in = new BufferedInputStream(s.getInputStream(), 1 << 16);
  }

  private Response read() throws IOException {
    String status = line();
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("not an HTTP response: " + status);
    int code = Integer.parseInt(parts[1]);
    Map<String, String> headers = new HashMap<>();
    for (String h; !(h = line()).isEmpty(); ) {
      int c = h.indexOf(':');
      if (c > 0) headers.put(h.substring(0, c).trim().toLowerCase(Locale.ROOT), h.substring(c + 1).trim());
    }
    byte[] body;
    String length = headers.get("content-length");
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int n; (n = Integer.parseInt(line().split(";", 2)[0].trim(), 16)) > 0; ) {
        b.write(in.readNBytes(n));
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
      body = b.toByteArray();
    } else {
      throw new IOException("response without Content-Length or chunked body");
    }
    if ("close".equalsIgnoreCase(headers.get("connection"))) close();
    return new Response(code, headers, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) throw new IOException("connection closed");
      if (c != '\r') sb.append((char) c);
    }
    return sb.toString();
  }

  @Override
  public void close() {
    try {
      if (socket != null) socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    socket = null;
  }
}
