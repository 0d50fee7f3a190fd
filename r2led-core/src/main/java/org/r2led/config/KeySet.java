package org.r2led.config;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ordered set of configuration keys with unique names: a schema. Models declare theirs next to
 * their factory; the training loop declares its own; a run's schema is their union.
 */
public final class KeySet implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, ConfigKey<?>> keys;

  private KeySet(Map<String, ConfigKey<?>> keys) { this.keys = Collections.unmodifiableMap(keys); }

  public static KeySet of(ConfigKey<?>... keys) {
    Map<String, ConfigKey<?>> m = new LinkedHashMap<>();
    for (ConfigKey<?> k : keys) put(m, k);
    return new KeySet(m);
  }

  private static void put(Map<String, ConfigKey<?>> m, ConfigKey<?> k) {
    if (m.putIfAbsent(k.name(), k) != null) throw new IllegalArgumentException("duplicate config key " + k.name());
  }

  /** This set followed by the keys of {@code others} (names must be disjoint). */
  public KeySet plus(KeySet... others) {
    Map<String, ConfigKey<?>> m = new LinkedHashMap<>(keys);
    for (KeySet o : others) for (ConfigKey<?> k : o.keys.values()) put(m, k);
    return new KeySet(m);
  }

  /** This set followed by {@code more}. */
  public KeySet plus(ConfigKey<?>... more) { return plus(of(more)); }

  /**
   * The same keys with some defaults replaced (raw values as YAML would give them), e.g. a named
   * preset of a model; an unknown name fails.
   */
  public KeySet withDefaults(Map<String, ?> defaults) {
    Map<String, ConfigKey<?>> m = new LinkedHashMap<>(keys);
    for (Map.Entry<String, ?> e : defaults.entrySet()) {
      ConfigKey<?> k = m.get(e.getKey());
      if (k == null) throw new IllegalArgumentException("no config key " + e.getKey() + " to give a default; have " + m.keySet());
      m.put(k.name(), k.withRawDefault(e.getValue()));
    }
    return new KeySet(m);
  }

  /**
   * The same keys with {@code key}'s default replaced by a typed value (e.g. a source's own default);
   * fails when the key is not in this set.
   */
  public <T> KeySet withDefault(ConfigKey<T> key, T def) {
    if (!keys.containsKey(key.name())) throw new IllegalArgumentException("no config key " + key.name() + " to give a default; have " + keys.keySet());
    Map<String, ConfigKey<?>> m = new LinkedHashMap<>(keys);
    m.put(key.name(), key.withDefault(def));
    return new KeySet(m);
  }

  public ConfigKey<?> get(String name) { return keys.get(name); }

  public boolean contains(String name) { return keys.containsKey(name); }

  public Collection<ConfigKey<?>> all() { return keys.values(); }

  public java.util.Set<String> names() { return keys.keySet(); }
}
