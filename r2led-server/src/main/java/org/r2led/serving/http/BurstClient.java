package org.r2led.serving.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The load generator's burst client: {@code n} keep-alive HTTP/1.1 connections driven by one selector
 * thread, which writes one request on every connection at once and then reads every answer. Unlike
 * {@code n} blocking client threads, it adds one runnable thread, not {@code n}, to the machine the
 * service runs on, so a burst of hundreds of requests measures the service rather than the scheduler.
 * Not thread-safe.
 */
final class BurstClient implements AutoCloseable {
  /**
   * One answer: HTTP status (-1: none, the connection failed or timed out), latency, Retry-After and
   * Server-Timing or null, body.
   */
  record Answer(int status, long nanos, String retryAfter, String serverTiming, String body) {}

  private final InetSocketAddress address;
  private final Selector selector;
  private final SocketChannel[] channels;

  BurstClient(URI url, int connections) throws IOException {
    this.address = new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
    this.selector = Selector.open();
    this.channels = new SocketChannel[connections];
  }

  /** A response being read on one connection. */
  private static final class Exchange {
    final int index;
    final ByteBuffer out;
    long start;
    byte[] in = new byte[16 << 10];
    int length;

    Exchange(int index, byte[] request) {
      this.index = index;
      this.out = ByteBuffer.wrap(request);
    }
  }

  /**
   * Writes {@code requests[i]} (complete HTTP/1.1 requests) on connection {@code i}, all at once, and
   * waits at most {@code timeoutNanos} for every answer. A connection that failed is reopened next time.
   */
  Answer[] fire(byte[][] requests, long timeoutNanos) throws IOException {
    int n = channels.length;
    if (requests.length != n) throw new IllegalArgumentException(n + " connections, " + requests.length + " requests");
    Answer[] answers = new Answer[n];
    for (int i = 0; i < n; i++) {
      if (channels[i] == null || !channels[i].isOpen()) channels[i] = open();
    }
    int open = 0;
    for (int i = 0; i < n; i++) {
      Exchange x = new Exchange(i, requests[i]);
      x.start = System.nanoTime();
      try {
        channels[i].write(x.out);
        channels[i].register(selector, SelectionKey.OP_READ | (x.out.hasRemaining() ? SelectionKey.OP_WRITE : 0), x);
        open++;
      } catch (IOException e) {
        answers[i] = fail(i, x.start);
      }
    }
    long deadline = System.nanoTime() + timeoutNanos;
    while (open > 0) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) break;
      selector.select(left);
      for (SelectionKey k : selector.selectedKeys()) {
        Exchange x = (Exchange) k.attachment();
        Answer a;
        try {
          a = step(k, x);
        } catch (IOException | RuntimeException e) {
          a = fail(x.index, x.start);
        }
        if (a != null) {
          answers[x.index] = a;
          k.cancel();
          open--;
        }
      }
      selector.selectedKeys().clear();
    }
    for (int i = 0; i < n; i++) {
      if (answers[i] == null) answers[i] = fail(i, 0);
    }
    selector.selectNow(); // flushes the cancelled keys so that the channels can be registered again
    return answers;
  }

  /** Progress on one connection: the answer once complete, else null. */
  private Answer step(SelectionKey k, Exchange x) throws IOException {
    SocketChannel c = (SocketChannel) k.channel();
    if (k.isWritable()) {
      c.write(x.out);
      if (!x.out.hasRemaining()) k.interestOps(SelectionKey.OP_READ);
    }
    if (!k.isReadable()) return null;
    if (x.length == x.in.length) x.in = Arrays.copyOf(x.in, x.in.length * 2);
    int r = c.read(ByteBuffer.wrap(x.in, x.length, x.in.length - x.length));
    if (r < 0) throw new IOException("connection closed");
    x.length += r;
    return parse(x, c);
  }

  /** The answer when {@code x} holds a whole response (head and Content-Length body), else null. */
  private static Answer parse(Exchange x, SocketChannel c) throws IOException {
    String text = new String(x.in, 0, x.length, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) return null;
    String[] lines = text.substring(0, end).split("\r\n");
    int length = -1;
    String retryAfter = null;
    String serverTiming = null;
    boolean close = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon < 0) continue;
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      if (name.equals("content-length")) length = Integer.parseInt(value);
      else if (name.equals("retry-after")) retryAfter = value;
      else if (name.equals("server-timing")) serverTiming = value;
      else if (name.equals("connection")) close = value.equalsIgnoreCase("close");
    }
    if (length < 0) throw new IOException("response without Content-Length");
    if (x.length < end + 4 + length) return null;
    long nanos = System.nanoTime() - x.start;
    if (close) c.close();
    int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
    return new Answer(status, nanos, retryAfter, serverTiming, new String(x.in, end + 4, length, StandardCharsets.UTF_8));
  }

  private Answer fail(int i, long start) {
    try {
      if (channels[i] != null) channels[i].close();
    } catch (IOException e) {
      // closing anyway
    }
    return new Answer(-1, start == 0 ? 0 : System.nanoTime() - start, null, null, "");
  }

  private SocketChannel open() throws IOException {
    SocketChannel c = SocketChannel.open();
    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
    c.socket().connect(address, 10_000);
    c.configureBlocking(false);
    return c;
  }

  @Override
  public void close() throws IOException {
    for (SocketChannel c : channels) {
      if (c != null) c.close();
    }
    selector.close();
  }
}
