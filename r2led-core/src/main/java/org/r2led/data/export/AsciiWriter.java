package org.r2led.data.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Buffered writer of tab-separated ASCII integers and UTF-8 text; formats ints without allocating. */
final class AsciiWriter {
  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private int n;

  AsciiWriter(OutputStream out) {
    this.out = out;
  }

  AsciiWriter writeInt(int v) throws IOException {
    if (n + 11 > buf.length) flushBuffer();
    if (v < 0) {
      if (v == Integer.MIN_VALUE) return text(Integer.toString(v));
      buf[n++] = '-';
      v = -v;
    }
    int start = n;
    do {
      buf[n++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (int i = start, j = n - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
    return this;
  }

  AsciiWriter writeLong(long v) throws IOException {
    if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) return writeInt((int) v);
    if (n + 20 > buf.length) flushBuffer();
    if (v < 0) {
      if (v == Long.MIN_VALUE) return text(Long.toString(v));
      buf[n++] = '-';
      v = -v;
    }
    int start = n;
    do {
      buf[n++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (int i = start, j = n - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
    return this;
  }

  AsciiWriter ch(char c) throws IOException {
    if (n == buf.length) flushBuffer();
    buf[n++] = (byte) c;
    return this;
  }

  AsciiWriter text(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (n + b.length > buf.length) flushBuffer();
    if (b.length > buf.length) {
      out.write(b);
    } else {
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }
    return this;
  }

  /** Writes {@code v[0..len)} separated by single spaces. */
  AsciiWriter ints(int[] v, int len) throws IOException {
    for (int i = 0; i < len; i++) {
      if (i > 0) ch(' ');
      writeInt(v[i]);
    }
    return this;
  }

  /** Writes {@code v[0..len)} separated by single spaces. */
  AsciiWriter longs(long[] v, int len) throws IOException {
    for (int i = 0; i < len; i++) {
      if (i > 0) ch(' ');
      writeLong(v[i]);
    }
    return this;
  }

  void flush() throws IOException {
    flushBuffer();
    out.flush();
  }

  private void flushBuffer() throws IOException {
    out.write(buf, 0, n);
    n = 0;
  }
}
