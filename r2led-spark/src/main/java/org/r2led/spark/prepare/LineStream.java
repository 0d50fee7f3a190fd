package org.r2led.spark.prepare;

import java.io.InputStream;
import java.util.Iterator;

/** The lines of one partition as one stream, each followed by a line feed, for {@link org.r2led.data.source.CsvReader}. */
final class LineStream extends InputStream {
  private final Iterator<byte[]> lines;
  private byte[] current = new byte[0];
  private int pos = 1; // past the virtual line feed of the empty "current"
  private boolean started;

  LineStream(Iterator<byte[]> lines) {
    this.lines = lines;
  }

  private boolean advance() {
    while (pos > current.length) {
      if (!lines.hasNext()) return false;
      current = lines.next();
      pos = 0;
      started = true;
    }
    return started;
  }

  @Override
  public int read() {
    if (!advance()) return -1;
    if (pos == current.length) {
      pos++;
      return '\n';
    }
    return current[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) return 0;
    int n = 0;
    while (n < len && advance()) {
      if (pos == current.length) {
        b[off + n++] = '\n';
        pos++;
      } else {
        int k = Math.min(len - n, current.length - pos);
        System.arraycopy(current, pos, b, off + n, k);
        pos += k;
        n += k;
      }
    }
    return n == 0 ? -1 : n;
  }
}
