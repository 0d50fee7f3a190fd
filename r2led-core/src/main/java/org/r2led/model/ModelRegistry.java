package org.r2led.model;

import java.util.Collection;
import java.util.Collections;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Models by name: the built-in ones ({@link BuiltinModels}), those of {@link ModelSpec.Provider}s
 * found by {@link ServiceLoader}, and any registered at run time with {@link #register}. An unknown
 * name fails listing the known ones.
 */
public final class ModelRegistry {
  private ModelRegistry() {}

  private static final TreeMap<String, ModelSpec> SPECS = new TreeMap<>();

  static {
    for (ModelSpec s : BuiltinModels.specs()) register(s);
    for (ModelSpec.Provider p : ServiceLoader.load(ModelSpec.Provider.class)) for (ModelSpec s : p.specs()) register(s);
  }

  /** Registers (or replaces) a model spec. */
  public static synchronized void register(ModelSpec spec) { SPECS.put(spec.name(), spec); }

  public static synchronized ModelSpec spec(String name) {
    ModelSpec s = SPECS.get(name);
    if (s == null) throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", SPECS.keySet()));
    return s;
  }

  /** All specs by name. */
  public static synchronized Collection<ModelSpec> specs() { return Collections.unmodifiableCollection(new TreeMap<>(SPECS).values()); }

  public static synchronized java.util.Set<String> names() { return Collections.unmodifiableSet(new TreeMap<>(SPECS).keySet()); }
}
