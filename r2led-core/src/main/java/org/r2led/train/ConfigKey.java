package org.r2led.train;

import java.util.List;

/**
 * One training configuration key: its type, default, and valid range or choices.
 *
 * @param min inclusive lower bound (numbers; for lists, per element)
 * @param max inclusive upper bound
 * @param choices allowed values of a string key (empty = any)
 */
public record ConfigKey(String name, Type type, Object defaultValue, double min, double max, List<String> choices,
    String doc) {
  /** Value types. */
  public enum Type { INT, DOUBLE, BOOL, STRING, INT_LIST }

  /** Describes what a valid value looks like (for error messages). */
  public String expected() {
    return switch (type) {
      case INT -> "an integer in [" + (long) min + ", " + (long) max + "]";
      case DOUBLE -> "a number in [" + min + ", " + max + "]";
      case BOOL -> "true or false";
      case STRING -> choices.isEmpty() ? "a string" : "one of " + String.join(", ", choices);
      case INT_LIST -> "a list of integers in [" + (long) min + ", " + (long) max + "], e.g. [200, 80]";
    };
  }
}
