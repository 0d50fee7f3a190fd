package org.r2led.data.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streaming reader of delimited text (CSV, TSV, {@code ::}-separated, ...) in the RFC 4180 style.
 *
 * <ul>
 *   <li>The delimiter is one or more characters ({@link Dialect}).
 *   <li>With quoting on (the default), a field that starts with {@code "} is quoted: it may contain
 *       the delimiter, line breaks and doubled quotes ({@code ""} = one {@code "}). Text after a
 *       closing quote other than the delimiter or the line end makes the row malformed
 *       ({@link Row#problem()}). A quoted field may span at most {@link #MAX_QUOTED_LINES} lines: a
 *       quote still open after that many line breaks, or at the end of the file, makes the line where
 *       it opened a malformed row of its own, and reading resumes on the next line — so one stray
 *       quote costs one row, never the rest of the file.
 *   <li>A {@code "} inside an unquoted field (or anywhere, with quoting off) is kept literally.
 *   <li>Line ends are LF, CRLF or CR. Completely empty lines are skipped. A leading byte-order mark
 *       is ignored. Bytes that do not decode in the file's encoding make their row malformed, naming
 *       the byte offset ({@link TextInput}).
 *   <li>A row (a line, or the lines of one quoted field) longer than {@link Dialect#maxLineBytes()}
 *       bytes is malformed, naming the byte offset where it starts: the reader stops buffering it at
 *       the limit and goes on after its line's end, so memory stays bounded whatever the file holds.
 * </ul>
 * Each row carries the 1-based line number where it starts and its raw text, for error messages.
 */
public final class CsvReader implements RowSource<CsvReader.Row> {
  /** Line breaks a quoted field may contain; an open quote is closed by force after this many. */
  public static final int MAX_QUOTED_LINES = 100;

  /**
   * One record.
   *
   * @param line 1-based line number where the record starts
   * @param fields field values (unquoted)
   * @param text the record's raw text without the line terminator
   * @param problem why the record is malformed, or null when it is well-formed
   */
  public record Row(long line, List<String> fields, String text, String problem) implements Numbered {
    public int size() { return fields.size(); }

    public String get(int i) { return fields.get(i); }
  }

  /**
   * How a file is split into fields.
   *
   * @param delimiter field delimiter, one or more characters
   * @param quoting whether {@code "} starts a quoted field (RFC 4180); off for formats without quoting
   * @param charset the file's encoding
   * @param maxLineBytes longest row in bytes ({@link ReadOptions#maxLineBytes()})
   */
  public record Dialect(String delimiter, boolean quoting, Charset charset, int maxLineBytes) {
    public Dialect {
      if (delimiter == null || delimiter.isEmpty() || delimiter.indexOf('\n') >= 0 || delimiter.indexOf('\r') >= 0
          || (quoting && delimiter.indexOf('"') >= 0)) {
        throw new IllegalArgumentException("invalid delimiter '" + printable(delimiter) + "'");
      }
      if (charset == null) charset = StandardCharsets.UTF_8;
      ReadOptions.checkMaxLineBytes(maxLineBytes);
    }

    /** A dialect with the default row limit. */
    public Dialect(String delimiter, boolean quoting, Charset charset) {
      this(delimiter, quoting, charset, ReadOptions.DEFAULT_MAX_LINE_BYTES);
    }

    /** A quoting UTF-8 dialect with a one-character delimiter. */
    public static Dialect of(char delimiter) {
      return new Dialect(String.valueOf(delimiter), true, StandardCharsets.UTF_8);
    }

    /** The same dialect with another delimiter. */
    public Dialect withDelimiter(String d) { return new Dialect(d, quoting, charset, maxLineBytes); }
  }

  private final Path file;
  private final String name;
  private final Dialect dialect;
  private final String delimiter;
  private final char d0;
  private final int maxBytes;
  private final TextInput in;
  /** Chars to read again (a stack: the next char is at the top), with their decoding problems and byte lengths. */
  private char[] replay = new char[64];
  private String[] replayProblem = new String[64];
  private int[] replayBytes = new int[64];
  private int replayed;
  private long replayedBytes;
  /** Decoding problem and byte length of the char last returned by {@link #read()}. */
  private String charProblem;
  private int charBytes;
  /** Set after an over-long row: the rest of its line is skipped before the next row. */
  private boolean skipLine;
  private long line = 1;
  private final StringBuilder raw = new StringBuilder(256);
  private final StringBuilder field = new StringBuilder(64);
  /** Raw-text positions of undecodable chars of the current record, and their problems. */
  private final List<Integer> badAt = new ArrayList<>();
  private final List<String> badWhy = new ArrayList<>();
  private final List<Integer> badBytes = new ArrayList<>();

  /**
   * Opens {@code file}.
   *
   * @param displayName name used in error messages (e.g. the file name as given by the user)
   */
  public CsvReader(Path file, String displayName, Dialect dialect) {
    this.file = file;
    this.name = displayName;
    this.dialect = dialect;
    this.delimiter = dialect.delimiter();
    this.d0 = delimiter.charAt(0);
    this.maxBytes = dialect.maxLineBytes();
    this.in = new TextInput(file, dialect.charset());
  }

  /**
   * Reads records from a stream holding a piece of a file (e.g. the lines of one distributed
   * partition, joined by line feeds): {@code firstLine} is the file line number of its first line and
   * {@code byteBase} the file offset of its first byte, so rows and decoding problems are numbered as
   * in the whole file.
   */
  public CsvReader(java.io.InputStream in, String displayName, Dialect dialect, long firstLine, long byteBase) {
    this.file = null;
    this.name = displayName;
    this.dialect = dialect;
    this.delimiter = dialect.delimiter();
    this.d0 = delimiter.charAt(0);
    this.maxBytes = dialect.maxLineBytes();
    this.in = new TextInput(in, displayName, dialect.charset(), byteBase);
    this.line = firstLine;
  }

  /** A quoting UTF-8 reader with a one-character delimiter. */
  public CsvReader(Path file, String displayName, char delimiter) {
    this(file, displayName, Dialect.of(delimiter));
  }

  public CsvReader(Path file, char delimiter) {
    this(file, file.toString(), delimiter);
  }

  @Override
  public String name() { return name; }

  public Path file() { return file; }

  public Dialect dialect() { return dialect; }

  @Override
  public long bytesRead() { return in.bytesRead(); }

  @Override
  public long size() { return in.size(); }

  /** Tab if the header line contains a tab, else comma. */
  public static String detectDelimiter(String headerLine) {
    return headerLine.indexOf('\t') >= 0 ? "\t" : ",";
  }

  /**
   * Reads the first line of {@code file} (for delimiter detection); empty for an empty file. A line
   * longer than the dialect's row limit is an error, raised at the limit.
   */
  public static String firstLine(Path file, Dialect dialect) {
    String name = file.getFileName().toString();
    try (TextInput t = new TextInput(file, dialect.charset())) {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = t.read()) != -1 && c != '\n' && c != '\r') {
        if (t.problem() != null) throw new BadInputException(name, 1, t.problem(), sb.toString());
        if (t.offset() > dialect.maxLineBytes()) {
          throw new BadInputException(name, 1, TextInput.tooLong(0, dialect.maxLineBytes()), sb.substring(0, Math.min(sb.length(), 200)));
        }
        sb.append((char) c);
      }
      return sb.toString();
    }
  }

  /**
   * Parses a delimiter name: {@code tab}, {@code comma}, {@code semicolon}, {@code pipe}, or the
   * delimiter itself (one or more characters, e.g. {@code ::}).
   */
  public static String parseDelimiter(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "tab": case "\\t": return "\t";
      case "comma": return ",";
      case "semicolon": return ";";
      case "pipe": return "|";
      default:
        if (s.isEmpty() || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
          throw new IllegalArgumentException("delimiter '" + s
              + "': expected tab, comma, semicolon, pipe or the delimiter's characters (e.g. '::'), without quotes or line breaks");
        }
        return s;
    }
  }

  @Override
  public Row next() {
    if (skipLine) skipRestOfLine();
    while (true) {
      int c = read();
      if (c == -1) return null;
      unread(c, charProblem, charBytes);
      long startLine = line;
      long start = position();
      raw.setLength(0);
      badAt.clear();
      badWhy.clear();
      badBytes.clear();
      List<String> fields = new ArrayList<>(8);
      field.setLength(0);
      String problem = null;
      boolean inQuotes = false;
      boolean afterQuote = false;
      boolean fieldStart = true;
      long quoteLine = 0;
      int quotedBreaks = 0;
      int rawBreak = -1;
      int fieldBreak = -1;
      while (true) {
        c = read();
        if (c != -1 && charProblem != null) {
          badAt.add(raw.length());
          badWhy.add(charProblem);
          badBytes.add(charBytes);
        }
        if (c != -1 && position() - start > maxBytes && (inQuotes || (c != '\n' && c != '\r'))) {
          if (!inQuotes || rawBreak < 0) return tooLong(c, startLine, start);
          unread(c, charProblem, charBytes); // an open quote: the row ends with the line where it opened
          problem = unclosed(quoteLine, String.format(Locale.ROOT, "within %,d bytes", maxBytes),
              "a row may hold at most --max-line-bytes " + maxBytes + " bytes");
          rewind(rawBreak, quoteLine, fieldBreak);
          break;
        }
        if (c == -1) {
          if (inQuotes) {
            problem = unclosed(quoteLine, "before the end of the file", QUOTED_LINES_RULE);
            if (rawBreak >= 0) rewind(rawBreak, quoteLine, fieldBreak);
          }
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
              unread(d, charProblem, charBytes);
              inQuotes = false;
              afterQuote = true;
            }
            continue;
          }
          if (c == '\r') {
            int d = read();
            if (d == '\n') {
              raw.append('\n');
              field.append('\r');
              c = '\n';
            } else {
              unread(d, charProblem, charBytes);
            }
          }
          if (c == '\n' || c == '\r') {
            if (rawBreak < 0) {
              rawBreak = raw.length() - 1;
              fieldBreak = field.length();
            }
            line++;
            if (++quotedBreaks > MAX_QUOTED_LINES) {
              problem = unclosed(quoteLine, "within " + MAX_QUOTED_LINES + " lines", QUOTED_LINES_RULE);
              rewind(rawBreak, quoteLine, fieldBreak);
              break;
            }
          }
          field.append((char) c);
          continue;
        }
        if (c == '\n' || c == '\r') {
          endLine(c);
          break;
        }
        if (c == d0 && isDelimiter()) {
          raw.append(delimiter);
          fields.add(field.toString());
          field.setLength(0);
          fieldStart = true;
          afterQuote = false;
          continue;
        }
        raw.append((char) c);
        if (c == '"' && fieldStart && dialect.quoting()) {
          inQuotes = true;
          quoteLine = line;
          fieldStart = false;
        } else {
          if (afterQuote && problem == null) {
            problem = "unexpected character '" + printable(String.valueOf((char) c)) + "' after a closing quote";
          }
          field.append((char) c);
          fieldStart = false;
        }
      }
      fields.add(field.toString());
      if (!badWhy.isEmpty()) problem = badWhy.get(0);
      if (raw.length() == 0 && problem == null) continue; // empty line
      return new Row(startLine, fields, raw.toString(), problem);
    }
  }

  /**
   * The malformed row of a record that passed the row limit at char {@code c}: nothing more of it
   * is kept, and the rest of its line is skipped before the next row.
   */
  private Row tooLong(int c, long startLine, long start) {
    if (c == '\n' || c == '\r') endLine(c);
    else skipLine = true;
    return new Row(startLine, List.of(), raw.substring(0, Math.min(raw.length(), 200)), TextInput.tooLong(start, maxBytes));
  }

  private static final String QUOTED_LINES_RULE = "a quoted field may span at most " + MAX_QUOTED_LINES + " lines";

  private static String unclosed(long quoteLine, String where, String rule) {
    return "quoted field opened at line " + quoteLine + " is not closed " + where + "; the row ends with that line (" + rule + ")";
  }

  /**
   * Ends the current record at the first line break inside its open quoted field: the text after
   * that break is read again as new records, starting at the line after {@code quoteLine}.
   */
  private void rewind(int rawBreak, long quoteLine, int fieldBreak) {
    for (int i = raw.length() - 1; i > rawBreak; i--) {
      int k = badAt.indexOf(i);
      unread(raw.charAt(i), k >= 0 ? badWhy.get(k) : null, k >= 0 ? badBytes.get(k) : in.bytesOf(raw.charAt(i)));
    }
    int cut = rawBreak > 0 && raw.charAt(rawBreak) == '\n' && raw.charAt(rawBreak - 1) == '\r' ? rawBreak - 1 : rawBreak;
    raw.setLength(cut);
    field.setLength(Math.min(field.length(), fieldBreak));
    while (!badAt.isEmpty() && badAt.get(badAt.size() - 1) >= cut) {
      badAt.remove(badAt.size() - 1);
      badWhy.remove(badWhy.size() - 1);
      badBytes.remove(badBytes.size() - 1);
    }
    line = quoteLine + 1;
  }

  /** After reading the delimiter's first char: whether the rest of the delimiter follows (consumed if so). */
  private boolean isDelimiter() {
    int n = delimiter.length();
    if (n == 1) return true;
    char[] got = new char[n - 1];
    String[] why = new String[n - 1];
    int[] len = new int[n - 1];
    int k = 0;
    boolean match = true;
    while (k < n - 1) {
      int c = read();
      if (c == -1) {
        match = false;
        break;
      }
      got[k] = (char) c;
      len[k] = charBytes;
      why[k++] = charProblem;
      if (c != delimiter.charAt(k)) {
        match = false;
        break;
      }
    }
    if (!match) {
      for (int i = k - 1; i >= 0; i--) unread(got[i], why[i], len[i]);
    }
    return match;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c == '\t' ? "\\t" : c < 32 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.toString();
  }

  private int read() {
    if (replayed > 0) {
      replayed--;
      charProblem = replayProblem[replayed];
      charBytes = replayBytes[replayed];
      replayedBytes -= charBytes;
      return replay[replayed];
    }
    int c = in.read();
    charProblem = c == -1 ? null : in.problem();
    charBytes = c == -1 ? 0 : in.lastBytes();
    return c;
  }

  private void unread(int c, String problem, int bytes) {
    if (c == -1) return;
    if (replayed == replay.length) {
      replay = java.util.Arrays.copyOf(replay, replayed * 2);
      replayProblem = java.util.Arrays.copyOf(replayProblem, replayed * 2);
      replayBytes = java.util.Arrays.copyOf(replayBytes, replayed * 2);
    }
    replay[replayed] = (char) c;
    replayBytes[replayed] = bytes;
    replayedBytes += bytes;
    replayProblem[replayed++] = problem;
  }

  /** Byte offset of the next char to be read. */
  private long position() { return in.offset() - replayedBytes; }

  /** Reads past the end of the current line (after an over-long row) without keeping anything. */
  private void skipRestOfLine() {
    skipLine = false;
    int c;
    do c = read(); while (c != -1 && c != '\n' && c != '\r');
    endLine(c);
  }

  /** After a line break {@code c} (or the end): consumes the LF of a CRLF and counts the line. */
  private void endLine(int c) {
    if (c == '\r') {
      int d = read();
      if (d != '\n') unread(d, charProblem, charBytes);
    }
    line++;
  }

  @Override
  public void close() {
    in.close();
  }
}
