package org.r2led.data.protocol;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.config.Config;
import org.r2led.config.ConfigKey;
import org.r2led.data.source.GenericCsvReader;
import org.r2led.data.source.ReadOptions;
import org.r2led.data.source.SourceData;
import org.r2led.data.source.TimestampUnit;
import org.r2led.data.source.SourceFormat;

/**
 * The parameters of a preparation run: a {@link Config} over the source's {@link ProtocolKeys}
 * schema (per-source defaults, {@code --set key=value} overrides checked by their keys, values that
 * must agree checked together) plus data-derived values for keys whose default is {@code auto}.
 * Every value ends up in the manifest's {@code protocol} map. Immutable and serializable (distributed
 * preparers ship it to every shard); {@link #resolve} returns a copy.
 */
public final class ProtocolParams implements java.io.Serializable {
  private static final long serialVersionUID = 2L;

  public static final String AUTO = ConfigKey.AUTO;
  /** Input encoding key ({@code --encoding}). */
  public static final String INPUT_ENCODING = ProtocolKeys.INPUT_ENCODING.name();
  /** Timestamp unit key ({@code --timestamp-unit}). */
  public static final String INPUT_TIMESTAMP_UNIT = ProtocolKeys.INPUT_TIMESTAMP_UNIT.name();
  /** Largest skipped share of a file's rows ({@code --max-bad-rows-share}). */
  public static final String INPUT_MAX_BAD_ROWS_SHARE = ProtocolKeys.INPUT_MAX_BAD_ROWS_SHARE.name();
  /** Longest input row in bytes ({@code --max-line-bytes}). */
  public static final String INPUT_MAX_LINE_BYTES = ProtocolKeys.INPUT_MAX_LINE_BYTES.name();

  private final String protocol;
  private final Config config;

  private ProtocolParams(String protocol, Config config) {
    this.protocol = protocol;
    this.config = config;
  }

  /** Protocol name: {@code rating} or {@code click}. */
  public String protocol() { return protocol; }

  /** The protocol a source uses: rating when labels come from ratings or a label column, else click. */
  public static String protocolFor(SourceData.Labels labels) { return ProtocolKeys.protocolFor(labels); }

  /** Defaults for a source format, protocol ({@code rating}/{@code click}) and label source. */
  public static ProtocolParams defaults(SourceFormat format, String protocol, SourceData.Labels labels) {
    return new ProtocolParams(protocol, Config.defaults(ProtocolKeys.schema(format, protocol, labels)));
  }

  /**
   * Applies {@code key=value} overrides (values trimmed); an unknown key fails listing this source's
   * keys, a malformed or out-of-range value fails naming the key, the value, its origin and what was expected.
   */
  public ProtocolParams with(Map<String, String> overrides) {
    Config c = config;
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!c.schema().contains(e.getKey())) {
        throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' for the " + protocol
            + " protocol of this source; valid keys: " + String.join(", ", c.schema().names()));
      }
      String v = e.getValue().trim();
      c = c.with(e.getKey(), v, ProtocolKeys.origin(e.getKey(), v));
    }
    ProtocolParams p = new ProtocolParams(protocol, c);
    p.validate();
    return p;
  }

  private void validate() {
    if (has(ProtocolKeys.SPLIT_TEST_FRACTION.name())) {
      double v = config.get(ProtocolKeys.SPLIT_VALID_FRACTION);
      if (v + config.get(ProtocolKeys.SPLIT_TEST_FRACTION) >= 1) {
        throw config.invalid(ProtocolKeys.SPLIT_TEST_FRACTION, "a fraction below 1 - split.valid_fraction (" + v + ", "
            + config.origin(ProtocolKeys.SPLIT_VALID_FRACTION.name()) + ")");
      }
    }
    for (ConfigKey<String> k : List.of(ProtocolKeys.CSV_DELIMITER, ProtocolKeys.CSV_ITEMS_DELIMITER)) {
      if (has(k.name()) && !isAuto(k.name())) check(k, () -> org.r2led.data.source.CsvReader.parseDelimiter(config.get(k)));
    }
    check(ProtocolKeys.INPUT_TIMESTAMP_UNIT, () -> TimestampUnit.parse(config.get(ProtocolKeys.INPUT_TIMESTAMP_UNIT)));
    check(ProtocolKeys.INPUT_ENCODING, this::readOptions);
  }

  /** Runs a check of {@code key}'s value; its failure names the key, the value and its origin. */
  private void check(ConfigKey<?> key, Runnable check) {
    try {
      check.run();
    } catch (IllegalArgumentException e) {
      throw config.invalid(key, "a valid value (" + e.getMessage() + ")");
    }
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
    if (!has(key)) throw new IllegalArgumentException("unknown parameter " + key);
    return new ProtocolParams(protocol, config.with(key, value, "derived from the data"));
  }

  public boolean has(String key) { return config.schema().contains(key); }

  public boolean isAuto(String key) { return AUTO.equals(config.asMap().get(key)); }

  public Object get(String key) {
    Object o = config.asMap().get(key);
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
    Map<String, Object> m = new TreeMap<>(config.asMap());
    m.put("protocol", protocol);
    return m;
  }
}
