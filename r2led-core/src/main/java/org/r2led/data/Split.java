package org.r2led.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The three sample splits of a prepared dataset. */
public enum Split {
  TRAIN("train"), VALID("valid"), TEST("test");

  private final String id;

  Split(String id) { this.id = id; }

  /** Lower-case name used in file paths and on the command line. */
  public String id() { return id; }

  /** Parses {@code train|valid|test} (also accepts {@code validation}). */
  public static Split parse(String s) {
    String k = s.trim().toLowerCase(java.util.Locale.ROOT);
    if (k.equals("validation")) return VALID;
    for (Split sp : values()) if (sp.id.equals(k)) return sp;
    throw new IllegalArgumentException("unknown split '" + s + "'; expected one of "
        + Arrays.stream(values()).map(Split::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() { return id; }
}
