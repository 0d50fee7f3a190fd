package org.r2led.data.source;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The events file of a source (the one that grows with the log) with the reader's own per-row
 * parser, so a distributed reader splits the file and parses every row exactly as the local reader
 * does. Serializable: the parser travels to executors.
 */
public final class EventsFile implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Parses one data row; throws {@link RowProblem} (via {@link #parse}: {@link BadInputException}) for a malformed one. */
  @FunctionalInterface
  public interface RowParser extends Serializable {
    ParsedEvent parse(CsvReader.Row row);
  }

  /** Checks a header row; throws {@link RowProblem} to reject it. */
  @FunctionalInterface
  interface HeaderCheck extends Consumer<CsvReader.Row>, Serializable {}

  private final String path;
  private final String name;
  private final String delimiter;
  private final boolean quoting;
  private final String charset;
  private final int maxLineBytes;
  private final HeaderCheck header;
  private final RowParser parser;

  EventsFile(Path file, String name, CsvReader.Dialect dialect, HeaderCheck header, RowParser parser) {
    this.path = file.toAbsolutePath().toString();
    this.name = name;
    this.delimiter = dialect.delimiter();
    this.quoting = dialect.quoting();
    this.charset = dialect.charset().name();
    this.maxLineBytes = dialect.maxLineBytes();
    this.header = header;
    this.parser = parser;
  }

  public Path file() { return Path.of(path); }

  /** Name used in error messages (the file name). */
  public String name() { return name; }

  public CsvReader.Dialect dialect() {
    return new CsvReader.Dialect(delimiter, quoting, TextInput.charset(charset), maxLineBytes);
  }

  /** Whether the first row is a header (skipped by readers, checked by {@link #checkHeader}). */
  public boolean hasHeader() { return header != null; }

  /** The header check for {@link RowLoop}, or null. */
  java.util.function.Consumer<CsvReader.Row> headerCheck() { return header; }

  /**
   * Reads the header row of the file and checks it as the local reader does; a bad header is an
   * error ({@link BadInputException}), never skippable. No-op for a file without a header.
   */
  public void checkHeader() {
    if (header == null) return;
    try (CsvReader r = new CsvReader(file(), name, dialect())) {
      RowLoop.checkHeader(r, header);
    }
  }

  /**
   * Parses a data row (its own problem, e.g. broken quoting, first).
   *
   * @throws BadInputException naming the file, line, problem and text of a malformed row
   */
  public ParsedEvent parse(CsvReader.Row row) {
    try {
      if (row.problem() != null) throw new RowProblem(row.problem());
      return parser.parse(row);
    } catch (RowProblem e) {
      throw new BadInputException(name, row.line(), e.getMessage(), row.text());
    }
  }

  /** The row parser itself (throws the package's row problems; used by the local reading loop). */
  RowParser parser() { return parser; }
}
