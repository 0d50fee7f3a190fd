package org.r2led.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated, fully resolved configuration over a {@link KeySet}: the keys' defaults, overridden by
 * layers of settings (a YAML file, maps, {@code key=value} strings), later layers winning. Immutable.
 *
 * <p>Settings are collected first and validated when the schema is known ({@link Builder#build}), so
 * the schema may depend on a setting (the model's keys depend on {@code model}). An unknown key
 * fails naming it and listing the valid keys; a wrong type or out-of-range value fails naming the
 * key, the value, where it came from and what was expected. Each value remembers its origin
 * ({@link #origin}), so checks across keys can name it too ({@link #invalid}).
 */
public final class Config implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The origin of a value no setting changed. */
  public static final String DEFAULT_ORIGIN = "default";
  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final KeySet schema;
  private final Map<String, Object> values;
  private final Map<String, String> origins;

  private Config(KeySet schema, Map<String, Object> values, Map<String, String> origins) {
    this.schema = schema;
    this.values = Collections.unmodifiableMap(values);
    this.origins = Collections.unmodifiableMap(origins);
  }

  /** The defaults of {@code schema}. */
  public static Config defaults(KeySet schema) { return builder().build(schema); }

  public static Builder builder() { return new Builder(); }

  /** One collected setting. */
  private record Setting(String key, Object raw, String origin) {}

  /** Collects layers of raw settings; later layers win. */
  public static final class Builder {
    private final List<Setting> settings = new ArrayList<>();

    private Builder() {}

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
    public Builder overrides(List<String> kv) {
      for (String s : kv) {
        int eq = s.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("--set expects key=value, got '" + s + "'");
        set(s.substring(0, eq).trim(), s.substring(eq + 1).trim(), "--set " + s);
      }
      return this;
    }

    /** Sets one key from a raw value (String, Number, Boolean or List). */
    public Builder set(String key, Object raw, String origin) {
      settings.add(new Setting(key, raw, origin));
      return this;
    }

    /** Drops the settings whose key {@code keep} rejects (e.g. the keys of another component that this one does not read). */
    public Builder retain(java.util.function.Predicate<String> keep) {
      settings.removeIf(s -> !keep.test(s.key()));
      return this;
    }

    /** The raw value last set for {@code key}, or null (e.g. to pick the model before validating). */
    public Object raw(String key) {
      for (int i = settings.size() - 1; i >= 0; i--) if (settings.get(i).key().equals(key)) return settings.get(i).raw();
      return null;
    }

    /** Validates every setting against {@code schema} and resolves the values. */
    public Config build(KeySet schema) {
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, String> origins = new LinkedHashMap<>();
      for (ConfigKey<?> k : schema.all()) values.put(k.name(), k.defaultValue());
      for (Setting s : settings) {
        ConfigKey<?> k = schema.get(s.key());
        if (k == null) {
          throw new IllegalArgumentException("unknown config key '" + s.key() + "' (" + s.origin() + "); valid keys: "
              + String.join(", ", schema.names()));
        }
        values.put(k.name(), k.convert(s.raw(), s.origin()));
        origins.put(k.name(), s.origin());
      }
      return new Config(schema, values, origins);
    }
  }

  /** The value of {@code key}; fails when the key is not in this config's schema. */
  public <T> T get(ConfigKey<T> key) {
    ConfigKey<?> k = schema.get(key.name());
    if (k == null) throw new IllegalArgumentException("config key " + key.name() + " is not in this configuration's schema");
    if (k.type() != key.type()) throw new IllegalArgumentException("config key " + key.name() + " is a " + k.type() + ", not " + key.type());
    @SuppressWarnings("unchecked") T v = (T) values.get(key.name());
    return v;
  }

  /** An int-list value as an array. */
  public int[] ints(ConfigKey<List<Integer>> key) { return get(key).stream().mapToInt(Integer::intValue).toArray(); }

  public KeySet schema() { return schema; }

  /** A copy with one key changed (validated). */
  public Config with(String key, Object value) { return with(key, value, "override"); }

  /** A copy with one key changed (validated), recording {@code origin} as where the value came from. */
  public Config with(String key, Object value, String origin) {
    Builder b = builder();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (origins.containsKey(e.getKey())) b.set(e.getKey(), e.getValue(), origins.get(e.getKey()));
    }
    return b.set(key, value, origin).build(schema); // unset keys keep their defaults
  }

  /** Where the value of {@code key} came from (a file, a flag, {@code --set k=v}), or {@value #DEFAULT_ORIGIN}. */
  public String origin(String key) { return origins.getOrDefault(key, DEFAULT_ORIGIN); }

  /**
   * The error for a value that is valid on its own but not with the others: names the key, its value,
   * its origin and what was expected (as {@link ConfigKey#convert} does for a single value).
   */
  public IllegalArgumentException invalid(ConfigKey<?> key, String expected) {
    return new IllegalArgumentException("config key '" + key.name() + "' has invalid value '" + values.get(key.name()) + "' ("
        + origin(key.name()) + "); expected " + expected);
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
