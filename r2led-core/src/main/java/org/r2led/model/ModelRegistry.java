package org.r2led.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Models by name. An unknown name fails listing the known ones. */
public final class ModelRegistry {
  private ModelRegistry() {}

  private static final Map<String, Function<ModelContext, CtrModel>> MODELS = new TreeMap<>();

  static {
    register("din", ctx -> new DinModel(ctx, false));
    register("din_full", ctx -> new DinModel(ctx, true));
    register("r2led", R2ledModel::new);
  }

  /** Registers a model factory (later baselines add themselves here). */
  public static synchronized void register(String name, Function<ModelContext, CtrModel> factory) {
    MODELS.put(name, factory);
  }

  public static synchronized CtrModel create(String name, ModelContext ctx) {
    Function<ModelContext, CtrModel> f = MODELS.get(name);
    if (f == null) throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", MODELS.keySet()));
    return f.apply(ctx);
  }

  public static synchronized java.util.Set<String> names() { return Collections.unmodifiableSet(MODELS.keySet()); }
}
