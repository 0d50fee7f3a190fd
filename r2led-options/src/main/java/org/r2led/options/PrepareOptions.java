package org.r2led.options;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.data.protocol.PrepareRequest;
import org.r2led.data.source.SourceFormat;
import picocli.CommandLine.Option;

/**
 * The options of {@code data prepare} (a picocli mixin), shared with {@code spark prepare} so both
 * commands take exactly the same options and build the same {@link PrepareRequest}.
 */
public final class PrepareOptions {
  @Option(names = "--source", required = true, paramLabel = "movielens|taobao|csv|amazon",
      description = "Source format.", converter = SourceConverter.class)
  SourceFormat source;

  /** The {@code --source} format given (null when absent, e.g. with {@code --help-keys}). */
  public SourceFormat source() { return source; }

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "MovieLens directory (100K, 1M, 10M, 20M/25M/latest layouts), Taobao CSV file, generic events file,"
          + " or Amazon reviews file (JSON lines, .gz read directly) or a directory with it and its meta_* file.")
  Path input;

  @Option(names = "--items", paramLabel = "PATH",
      description = "Generic items file (csv: item,category,text or any columns for --item-text), or the Amazon metadata file.")
  Path items;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output dataset directory.")
  Path out;

  @Option(names = "--skip-bad-rows", description = "Skip malformed rows (count and first examples are reported) instead of failing.")
  boolean skipBadRows;

  @Option(names = "--max-bad-rows-share", paramLabel = "F",
      description = "With --skip-bad-rows, stop when more than this share of a file's rows is bad (default 0.01 = 1 %%).")
  String maxBadRowsShare;

  @Option(names = "--max-line-bytes", paramLabel = "N",
      description = "Longest input row in bytes (a line, or the lines of one quoted field; default 1048576 = 1 MiB);"
          + " a longer row is a bad row, read past without being buffered.")
  String maxLineBytes;

  @Option(names = "--encoding", paramLabel = "NAME",
      description = "Encoding of the input files, e.g. ISO-8859-1 (default: UTF-8; MovieLens 100K u.item and 1M movies.dat: Latin-1).")
  String encoding;

  @Option(names = "--timestamp-unit", paramLabel = "auto|s|ms|us",
      description = "Unit of the input timestamps (default auto: detected per file, converted with a warning).")
  String timestampUnit;

  @Option(names = "--delimiter", paramLabel = "D",
      description = "csv: field delimiter of the events and items files (tab, comma, semicolon, pipe or the characters, e.g. '::').")
  String delimiter;

  @Option(names = "--columns", paramLabel = "NAMES",
      description = "csv: the events file has no header row; these are its columns in order, e.g. user,item,rating,ts.")
  String columns;

  @Option(names = "--item-columns", paramLabel = "NAMES",
      description = "csv: the items file has no header row; these are its columns in order, e.g. item,title,category.")
  String itemColumns;

  @Option(names = "--item-text", paramLabel = "TEMPLATE",
      description = "csv: item text from the items file's columns, e.g. '{title}. Genres: {category}.' (default: its text column).")
  String itemText;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of negative sampling (click protocol); same as --set seed=N.")
  Long seed;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a protocol parameter (repeatable).")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--force", description = "Rebuild even when the output is up to date.")
  boolean force;

  /** The request these options describe. */
  public PrepareRequest request() {
    Map<String, String> overrides = new LinkedHashMap<>(set);
    if (seed != null) overrides.put("seed", seed.toString());
    put(overrides, "input.encoding", encoding);
    put(overrides, "input.timestamp_unit", timestampUnit);
    put(overrides, "input.max_bad_rows_share", maxBadRowsShare);
    put(overrides, "input.max_line_bytes", maxLineBytes);
    if (source != SourceFormat.CSV && (delimiter != null || columns != null || itemColumns != null || itemText != null)) {
      throw new IllegalArgumentException("--delimiter, --columns, --item-columns and --item-text are only read with --source csv");
    }
    put(overrides, "csv.delimiter", delimiter);
    if (delimiter != null) overrides.putIfAbsent("csv.items_delimiter", delimiter);
    put(overrides, "csv.columns", columns);
    put(overrides, "csv.item_columns", itemColumns);
    put(overrides, "csv.item_text", itemText);
    return new PrepareRequest(source, input, items, out, skipBadRows, overrides, force);
  }

  private static void put(Map<String, String> overrides, String key, String value) {
    if (value != null) overrides.put(key, value);
  }

  static final class SourceConverter implements picocli.CommandLine.ITypeConverter<SourceFormat> {
    @Override
    public SourceFormat convert(String value) {
      return SourceFormat.parse(value);
    }
  }
}
