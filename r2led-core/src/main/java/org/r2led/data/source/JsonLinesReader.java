package org.r2led.data.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;

/**
 * Streaming reader of JSON lines (one object per line; {@code .gz} read directly; empty lines
 * skipped). Besides strict JSON it accepts single-quoted strings, as in the Python-literal lines of
 * the 2014 Amazon metadata. A line that is not a JSON object, has undecodable bytes, or is longer
 * than the row limit ({@link ReadOptions#maxLineBytes()}; not buffered past it) is a record with a
 * {@link Line#problem()}.
 */
final class JsonLinesReader implements RowSource<JsonLinesReader.Line> {
  private static final ObjectMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  /**
   * One line.
   *
   * @param line 1-based line number
   * @param text the line's text
   * @param problem why it is not a usable JSON object, or null
   * @param json the parsed object (null with a problem)
   */
  record Line(long line, String text, String problem, JsonNode json) implements Numbered {}

  private final String name;
  private final TextInput in;
  private final int maxBytes;
  private final StringBuilder sb = new StringBuilder(1024);
  private long line;
  /** A char read ahead (after a CR), -2 when none, and its byte length. */
  private int pending = -2;
  private int pendingBytes;
  private boolean skipLine;

  JsonLinesReader(Path file, String name, ReadOptions ro) {
    this.name = name;
    this.in = new TextInput(file, ro.charset());
    this.maxBytes = ro.maxLineBytes();
  }

  @Override
  public String name() { return name; }

  @Override
  public long size() { return in.size(); }

  @Override
  public long bytesRead() { return in.bytesRead(); }

  @Override
  public Line next() {
    if (skipLine) {
      skipLine = false;
      int c;
      do c = in.read(); while (c != -1 && c != '\n' && c != '\r');
      endLine(c);
    }
    while (true) {
      sb.setLength(0);
      String problem = null;
      long start = in.offset() - (pending >= 0 ? pendingBytes : 0);
      int c = pending != -2 ? pending : in.read();
      pending = -2;
      if (c == -1) return null;
      line++;
      while (c != -1 && c != '\n' && c != '\r') {
        if (problem == null && in.problem() != null) problem = in.problem();
        if (in.offset() - start > maxBytes) {
          skipLine = true; // the rest of the line is read past, not kept, before the next record
          return new Line(line, sb.substring(0, Math.min(sb.length(), 200)), TextInput.tooLong(start, maxBytes), null);
        }
        sb.append((char) c);
        c = in.read();
      }
      endLine(c);
      if (sb.toString().isBlank() && problem == null) continue;
      String text = sb.toString();
      if (problem != null) return new Line(line, text, problem, null);
      try {
        JsonNode node = LENIENT.readTree(text);
        if (node == null || !node.isObject()) return new Line(line, text, "not a JSON object", null);
        return new Line(line, text, null, node);
      } catch (JsonProcessingException e) {
        return new Line(line, text, "not valid JSON: " + e.getOriginalMessage(), null);
      }
    }
  }

  /** After a line's last char {@code c}: reads ahead past a CR's LF (kept as {@link #pending} when it is not one). */
  private void endLine(int c) {
    if (c != '\r') return;
    int d = in.read();
    if (d != '\n') {
      pending = d;
      pendingBytes = in.lastBytes();
    }
  }

  @Override
  public void close() {
    in.close();
  }
}
