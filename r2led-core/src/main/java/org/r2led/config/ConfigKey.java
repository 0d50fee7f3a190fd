package org.r2led.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One typed configuration key: name (FuxiCTR/LongCTR naming where the field has one), value type,
 * documented default, and the valid range or choices. Immutable; models and the training loop
 * declare their keys as constants and read values with {@link Config#get(ConfigKey)}.
 *
 * <p>Integer keys also accept integral values written as {@code 1_000_000} or {@code 1e6}; a key with
 * choices accepts them in any case.
 *
 * @param <T> the Java type of the value ({@code Integer}, {@code Long}, {@code Double}, {@code Boolean},
 *     {@code String}, {@code List<Integer>}, or for {@link #integerOrAuto} a {@code Long} or the string
 *     {@value #AUTO})
 */
public final class ConfigKey<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The word a {@link Type#LONG_OR_AUTO} key takes for "derived later" (e.g. from the data). */
  public static final String AUTO = "auto";

  /** Value types: {@code LONG_OR_AUTO} is a 64-bit integer or the word {@value #AUTO}. */
  public enum Type { INT, DOUBLE, BOOL, STRING, INT_LIST, LONG, LONG_OR_AUTO }

  private final String name;
  private final Type type;
  private final T defaultValue;
  private final double min;
  private final double max;
  private final List<String> choices;
  private final String doc;

  private ConfigKey(String name, Type type, T defaultValue, double min, double max, List<String> choices, String doc) {
    this.name = Objects.requireNonNull(name);
    this.type = type;
    this.min = min;
    this.max = max;
    this.choices = List.copyOf(choices);
    this.doc = doc;
    this.defaultValue = defaultValue;
    convert(defaultValue, "default of " + name); // a bad default is a programming error, caught at class load
  }

  /** An integer key with an inclusive range. */
  public static ConfigKey<Integer> integer(String name, int def, long min, long max, String doc) {
    return new ConfigKey<>(name, Type.INT, def, min, max, List.of(), doc);
  }

  /** A 64-bit integer key with an inclusive range. */
  public static ConfigKey<Long> longInteger(String name, long def, long min, long max, String doc) {
    return new ConfigKey<>(name, Type.LONG, def, min, max, List.of(), doc);
  }

  /**
   * A 64-bit integer key in an inclusive range that may also be {@value #AUTO} (a value derived
   * later); its values are a {@code Long} or the string {@value #AUTO}.
   */
  public static ConfigKey<Object> integerOrAuto(String name, Object def, long min, long max, String doc) {
    return new ConfigKey<>(name, Type.LONG_OR_AUTO, def, min, max, List.of(), doc);
  }

  /**
   * A floating-point key with an inclusive range; {@code ±Double.MAX_VALUE} as a bound means
   * unbounded (but finite) and {@code Double.MIN_VALUE} as the lower bound means positive.
   */
  public static ConfigKey<Double> real(String name, double def, double min, double max, String doc) {
    return new ConfigKey<>(name, Type.DOUBLE, def, min, max, List.of(), doc);
  }

  public static ConfigKey<Boolean> bool(String name, boolean def, String doc) {
    return new ConfigKey<>(name, Type.BOOL, def, 0, 0, List.of(), doc);
  }

  /** A string key restricted to {@code choices} (any string when none are given). */
  public static ConfigKey<String> choice(String name, String def, String doc, String... choices) {
    return new ConfigKey<>(name, Type.STRING, def, 0, 0, List.of(choices), doc);
  }

  /** A list of integers, each in the inclusive range. */
  public static ConfigKey<List<Integer>> intList(String name, List<Integer> def, long min, long max, String doc) {
    return new ConfigKey<>(name, Type.INT_LIST, List.copyOf(def), min, max, List.of(), doc);
  }

  /** The same key with another default (e.g. a model preset, or a model's own default for a shared name). */
  public ConfigKey<T> withDefault(T def) {
    return new ConfigKey<>(name, type, def, min, max, choices, doc);
  }

  /** The same key with another default given as a raw value (as YAML would give it). */
  public ConfigKey<T> withRawDefault(Object raw) {
    return withDefault(convert(raw, "preset default of " + name));
  }

  public String name() { return name; }

  public Type type() { return type; }

  public T defaultValue() { return defaultValue; }

  public List<String> choices() { return choices; }

  public String doc() { return doc; }

  /** Describes what a valid value looks like (for error messages and listings). */
  public String expected() {
    return switch (type) {
      case INT -> "an integer in [" + (long) min + ", " + (long) max + "]";
      case DOUBLE -> expectedReal();
      case BOOL -> "true or false";
      case STRING -> choices.isEmpty() ? "a string" : "one of " + String.join(", ", choices);
      case INT_LIST -> "a list of integers in [" + (long) min + ", " + (long) max + "], e.g. [200, 80]";
      case LONG -> expectedLong();
      case LONG_OR_AUTO -> expectedLong() + " or " + AUTO;
    };
  }

  private String expectedLong() {
    boolean anyLow = min <= Long.MIN_VALUE;
    boolean anyHigh = max >= Long.MAX_VALUE;
    if (anyLow && anyHigh) return "an integer";
    if (anyHigh) return "an integer >= " + (long) min;
    return anyLow ? "an integer <= " + (long) max : "an integer in [" + (long) min + ", " + (long) max + "]";
  }

  private String expectedReal() {
    String lower = min == Double.MIN_VALUE ? "> 0" : min == -Double.MAX_VALUE ? null : ">= " + min;
    if (max == Double.MAX_VALUE) return lower == null ? "a finite number" : "a finite number " + lower;
    return "a number in [" + min + ", " + max + "]";
  }

  /**
   * Converts and validates a raw value (String, Number, Boolean or List, as YAML or {@code --set}
   * give them); fails naming this key, the value, its origin and what is expected.
   */
  @SuppressWarnings("unchecked")
  public T convert(Object raw, String origin) {
    try {
      Object v = switch (type) {
        case INT -> checkRange(toLong(raw));
        case DOUBLE -> checkRange(toDouble(raw));
        case BOOL -> toBool(raw);
        case STRING -> raw instanceof String s ? toChoice(s) : null;
        case INT_LIST -> checkRange(toIntList(raw));
        case LONG -> checkLongRange(toLong(raw));
        case LONG_OR_AUTO -> raw instanceof String t && t.trim().equalsIgnoreCase(AUTO) ? AUTO : checkLongRange(toLong(raw));
      };
      if (v == null) throw new IllegalArgumentException();
      return (T) v;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("config key '" + name + "' has invalid value '" + raw + "' (" + origin
          + "); expected " + expected());
    }
  }

  private Integer checkRange(Long x) {
    if (x == null || x < min || x > max) return null;
    return (int) (long) x;
  }

  private Long checkLongRange(Long x) {
    // min and max are doubles: compare in long arithmetic where the bound is a long's extreme
    if (x == null || (min > Long.MIN_VALUE && x < (long) min) || (max < Long.MAX_VALUE && x > (long) max)) return null;
    return x;
  }

  private Double checkRange(Double x) {
    if (x == null || !(x >= min && x <= max)) return null;
    return x;
  }

  private List<Integer> checkRange(List<Integer> l) {
    if (l == null) return null;
    for (int x : l) if (x < min || x > max) return null;
    return List.copyOf(l);
  }

  /** Any string when there are no choices; else the choice {@code s} names, ignoring case and surrounding blanks. */
  private String toChoice(String s) {
    if (choices.isEmpty()) return s;
    for (String c : choices) if (c.equalsIgnoreCase(s.trim())) return c;
    return null;
  }

  private static Long toLong(Object raw) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) return ((Number) raw).longValue();
    if (raw instanceof String s) {
      String t = s.trim().replace("_", "");
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        double d = Double.parseDouble(t); // 1e6: an integral value in scientific notation
        if (d != Math.rint(d) || Math.abs(d) > 9.0e18) throw new NumberFormatException("not an integer: " + s);
        return (long) d;
      }
    }
    return null;
  }

  private static Double toDouble(Object raw) {
    if (raw instanceof Number n) return n.doubleValue();
    if (raw instanceof String s) return Double.parseDouble(s.trim());
    return null;
  }

  private static Boolean toBool(Object raw) {
    if (raw instanceof Boolean b) return b;
    if (raw instanceof String s) {
      if (s.trim().equalsIgnoreCase("true")) return true;
      if (s.trim().equalsIgnoreCase("false")) return false;
    }
    return null;
  }

  private static List<Integer> toIntList(Object raw) {
    List<Integer> out = new ArrayList<>();
    if (raw instanceof List<?> l) {
      for (Object o : l) {
        Long x = toLong(o);
        if (x == null) return null;
        out.add(Math.toIntExact(x));
      }
      return out;
    }
    if (raw instanceof Number n) return List.of(Math.toIntExact(toLong(n)));
    if (raw instanceof String s) {
      String t = s.trim();
      if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
      for (String part : t.split("[,\\s]+")) if (!part.isEmpty()) out.add(Integer.parseInt(part));
      return out;
    }
    return null;
  }

  @Override
  public String toString() { return name + " (" + expected() + ", default " + defaultValue + ")"; }
}
