package org.r2led.data.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column layout of a generic delimited file: from its header row, or — for a header-less file —
 * from a {@code --columns} list naming the columns in order. Names are matched case-insensitively;
 * {@code ts} is an alias of {@code timestamp}.
 *
 * @param dialect how the file is split (delimiter resolved, quoting, charset)
 * @param columns known column name → index
 * @param ignored names that are not known columns
 * @param all every column's name (lower case) → index, first occurrence (for item-text templates)
 * @param width number of columns
 * @param headerRow whether the first row of the file is the header (false with a columns list)
 */
public record CsvHeader(CsvReader.Dialect dialect, Map<String, Integer> columns, List<String> ignored,
    Map<String, Integer> all, int width, boolean headerRow) {
  /** Value of {@code csv.columns} meaning "the first row names the columns". */
  public static final String FROM_HEADER = "header";

  public boolean has(String column) { return columns.containsKey(column); }

  /** Index of a known column, or -1. */
  public int index(String column) { return columns.getOrDefault(column, -1); }

  /**
   * Resolves the layout of {@code file}.
   *
   * @param delimiter {@code auto} (tab when the first line has one, else comma) or a delimiter name ({@link CsvReader#parseDelimiter})
   * @param columnList {@link #FROM_HEADER} or the comma-separated column names of a header-less file
   * @param known the recognised column names
   * @param required the columns that must be present
   */
  public static CsvHeader of(Path file, String delimiter, String columnList, ReadOptions ro, List<String> known,
      List<String> required) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("input file not found: " + file);
    String name = file.getFileName().toString();
    boolean fromRow = columnList == null || columnList.equals(FROM_HEADER);
    String first = CsvReader.firstLine(file, ro.dialect(",", true, null));
    if (first.isEmpty()) {
      throw new BadInputException(name, 1, "file is empty (expected " + (fromRow ? "a header row naming the columns " : "rows with the columns ")
          + String.join(",", required) + ")", "");
    }
    String d = delimiter.equals("auto") ? CsvReader.detectDelimiter(first) : CsvReader.parseDelimiter(delimiter);
    CsvReader.Dialect dialect = ro.dialect(d, true, null);
    List<String> names;
    long line;
    String text;
    if (fromRow) {
      try (CsvReader r = new CsvReader(file, name, dialect)) {
        CsvReader.Row h = r.next();
        if (h.problem() != null) throw new BadInputException(name, h.line(), h.problem(), h.text());
        names = h.fields();
        line = h.line();
        text = h.text();
      }
    } else {
      names = List.of(columnList.split(",", -1));
      line = 0;
      text = "--columns " + columnList;
    }
    String where = fromRow ? "header" : "--columns list";
    String hint = "delimiter " + describe(d) + (fromRow ? "; for a file without a header row name its columns with --columns" : "");
    return ofNames(name, names, where, line, text, hint, dialect, fromRow, known, required);
  }

  /**
   * The layout given by column names (a header row, a {@code --columns} list, or the fields of a
   * columnar file such as Parquet).
   *
   * @param name file name for errors
   * @param where where the names come from, for errors ({@code header}, {@code --columns list}, ...)
   * @param line line of the names for errors (0 when not in the file)
   * @param text the names as shown in errors
   * @param hint appended to the "no such column" error (e.g. the delimiter)
   * @param headerRow whether the first row of the file is the header
   */
  public static CsvHeader ofNames(String name, List<String> names, String where, long line, String text, String hint,
      CsvReader.Dialect dialect, boolean headerRow, List<String> known, List<String> required) {
    Map<String, Integer> cols = new LinkedHashMap<>();
    Map<String, Integer> all = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String c = canonical(names.get(i));
      all.putIfAbsent(c, i);
      if (!known.contains(c)) {
        ignored.add(names.get(i).trim());
        continue;
      }
      if (cols.putIfAbsent(c, i) != null) {
        throw new BadInputException(name, line, "column '" + c + "' appears twice in the " + where, text);
      }
    }
    for (String c : required) {
      if (!cols.containsKey(c)) {
        throw new BadInputException(name, line, where + " has no '" + c + "' column (expected columns "
            + String.join(",", required) + ", optional " + known.stream().filter(k -> !required.contains(k)).toList()
            + "; " + hint + ")", text);
      }
    }
    return new CsvHeader(dialect, cols, ignored, all, names.size(), headerRow);
  }

  private static String canonical(String column) {
    String c = column.trim().toLowerCase(Locale.ROOT);
    return c.equals("ts") ? "timestamp" : c;
  }

  static String describe(String delimiter) {
    return delimiter.equals("\t") ? "tab" : "'" + delimiter + "'";
  }
}
