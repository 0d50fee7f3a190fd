package org.r2led.model;

import java.util.Collection;
import java.util.Collections;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Models by name, immutable. {@link #builtIn()} holds the models shipped with the library
 * ({@link BuiltinModels}) and those of {@link ModelSpec.Provider}s on the class path (found once by
 * {@link ServiceLoader}); an application or a test adds its own models to a registry of its own
 * ({@code ModelRegistry.builtIn().toBuilder().add(spec).build()}) and passes it where a model name is
 * resolved (e.g. {@link org.r2led.train.TrainRequest#withModels}), so no caller sees another's models.
 * An unknown name fails listing the known ones.
 */
public final class ModelRegistry {
  private static final ModelRegistry BUILT_IN = builtInRegistry();

  private final TreeMap<String, ModelSpec> specs;

  private ModelRegistry(TreeMap<String, ModelSpec> specs) { this.specs = specs; }

  private static ModelRegistry builtInRegistry() {
    Builder b = new Builder(new TreeMap<>());
    for (ModelSpec s : BuiltinModels.specs()) b.add(s);
    for (ModelSpec.Provider p : ServiceLoader.load(ModelSpec.Provider.class)) for (ModelSpec s : p.specs()) b.add(s);
    return b.build();
  }

  /** The library's models and those of {@link ModelSpec.Provider}s on the class path; frozen. */
  public static ModelRegistry builtIn() { return BUILT_IN; }

  /** An empty builder (a registry of only the models added to it). */
  public static Builder builder() { return new Builder(new TreeMap<>()); }

  /** A builder starting from this registry's models (this registry does not change). */
  public Builder toBuilder() { return new Builder(new TreeMap<>(specs)); }

  public ModelSpec spec(String name) {
    ModelSpec s = specs.get(name);
    if (s == null) throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", specs.keySet()));
    return s;
  }

  public boolean contains(String name) { return specs.containsKey(name); }

  /** All specs in name order. */
  public Collection<ModelSpec> specs() { return Collections.unmodifiableCollection(specs.values()); }

  /** All names in order. */
  public Set<String> names() { return Collections.unmodifiableSet(specs.keySet()); }

  /** Collects specs for a new registry; not thread-safe. */
  public static final class Builder {
    private final TreeMap<String, ModelSpec> specs;

    private Builder(TreeMap<String, ModelSpec> specs) { this.specs = specs; }

    /** Adds a spec; a name already present fails naming it. */
    public Builder add(ModelSpec spec) {
      if (specs.putIfAbsent(spec.name(), spec) != null) {
        throw new IllegalArgumentException("model '" + spec.name() + "' is already registered (" + specs.get(spec.name()).summary() + ")");
      }
      return this;
    }

    /** The registry of the specs added so far (later additions do not change it). */
    public ModelRegistry build() { return new ModelRegistry(new TreeMap<>(specs)); }
  }
}
