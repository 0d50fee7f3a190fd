package org.r2led.data.protocol;

import static org.r2led.config.ConfigKey.AUTO;
import static org.r2led.config.ConfigKey.choice;
import static org.r2led.config.ConfigKey.integer;
import static org.r2led.config.ConfigKey.integerOrAuto;
import static org.r2led.config.ConfigKey.longInteger;
import static org.r2led.config.ConfigKey.real;

import java.util.Map;
import org.r2led.config.ConfigKey;
import org.r2led.config.KeySet;
import org.r2led.data.source.BadRows;
import org.r2led.data.source.CsvHeader;
import org.r2led.data.source.GenericCsvReader;
import org.r2led.data.source.ReadOptions;
import org.r2led.data.source.SourceData;
import org.r2led.data.source.SourceFormat;

/**
 * The configuration keys of a preparation ({@code data prepare --set key=value}, recorded in the
 * manifest's {@code protocol} map) and the schema of each source: the keys every source reads, its
 * protocol's ({@code rating} or {@code click}) and its format's, with the source's own defaults.
 * Keys whose value may be {@code auto} are derived from the data when it is read.
 */
public final class ProtocolKeys {
  private ProtocolKeys() {}

  private static final double MAX = Double.MAX_VALUE;

  public static final ConfigKey<String> DUPLICATES = choice("duplicates", "drop",
      "exact duplicate events (same user, item, timestamp, behavior, rating/label, category)", "drop", "keep");
  public static final ConfigKey<String> INPUT_ENCODING = choice("input.encoding", AUTO,
      "encoding of the input files (auto: UTF-8, except files a layout documents as Latin-1); option --encoding");
  public static final ConfigKey<String> INPUT_TIMESTAMP_UNIT = choice("input.timestamp_unit", AUTO,
      "unit of the input timestamps: auto (detected per file), s, ms or us; option --timestamp-unit");
  public static final ConfigKey<Double> INPUT_MAX_BAD_ROWS_SHARE = real("input.max_bad_rows_share", BadRows.DEFAULT_MAX_SHARE, 0, 1,
      "with --skip-bad-rows, the largest share of a file's rows that may be skipped (0.01 = 1 %); option --max-bad-rows-share");
  public static final ConfigKey<Integer> INPUT_MAX_LINE_BYTES = integer("input.max_line_bytes", ReadOptions.DEFAULT_MAX_LINE_BYTES,
      ReadOptions.MIN_MAX_LINE_BYTES, Integer.MAX_VALUE - 16,
      "longest input row in bytes (a line, or the lines of one quoted field); a longer row is a bad row; option --max-line-bytes");

  public static final ConfigKey<Double> RATING_THRESHOLD = real("rating.threshold", 4.0, -MAX, MAX, "label = 1 when rating >= threshold");
  public static final ConfigKey<Double> SPLIT_VALID_FRACTION = real("split.valid_fraction", 0.1, 0, 1,
      "per user, floor(n*f) events before the test events -> valid");
  public static final ConfigKey<Double> SPLIT_TEST_FRACTION = real("split.test_fraction", 0.1, 0, 1,
      "per user, the last floor(n*f) events -> test (valid + test fractions below 1)");

  public static final ConfigKey<Long> SEED = longInteger("seed", 42L, Long.MIN_VALUE, Long.MAX_VALUE,
      "seed of negative sampling; option --seed");
  public static final ConfigKey<String> CLICK_TARGET_BEHAVIOR = choice("click.target_behavior", AUTO,
      "behavior whose events are targets (auto: pv if present, else the only behavior)");
  public static final ConfigKey<Integer> CLICK_WARMUP = integer("click.warmup", 10, 0, Integer.MAX_VALUE,
      "a target needs at least this many earlier behaviors (strictly before its time)");
  public static final ConfigKey<Integer> CLICK_NEGATIVES = integer("click.negatives", 1, 1, Integer.MAX_VALUE,
      "negatives sampled by item popularity per positive");
  public static final ConfigKey<Integer> CLICK_UTC_OFFSET_HOURS = integer("click.utc_offset_hours", 0, -14, 14,
      "time zone of the day boundaries (hours east of UTC)");
  public static final ConfigKey<Object> CLICK_WINDOW_START = integerOrAuto("click.window_start", AUTO, Long.MIN_VALUE, Long.MAX_VALUE,
      "first second of the data window (Unix s; auto: day start of the earliest event); earlier events are history only");
  public static final ConfigKey<Object> CLICK_WINDOW_END = integerOrAuto("click.window_end", AUTO, Long.MIN_VALUE, Long.MAX_VALUE,
      "end of the data window, exclusive (Unix s; auto: day end of the latest event); later events are history only");
  public static final ConfigKey<Object> CLICK_VALID_START = integerOrAuto("click.valid_start", AUTO, Long.MIN_VALUE, Long.MAX_VALUE,
      "start of the validation day (auto: window_end - 2 days)");
  public static final ConfigKey<Object> CLICK_TEST_START = integerOrAuto("click.test_start", AUTO, Long.MIN_VALUE, Long.MAX_VALUE,
      "start of the test day (auto: window_end - 1 day)");

  public static final ConfigKey<Integer> MOVIELENS_MAX_TAGS = integer("movielens.max_tags", 10, 0, Integer.MAX_VALUE,
      "at most this many distinct tags in an item's text");

  public static final ConfigKey<String> CSV_DELIMITER = choice("csv.delimiter", AUTO,
      "events delimiter: auto (tab if the header has one, else comma), tab, comma, or a character; option --delimiter");
  public static final ConfigKey<String> CSV_ITEMS_DELIMITER = choice("csv.items_delimiter", AUTO, "items-file delimiter (same choices)");
  public static final ConfigKey<String> CSV_COLUMNS = choice("csv.columns", CsvHeader.FROM_HEADER,
      "header (the first row names the columns) or the column names of a header-less events file, comma-separated; option --columns");
  public static final ConfigKey<String> CSV_ITEM_COLUMNS = choice("csv.item_columns", CsvHeader.FROM_HEADER,
      "the same for the items file; option --item-columns");
  public static final ConfigKey<String> CSV_ITEM_TEXT = choice("csv.item_text", GenericCsvReader.TEXT_COLUMN,
      "item text: auto (the items file's text column) or a template over its columns, e.g. {title}. Genres: {genres}.; "
          + "option --item-text");

  /** Keys every source reads. */
  static final KeySet COMMON = KeySet.of(DUPLICATES, INPUT_ENCODING, INPUT_TIMESTAMP_UNIT, INPUT_MAX_BAD_ROWS_SHARE, INPUT_MAX_LINE_BYTES);
  /** Keys of the click protocol. */
  static final KeySet CLICK = KeySet.of(SEED, CLICK_TARGET_BEHAVIOR, CLICK_WARMUP, CLICK_NEGATIVES, CLICK_UTC_OFFSET_HOURS,
      CLICK_WINDOW_START, CLICK_WINDOW_END, CLICK_VALID_START, CLICK_TEST_START);
  /** Keys of the generic CSV/TSV format. */
  static final KeySet CSV = KeySet.of(CSV_DELIMITER, CSV_ITEMS_DELIMITER, CSV_COLUMNS, CSV_ITEM_COLUMNS, CSV_ITEM_TEXT);

  /** The CLI option that sets a key besides {@code --set} (named in errors as the value's origin). */
  private static final Map<String, String> OPTIONS = Map.of(INPUT_ENCODING.name(), "--encoding",
      INPUT_TIMESTAMP_UNIT.name(), "--timestamp-unit", INPUT_MAX_BAD_ROWS_SHARE.name(), "--max-bad-rows-share",
      INPUT_MAX_LINE_BYTES.name(), "--max-line-bytes", SEED.name(), "--seed", CSV_DELIMITER.name(), "--delimiter",
      CSV_COLUMNS.name(), "--columns", CSV_ITEM_COLUMNS.name(), "--item-columns", CSV_ITEM_TEXT.name(), "--item-text");

  /** The protocol a source uses: {@code rating} when labels come from ratings or a label column, else {@code click}. */
  public static String protocolFor(SourceData.Labels labels) {
    return labels == SourceData.Labels.NONE ? "click" : "rating";
  }

  /**
   * The keys of a source format whose labels come from {@code labels}, with that source's defaults
   * (Taobao: target behavior pv, UTC+8 days, the documented nine-day window).
   */
  public static KeySet schema(SourceFormat format, SourceData.Labels labels) {
    return schema(format, protocolFor(labels), labels);
  }

  /** The keys of a source format under an explicit protocol ({@code rating} or {@code click}). */
  static KeySet schema(SourceFormat format, String protocol, SourceData.Labels labels) {
    KeySet keys = COMMON;
    if (protocol.equals("rating")) {
      if (labels == SourceData.Labels.RATING) keys = keys.plus(RATING_THRESHOLD);
      keys = keys.plus(SPLIT_VALID_FRACTION, SPLIT_TEST_FRACTION);
    } else if (protocol.equals("click")) {
      keys = keys.plus(CLICK);
      if (format == SourceFormat.TAOBAO) {
        keys = keys.withDefault(CLICK_TARGET_BEHAVIOR, "pv").withDefault(CLICK_UTC_OFFSET_HOURS, 8)
            .withDefault(CLICK_WINDOW_START, 1511539200L).withDefault(CLICK_WINDOW_END, 1512316800L);
      }
    } else {
      throw new IllegalArgumentException("unknown protocol '" + protocol + "'; expected rating or click");
    }
    if (format == SourceFormat.MOVIELENS) keys = keys.plus(MOVIELENS_MAX_TAGS);
    if (format == SourceFormat.CSV) keys = keys.plus(CSV);
    return keys;
  }

  /** How an override of {@code key} is named in errors: {@code --set key=value}, and its option if it has one. */
  static String origin(String key, String value) {
    String set = "--set " + key + "=" + value;
    String option = OPTIONS.get(key);
    return option == null ? set : option + " " + value + " or " + set;
  }
}
