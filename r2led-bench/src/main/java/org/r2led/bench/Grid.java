package org.r2led.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small grid of training settings: {@code "learning_rate=1e-3,3e-4;embedding_regularizer=0,0.01"}
 * is the cartesian product of the listed values (4 settings here), in the given order with the last
 * key varying fastest. A value may be a bracketed list ({@code dnn_hidden_units=[200,80],[64]}). An
 * empty spec (or {@code none}) is one setting with no overrides, called {@code default}.
 */
public final class Grid {
  /**
   * One point of the grid.
   *
   * @param id directory-safe, stable name ({@code learning_rate=1e-3,embedding_regularizer=0})
   * @param overrides its {@code key=value} settings, in grid key order
   */
  public record Setting(String id, List<String> overrides) {
    public Setting {
      overrides = List.copyOf(overrides);
    }

    /** The settings as {@code key=value} joined by spaces (for tables), or {@code defaults}. */
    public String label() { return overrides.isEmpty() ? "defaults" : String.join(" ", overrides); }
  }

  private final String spec;
  private final Map<String, List<String>> values;
  private final List<Setting> settings;

  private Grid(String spec, Map<String, List<String>> values) {
    this.spec = spec;
    this.values = values;
    this.settings = expand(values);
  }

  /** Parses a grid spec; fails on malformed parts, duplicate keys or values, and on {@code model}/{@code seed}. */
  public static Grid parse(String spec) {
    String s = spec == null ? "" : spec.trim();
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (s.isEmpty() || s.equalsIgnoreCase("none")) return new Grid("", values);
    for (String part : s.split(";")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      int eq = p.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("grid part '" + p + "' is not key=value1,value2,... (in --grid \"" + spec + "\")");
      String key = p.substring(0, eq).trim();
      if (key.equals("model") || key.equals("seed")) {
        throw new IllegalArgumentException("--grid cannot set '" + key + "': the benchmark chooses models (--models) and seeds (--seeds)");
      }
      if (values.containsKey(key)) throw new IllegalArgumentException("grid key '" + key + "' appears twice in --grid \"" + spec + "\"");
      List<String> vs = splitValues(p.substring(eq + 1));
      if (vs.isEmpty()) throw new IllegalArgumentException("grid key '" + key + "' has no values (in --grid \"" + spec + "\")");
      if (new TreeSet<>(vs).size() != vs.size()) throw new IllegalArgumentException("grid key '" + key + "' repeats a value: " + vs);
      values.put(key, List.copyOf(vs));
    }
    return new Grid(s, values);
  }

  /** Splits {@code a,b,[1,2]} at commas outside brackets; blanks are errors. */
  static List<String> splitValues(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '[') depth++;
      if (c == ']') depth--;
      if (c == ',' && depth == 0) {
        out.add(nonBlank(cur.toString(), text));
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (depth != 0) throw new IllegalArgumentException("unbalanced brackets in grid values '" + text + "'");
    if (!text.isBlank()) out.add(nonBlank(cur.toString(), text));
    return out;
  }

  private static String nonBlank(String v, String text) {
    if (v.isBlank()) throw new IllegalArgumentException("empty value in grid values '" + text + "'");
    return v.trim();
  }

  private static List<Setting> expand(Map<String, List<String>> values) {
    List<List<String>> combos = new ArrayList<>();
    combos.add(List.of());
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> c : combos) {
        for (String v : e.getValue()) {
          List<String> n = new ArrayList<>(c);
          n.add(e.getKey() + "=" + v);
          next.add(n);
        }
      }
      combos = next;
    }
    List<Setting> out = new ArrayList<>();
    Set<String> ids = new TreeSet<>();
    for (List<String> c : combos) {
      String id = c.isEmpty() ? "default" : safe(String.join(",", c));
      String unique = id;
      for (int k = 2; !ids.add(unique); k++) unique = id + "~" + k;
      out.add(new Setting(unique, c));
    }
    return out;
  }

  /** Keeps letters, digits and {@code . _ - = , +}; anything else (brackets, spaces, slashes) becomes {@code _}. */
  static String safe(String id) {
    String s = id.replaceAll("[^A-Za-z0-9._=,+-]", "_");
    return s.length() <= 200 ? s : s.substring(0, 180) + "~" + Integer.toHexString(id.hashCode());
  }

  /** The spec as given (empty for no grid). */
  public String spec() { return spec; }

  /** The grid's keys in order. */
  public Set<String> keys() { return values.keySet(); }

  /** Values per key. */
  public Map<String, List<String>> values() { return values; }

  /** The settings (at least one). */
  public List<Setting> settings() { return settings; }

  @Override
  public String toString() {
    return spec.isEmpty() ? "no grid (defaults)" : String.format(Locale.ROOT, "%s (%d settings)", spec, settings.size());
  }
}
