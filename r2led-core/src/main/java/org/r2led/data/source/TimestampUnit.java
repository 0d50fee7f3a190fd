package org.r2led.data.source;

import java.util.Locale;

/**
 * The unit of the timestamps of an input file ({@code --timestamp-unit}): seconds, milliseconds or
 * microseconds since 1970-01-01 UTC, or {@code auto} — detected per file from its values
 * ({@link TimestampColumn}). Prepared datasets always store seconds.
 */
public enum TimestampUnit {
  AUTO("auto", "detected", 0),
  S("s", "seconds", 1),
  MS("ms", "milliseconds", 1_000),
  US("us", "microseconds", 1_000_000);

  private final String id;
  private final String longName;
  private final long perSecond;

  TimestampUnit(String id, String longName, long perSecond) {
    this.id = id;
    this.longName = longName;
    this.perSecond = perSecond;
  }

  /** The option value: {@code auto}, {@code s}, {@code ms} or {@code us}. */
  public String id() { return id; }

  /** {@code seconds}, {@code milliseconds}, ... */
  public String longName() { return longName; }

  /** Units per second (0 for {@link #AUTO}). */
  public long perSecond() { return perSecond; }

  /** Parses {@code auto|s|ms|us}; fails listing the choices. */
  public static TimestampUnit parse(String s) {
    String k = s.trim().toLowerCase(Locale.ROOT);
    for (TimestampUnit u : values()) if (u.id.equals(k)) return u;
    throw new IllegalArgumentException("timestamp unit '" + s + "': expected auto, s, ms or us");
  }

  @Override
  public String toString() { return id; }
}
