package org.r2led.data.source;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The timestamp rule of one input file. Timestamps are integers counting {@link TimestampUnit}s
 * since 1970-01-01 UTC; they are converted to seconds (floor) and must lie in the accepted range
 * 1970-01-01 .. 2100-01-01, i.e. {@code 0 < value < 4102444800 × units per second}. A value outside
 * it (negative, 0, 9e18, a millisecond value in a file of seconds) is a bad row naming the value
 * and the range.
 *
 * <p>With unit {@code auto} the unit is detected per file from the median of its first
 * {@value #SAMPLE} timestamps: seconds when the median is in the seconds range, else milliseconds
 * or microseconds when it is in theirs (a warning names the detected unit), else seconds. So a file
 * of milliseconds is converted, while one stray millisecond value in a file of seconds is a bad row.
 */
final class TimestampColumn implements java.io.Serializable {
  /** 2100-01-01 00:00:00 UTC in seconds: the exclusive upper bound of accepted timestamps. */
  static final long MAX_SECONDS = 4_102_444_800L;
  /** Values sampled from the start of a file to detect its unit. */
  static final int SAMPLE = 10_000;

  private final String file;
  private final TimestampUnit unit;
  private final boolean detected;
  private final long limit;

  private TimestampColumn(String file, TimestampUnit unit, boolean detected) {
    this.file = file;
    this.unit = unit;
    this.detected = detected;
    this.limit = MAX_SECONDS * unit.perSecond();
  }

  /**
   * The rule of one file. For {@code auto}, opens the file with {@code open} and samples the first
   * {@value #SAMPLE} parseable values ({@code value} returns a record's timestamp text, or null),
   * skipping a header row when {@code header}; prints a warning to {@code log} when the detected
   * unit is not seconds.
   */
  static <R extends Numbered> TimestampColumn of(TimestampUnit option, String file, Supplier<RowSource<R>> open,
      boolean header, Function<R, String> value, PrintStream log) {
    if (option != TimestampUnit.AUTO) return new TimestampColumn(file, option, false);
    long[] sample = new long[SAMPLE];
    int n = 0;
    try (RowSource<R> r = open.get()) {
      if (header) r.next();
      R row;
      while (n < SAMPLE && (row = r.next()) != null) {
        try {
          String v = row.problem() == null ? value.apply(row) : null;
          if (v != null) sample[n++] = Long.parseLong(v.trim());
        } catch (RuntimeException e) {
          // unparseable: the reading pass reports it
        }
      }
    }
    return fromSample(file, sample, n, log);
  }

  /**
   * The rule of a file whose first timestamp values are {@code values} (null or unparseable ones
   * skipped; at most {@value #SAMPLE} used), for inputs that are not delimited text (e.g. Parquet).
   */
  static TimestampColumn of(TimestampUnit option, String file, List<String> values, PrintStream log) {
    if (option != TimestampUnit.AUTO) return new TimestampColumn(file, option, false);
    long[] sample = new long[SAMPLE];
    int n = 0;
    for (String v : values) {
      if (n == SAMPLE) break;
      try {
        if (v != null) {
          long t = Long.parseLong(v.trim());
          sample[n++] = t;
        }
      } catch (NumberFormatException e) {
        // unparseable: the reading pass reports it
      }
    }
    return fromSample(file, sample, n, log);
  }

  private static TimestampColumn fromSample(String file, long[] sample, int n, PrintStream log) {
    if (n == 0) return new TimestampColumn(file, TimestampUnit.S, true);
    Arrays.sort(sample, 0, n);
    long median = sample[n / 2];
    TimestampUnit unit = detect(median);
    if (unit != TimestampUnit.S && log != null) {
      log.printf(Locale.ROOT, "warning: %s: timestamps look like %s (median of the first %,d values: %d, past"
          + " 2100-01-01 if read as seconds); converting them to seconds (value / %,d, rounded down)."
          + " Set the unit with --timestamp-unit s|ms|us.%n", file, unit.longName(), n, median, unit.perSecond());
    }
    return new TimestampColumn(file, unit, true);
  }

  /** The unit whose accepted range holds {@code median}; seconds when none does. */
  static TimestampUnit detect(long median) {
    for (TimestampUnit u : new TimestampUnit[] {TimestampUnit.S, TimestampUnit.MS, TimestampUnit.US}) {
      if (median > 0 && median < MAX_SECONDS * u.perSecond()) return u;
    }
    return TimestampUnit.S;
  }

  /** Parses and converts a timestamp field to seconds; throws {@link RowProblem} naming the value and the range. */
  long seconds(String text, String field) {
    String v = Fields.required(text, field);
    long raw;
    try {
      raw = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new RowProblem("non-numeric " + field + " '" + v + "' (expected an integer, " + unitText() + ")");
    }
    return seconds(raw, field);
  }

  /** Converts a timestamp to seconds; throws {@link RowProblem} naming the value and the range. */
  long seconds(long raw, String field) {
    if (raw <= 0 || raw >= limit) {
      String hint = unit == TimestampUnit.S && raw >= MAX_SECONDS && raw < MAX_SECONDS * TimestampUnit.US.perSecond()
          ? "; it looks like " + detect(raw).longName() + " — see --timestamp-unit" : "";
      throw new RowProblem(String.format(Locale.ROOT, "%s %d is out of the accepted range: expected %s in (0, %d),"
          + " i.e. 1970-01-01 .. 2100-01-01%s", field, raw, unitText(), limit, hint));
    }
    return Math.floorDiv(raw, unit.perSecond());
  }

  private String unitText() {
    return unit.longName() + " since 1970-01-01" + (detected && unit != TimestampUnit.S ? " (detected)" : "");
  }

  /** How this file's timestamps were read, for the manifest notes ({@code s}, {@code ms (detected)}, ...). */
  String describe() {
    return unit.id() + (detected ? " (detected)" : "");
  }

  /** Records this file's unit under {@code notes.timestamp_units}. */
  @SuppressWarnings("unchecked")
  void note(Map<String, Object> notes) {
    ((Map<String, Object>) notes.computeIfAbsent("timestamp_units", k -> new LinkedHashMap<String, Object>()))
        .put(file, describe());
  }
}
