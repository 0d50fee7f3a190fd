package org.r2led.data.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.data.source.BadRows;
import org.r2led.data.source.CsvHeader;
import org.r2led.data.source.GenericCsvReader;
import org.r2led.data.source.ReadOptions;
import org.r2led.data.source.SourceData;
import org.r2led.data.source.TimestampUnit;
import org.r2led.data.source.SourceFormat;

/**
 * The parameters of a preparation run, with per-source defaults, type-checked overrides
 * ({@code --set key=value}) and data-derived values for keys whose default is {@code auto}.
 * Every value ends up in the manifest's {@code protocol} map. Immutable; {@link #resolve} returns a copy.
 */
public final class ProtocolParams implements java.io.Serializable {
  /** Value kinds. {@code AUTO_LONG} is an integer or the word {@code auto} (derived from the data). */
  enum Kind { INT, LONG, AUTO_LONG, DOUBLE, STRING }

  /** One parameter: key, kind, default and a one-line description (shown by {@code --help}). */
  record Def(String key, Kind kind, Object defaultValue, String description) implements java.io.Serializable {}

  public static final String AUTO = "auto";
  /** Input encoding key ({@code --encoding}). */
  public static final String INPUT_ENCODING = "input.encoding";
  /** Timestamp unit key ({@code --timestamp-unit}). */
  public static final String INPUT_TIMESTAMP_UNIT = "input.timestamp_unit";
  /** Largest skipped share of a file's rows ({@code --max-bad-rows-share}). */
  public static final String INPUT_MAX_BAD_ROWS_SHARE = "input.max_bad_rows_share";
  /** Longest input row in bytes ({@code --max-line-bytes}). */
  public static final String INPUT_MAX_LINE_BYTES = "input.max_line_bytes";

  private final String protocol;
  private final Map<String, Def> defs;
  private final Map<String, Object> values;

  private ProtocolParams(String protocol, Map<String, Def> defs, Map<String, Object> values) {
    this.protocol = protocol;
    this.defs = defs;
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Protocol name: {@code rating} or {@code click}. */
  public String protocol() { return protocol; }

  /** The protocol a source uses: rating when labels come from ratings or a label column, else click. */
  public static String protocolFor(SourceData.Labels labels) {
    return labels == SourceData.Labels.NONE ? "click" : "rating";
  }

  /** Defaults for a source format, protocol ({@code rating}/{@code click}) and label source. */
  public static ProtocolParams defaults(SourceFormat format, String protocol, SourceData.Labels labels) {
    Map<String, Def> d = new LinkedHashMap<>();
    add(d, "duplicates", Kind.STRING, "drop", "exact duplicate events (same user, item, timestamp, behavior, rating/label, category): drop|keep");
    add(d, INPUT_ENCODING, Kind.STRING, AUTO, "encoding of the input files (auto: UTF-8, except files a layout documents as Latin-1)");
    add(d, INPUT_TIMESTAMP_UNIT, Kind.STRING, AUTO, "unit of the input timestamps: auto (detected per file), s, ms or us");
    add(d, INPUT_MAX_BAD_ROWS_SHARE, Kind.DOUBLE, BadRows.DEFAULT_MAX_SHARE,
        "with --skip-bad-rows, the largest share of a file's rows that may be skipped (0.01 = 1 %)");
    add(d, INPUT_MAX_LINE_BYTES, Kind.INT, ReadOptions.DEFAULT_MAX_LINE_BYTES,
        "longest input row in bytes (a line, or the lines of one quoted field); a longer row is a bad row");
    if (protocol.equals("rating")) {
      if (labels == SourceData.Labels.RATING) {
        add(d, "rating.threshold", Kind.DOUBLE, 4.0, "label = 1 when rating >= threshold");
      }
      add(d, "split.valid_fraction", Kind.DOUBLE, 0.1, "per user, floor(n*f) events before the test events -> valid");
      add(d, "split.test_fraction", Kind.DOUBLE, 0.1, "per user, the last floor(n*f) events -> test");
    } else if (protocol.equals("click")) {
      boolean taobao = format == SourceFormat.TAOBAO;
      add(d, "seed", Kind.LONG, 42L, "seed of negative sampling");
      add(d, "click.target_behavior", Kind.STRING, taobao ? "pv" : AUTO,
          "behavior whose events are targets (auto: pv if present, else the only behavior)");
      add(d, "click.warmup", Kind.INT, 10, "a target needs at least this many earlier behaviors (strictly before its time)");
      add(d, "click.negatives", Kind.INT, 1, "negatives sampled by item popularity per positive");
      add(d, "click.utc_offset_hours", Kind.INT, taobao ? 8 : 0, "time zone of the day boundaries (hours east of UTC)");
      add(d, "click.window_start", Kind.AUTO_LONG, taobao ? 1511539200L : AUTO,
          "first second of the data window (Unix s; auto: day start of the earliest event); earlier events are history only");
      add(d, "click.window_end", Kind.AUTO_LONG, taobao ? 1512316800L : AUTO,
          "end of the data window, exclusive (Unix s; auto: day end of the latest event); later events are history only");
      add(d, "click.valid_start", Kind.AUTO_LONG, AUTO, "start of the validation day (auto: window_end - 2 days)");
      add(d, "click.test_start", Kind.AUTO_LONG, AUTO, "start of the test day (auto: window_end - 1 day)");
    } else {
      throw new IllegalArgumentException("unknown protocol '" + protocol + "'");
    }
    if (format == SourceFormat.MOVIELENS) {
      add(d, "movielens.max_tags", Kind.INT, 10, "at most this many distinct tags in an item's text");
    }
    if (format == SourceFormat.CSV) {
      add(d, "csv.delimiter", Kind.STRING, AUTO, "events delimiter: auto (tab if the header has one, else comma), tab, comma, or a character");
      add(d, "csv.items_delimiter", Kind.STRING, AUTO, "items-file delimiter (same choices)");
      add(d, "csv.columns", Kind.STRING, CsvHeader.FROM_HEADER,
          "header (the first row names the columns) or the column names of a header-less events file, comma-separated");
      add(d, "csv.item_columns", Kind.STRING, CsvHeader.FROM_HEADER, "the same for the items file");
      add(d, "csv.item_text", Kind.STRING, GenericCsvReader.TEXT_COLUMN,
          "item text: auto (the items file's text column) or a template over its columns, e.g. {title}. Genres: {genres}.");
    }
    Map<String, Object> v = new LinkedHashMap<>();
    for (Def def : d.values()) v.put(def.key(), def.defaultValue());
    return new ProtocolParams(protocol, d, v);
  }

  private static void add(Map<String, Def> d, String key, Kind kind, Object def, String description) {
    d.put(key, new Def(key, kind, def, description));
  }

  /** Applies {@code key=value} overrides; unknown keys and malformed values fail naming the key. */
  public ProtocolParams with(Map<String, String> overrides) {
    Map<String, Object> v = new LinkedHashMap<>(values);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      Def def = defs.get(e.getKey());
      if (def == null) {
        throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' for the " + protocol
            + " protocol of this source; valid keys: " + String.join(", ", defs.keySet()));
      }
      v.put(def.key(), parse(def, e.getValue().trim()));
    }
    ProtocolParams p = new ProtocolParams(protocol, defs, v);
    p.validate();
    return p;
  }

  private static Object parse(Def def, String s) {
    try {
      switch (def.kind()) {
        case INT: return Integer.parseInt(s);
        case LONG: return Long.parseLong(s);
        case AUTO_LONG: return s.equalsIgnoreCase(AUTO) ? AUTO : (Object) Long.parseLong(s);
        case DOUBLE: {
          double d = Double.parseDouble(s);
          if (!Double.isFinite(d)) throw new NumberFormatException();
          return d;
        }
        default: return s;
      }
    } catch (NumberFormatException e) {
      String expected = switch (def.kind()) {
        case INT, LONG -> "an integer";
        case AUTO_LONG -> "an integer or 'auto'";
        default -> "a finite number";
      };
      throw new IllegalArgumentException("parameter " + def.key() + "='" + s + "': expected " + expected);
    }
  }

  private void validate() {
    String dup = string("duplicates");
    if (!dup.equals("drop") && !dup.equals("keep")) {
      throw new IllegalArgumentException("parameter duplicates='" + dup + "': expected drop or keep");
    }
    if (defs.containsKey("split.test_fraction")) {
      double v = dbl("split.valid_fraction");
      double t = dbl("split.test_fraction");
      if (v < 0 || t < 0 || v + t >= 1) {
        throw new IllegalArgumentException("split.valid_fraction=" + v + " and split.test_fraction=" + t
            + ": expected non-negative fractions with a sum below 1");
      }
    }
    if (defs.containsKey("click.warmup")) {
      if (integer("click.warmup") < 0) throw new IllegalArgumentException("click.warmup must be >= 0, got " + integer("click.warmup"));
      if (integer("click.negatives") < 1) throw new IllegalArgumentException("click.negatives must be >= 1, got " + integer("click.negatives"));
      int off = integer("click.utc_offset_hours");
      if (off < -14 || off > 14) throw new IllegalArgumentException("click.utc_offset_hours must be in [-14, 14], got " + off);
    }
    for (String k : List.of("csv.delimiter", "csv.items_delimiter")) {
      if (defs.containsKey(k) && !string(k).equals(AUTO)) org.r2led.data.source.CsvReader.parseDelimiter(string(k));
    }
    readOptions();
    new BadRows(true, dbl(INPUT_MAX_BAD_ROWS_SHARE));
  }

  /** The reading options ({@code input.*} keys); fails on an unknown encoding or unit. */
  public ReadOptions readOptions() {
    return new ReadOptions(string(INPUT_ENCODING), TimestampUnit.parse(string(INPUT_TIMESTAMP_UNIT)), integer(INPUT_MAX_LINE_BYTES));
  }

  /** The generic-format options ({@code csv.*} keys). */
  public GenericCsvReader.Options csvOptions() {
    return new GenericCsvReader.Options(string("csv.delimiter"), string("csv.items_delimiter"), string("csv.columns"),
        string("csv.item_columns"), string("csv.item_text"));
  }

  /** A copy with {@code key} set to a data-derived value (for {@code auto} keys). */
  public ProtocolParams resolve(String key, Object value) {
    if (!defs.containsKey(key)) throw new IllegalArgumentException("unknown parameter " + key);
    Map<String, Object> v = new LinkedHashMap<>(values);
    v.put(key, value);
    return new ProtocolParams(protocol, defs, v);
  }

  public boolean has(String key) { return values.containsKey(key); }

  public boolean isAuto(String key) { return AUTO.equals(values.get(key)); }

  public Object get(String key) {
    Object o = values.get(key);
    if (o == null) throw new IllegalArgumentException("no parameter '" + key + "' for the " + protocol + " protocol");
    return o;
  }

  public int integer(String key) { return ((Number) get(key)).intValue(); }

  public long lng(String key) {
    Object o = get(key);
    if (!(o instanceof Number)) throw new IllegalStateException("parameter " + key + " is not resolved yet: " + o);
    return ((Number) o).longValue();
  }

  public double dbl(String key) { return ((Number) get(key)).doubleValue(); }

  public String string(String key) { return String.valueOf(get(key)); }

  /** Key → value, sorted by key (the manifest's {@code protocol} map, plus {@code protocol} = name). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new TreeMap<>(values);
    m.put("protocol", protocol);
    return m;
  }
}
