package org.r2led.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated, fully resolved training configuration: schema defaults ({@link ConfigSchema}),
 * overridden by a YAML file, overridden by {@code key=value} settings. Immutable.
 *
 * <p>An unknown key fails naming it and listing the valid keys; a wrong type or out-of-range value
 * fails naming the key, the value, where it came from and what was expected.
 */
public final class TrainConfig {
  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final Map<String, Object> values;

  private TrainConfig(Map<String, Object> values) { this.values = Collections.unmodifiableMap(values); }

  /** Defaults only. */
  public static TrainConfig defaults() { return builder().build(); }

  public static Builder builder() { return new Builder(); }

  /** Collects layers of settings; later layers win. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder() {
      for (ConfigKey k : ConfigSchema.keys().values()) values.put(k.name(), k.defaultValue());
    }

    /** Reads a YAML mapping of keys to values. */
    public Builder file(Path yaml) {
      Map<?, ?> m;
      try {
        if (!Files.isRegularFile(yaml)) throw new IllegalArgumentException("config file not found: " + yaml);
        Object o = YAML.readValue(yaml.toFile(), Object.class);
        if (o == null) return this;
        if (!(o instanceof Map<?, ?> mm)) throw new IllegalArgumentException("config file " + yaml + " must be a YAML mapping of key: value");
        m = mm;
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot parse config file " + yaml + ": " + e.getMessage(), e);
      }
      for (Map.Entry<?, ?> e : m.entrySet()) set(String.valueOf(e.getKey()), e.getValue(), "config file " + yaml);
      return this;
    }

    /** Applies a map (values as YAML would give them). */
    public Builder map(Map<String, ?> m, String origin) {
      for (Map.Entry<String, ?> e : m.entrySet()) set(e.getKey(), e.getValue(), origin);
      return this;
    }

    /** Applies {@code key=value} settings (values parsed as YAML scalars or lists). */
    public Builder overrides(List<String> settings) {
      for (String s : settings) {
        int eq = s.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("--set expects key=value, got '" + s + "'");
        set(s.substring(0, eq).trim(), s.substring(eq + 1).trim(), "--set " + s);
      }
      return this;
    }

    /** Sets one key from a raw value (String, Number, Boolean or List). */
    public Builder set(String key, Object raw, String origin) {
      ConfigKey k = ConfigSchema.keys().get(key);
      if (k == null) {
        throw new IllegalArgumentException("unknown config key '" + key + "' (" + origin + "); valid keys: "
            + String.join(", ", ConfigSchema.keys().keySet()));
      }
      values.put(key, convert(k, raw, origin));
      return this;
    }

    public TrainConfig build() { return new TrainConfig(new LinkedHashMap<>(values)); }
  }

  private static Object convert(ConfigKey k, Object raw, String origin) {
    try {
      Object v = switch (k.type()) {
        case INT -> toLong(raw);
        case DOUBLE -> toDouble(raw);
        case BOOL -> toBool(raw);
        case STRING -> raw instanceof String s ? s : null;
        case INT_LIST -> toIntList(raw);
      };
      if (v == null) throw new IllegalArgumentException();
      switch (k.type()) {
        case INT -> {
          long x = (Long) v;
          if (x < k.min() || x > k.max()) throw new IllegalArgumentException();
          return (int) x;
        }
        case DOUBLE -> {
          double x = (Double) v;
          if (!(x >= k.min() && x <= k.max())) throw new IllegalArgumentException();
          return x;
        }
        case STRING -> {
          if (!k.choices().isEmpty() && !k.choices().contains(v)) throw new IllegalArgumentException();
          return v;
        }
        case INT_LIST -> {
          @SuppressWarnings("unchecked") List<Integer> l = (List<Integer>) v;
          for (int x : l) if (x < k.min() || x > k.max()) throw new IllegalArgumentException();
          return List.copyOf(l);
        }
        default -> {
          return v;
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("config key '" + k.name() + "' has invalid value '" + raw + "' (" + origin
          + "); expected " + k.expected());
    }
  }

  private static Long toLong(Object raw) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) return ((Number) raw).longValue();
    if (raw instanceof String s) return Long.parseLong(s.trim().replace("_", ""));
    return null;
  }

  private static Double toDouble(Object raw) {
    if (raw instanceof Number n) return n.doubleValue();
    if (raw instanceof String s) {
      double d = Double.parseDouble(s.trim());
      if (Double.isNaN(d)) return null;
      return d;
    }
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

  private Object get(String key, ConfigKey.Type type) {
    ConfigKey k = ConfigSchema.keys().get(key);
    if (k == null || k.type() != type) throw new IllegalArgumentException("no " + type + " config key " + key);
    return values.get(key);
  }

  public int getInt(String key) { return (Integer) get(key, ConfigKey.Type.INT); }

  public double getDouble(String key) { return (Double) get(key, ConfigKey.Type.DOUBLE); }

  public boolean getBool(String key) { return (Boolean) get(key, ConfigKey.Type.BOOL); }

  public String getString(String key) { return (String) get(key, ConfigKey.Type.STRING); }

  public int[] getInts(String key) {
    @SuppressWarnings("unchecked") List<Integer> l = (List<Integer>) get(key, ConfigKey.Type.INT_LIST);
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A copy with one key changed. */
  public TrainConfig with(String key, Object value) {
    return builder().map(values, "config").set(key, value, "override").build();
  }

  /** All resolved values in schema order. */
  public Map<String, Object> asMap() { return values; }

  /** The resolved configuration as YAML (loadable with {@link Builder#file}). */
  public String toYaml() {
    try {
      return YAML.writeValueAsString(values);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() { return values.toString(); }
}
