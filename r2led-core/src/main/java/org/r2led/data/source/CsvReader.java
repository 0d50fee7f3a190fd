package org.r2led.data.source;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming reader of delimited text (CSV or TSV, UTF-8) in the RFC 4180 style.
 *
 * <ul>
 *   <li>A field that starts with {@code "} is quoted: it may contain the delimiter, line breaks and
 *       doubled quotes ({@code ""} = one {@code "}). Text after a closing quote other than the
 *       delimiter or the line end makes the row malformed ({@link Row#problem()}).
 *   <li>A {@code "} inside an unquoted field is kept literally.
 *   <li>Line ends are LF, CRLF or CR. Completely empty lines are skipped. A leading UTF-8 byte-order
 *       mark is ignored. A quoted field still open at the end of the file is a malformed row.
 * </ul>
 * Each row carries the 1-based line number where it starts and its raw text, for error messages.
 */
public final class CsvReader implements Closeable {
  /**
   * One record.
   *
   * @param line 1-based line number where the record starts
   * @param fields field values (unquoted)
   * @param text the record's raw text without the line terminator
   * @param problem why the record is malformed, or null when it is well-formed
   */
  public record Row(long line, List<String> fields, String text, String problem) {
    public int size() { return fields.size(); }

    public String get(int i) { return fields.get(i); }
  }

  private final Path file;
  private final String name;
  private final char delimiter;
  private final CountingStream counter;
  private final Reader in;
  private final long size;
  private final char[] buf = new char[1 << 16];
  private int bufPos;
  private int bufLen;
  private int pushback = -2;
  private long line = 1;
  private boolean started;
  private final StringBuilder raw = new StringBuilder(256);
  private final StringBuilder field = new StringBuilder(64);

  /**
   * Opens {@code file}.
   *
   * @param displayName name used in error messages (e.g. the file name as given by the user)
   */
  public CsvReader(Path file, String displayName, char delimiter) {
    this.file = file;
    this.name = displayName;
    this.delimiter = delimiter;
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("invalid delimiter " + printable(delimiter));
    }
    try {
      this.size = Files.size(file);
      this.counter = new CountingStream(Files.newInputStream(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
    this.in = new InputStreamReader(counter, StandardCharsets.UTF_8);
  }

  public CsvReader(Path file, char delimiter) {
    this(file, file.toString(), delimiter);
  }

  /** Name used in error messages. */
  public String name() { return name; }

  public Path file() { return file; }

  /** Bytes consumed from the file so far (for progress). */
  public long bytesRead() { return counter.count; }

  /** Size of the file in bytes. */
  public long size() { return size; }

  /** Tab if the header line contains a tab, else comma. */
  public static char detectDelimiter(String headerLine) {
    return headerLine.indexOf('\t') >= 0 ? '\t' : ',';
  }

  /** Reads the first line of {@code file} (for delimiter detection); empty string for an empty file. */
  public static String firstLine(Path file) {
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String s = r.readLine();
      if (s == null) return "";
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Parses a delimiter name: {@code tab}, {@code comma}, {@code semicolon}, {@code pipe}, or a single character. */
  public static char parseDelimiter(String s) {
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "tab": case "\\t": return '\t';
      case "comma": return ',';
      case "semicolon": return ';';
      case "pipe": return '|';
      default:
        if (s.length() == 1) return s.charAt(0);
        throw new IllegalArgumentException("delimiter '" + s + "': expected tab, comma, semicolon, pipe or one character");
    }
  }

  /** The next record, or null at the end of the file. */
  public Row next() {
    while (true) {
      int c = read();
      if (c == -1) return null;
      unread(c);
      long startLine = line;
      raw.setLength(0);
      List<String> fields = new ArrayList<>(8);
      field.setLength(0);
      String problem = null;
      boolean inQuotes = false;
      boolean afterQuote = false;
      boolean fieldStart = true;
      long quoteLine = 0;
      while (true) {
        c = read();
        if (c == -1) {
          if (inQuotes) problem = "quoted field opened at line " + quoteLine + " is not closed before the end of the file";
          break;
        }
        if (inQuotes) {
          raw.append((char) c);
          if (c == '"') {
            int d = read();
            if (d == '"') {
              raw.append('"');
              field.append('"');
            } else {
              unread(d);
              inQuotes = false;
              afterQuote = true;
            }
          } else {
            if (c == '\n') line++;
            field.append((char) c);
          }
          continue;
        }
        if (c == '\n' || c == '\r') {
          if (c == '\r') {
            int d = read();
            if (d != '\n') unread(d);
          }
          line++;
          break;
        }
        raw.append((char) c);
        if (c == delimiter) {
          fields.add(field.toString());
          field.setLength(0);
          fieldStart = true;
          afterQuote = false;
        } else if (c == '"' && fieldStart) {
          inQuotes = true;
          quoteLine = line;
          fieldStart = false;
        } else {
          if (afterQuote && problem == null) {
            problem = "unexpected character '" + printable((char) c) + "' after a closing quote";
          }
          field.append((char) c);
          fieldStart = false;
        }
      }
      fields.add(field.toString());
      if (raw.length() == 0 && problem == null) continue; // empty line
      return new Row(startLine, fields, raw.toString(), problem);
    }
  }

  private static String printable(char c) {
    return c == '\t' ? "\\t" : c < 32 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  private int read() {
    if (pushback != -2) {
      int c = pushback;
      pushback = -2;
      return c;
    }
    if (bufPos == bufLen) {
      try {
        bufLen = in.read(buf, 0, buf.length);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      bufPos = 0;
      if (bufLen <= 0) {
        bufLen = 0;
        return -1;
      }
      if (!started) {
        started = true;
        if (buf[0] == '\uFEFF') bufPos = 1;
        if (bufPos == bufLen) return read();
      }
    }
    return buf[bufPos++];
  }

  private void unread(int c) {
    pushback = c;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) { super(in); }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count += n;
      return n;
    }
  }
}
