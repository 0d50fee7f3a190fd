package org.r2led.train;

import static org.r2led.config.ConfigKey.choice;
import static org.r2led.config.ConfigKey.integer;
import static org.r2led.config.ConfigKey.real;

import org.r2led.config.Config;
import org.r2led.config.ConfigKey;
import org.r2led.config.KeySet;
import org.r2led.data.PreparedDataset;
import org.r2led.model.CtrModel;
import org.r2led.model.ModelConfig;
import org.r2led.model.ModelData;
import org.r2led.model.ModelRegistry;
import org.r2led.model.ModelSpec;
import org.r2led.sid.SidTable;

/**
 * The training loop's configuration keys (FuxiCTR names where the field has one). A run's schema
 * is these plus its model's keys ({@link ModelSpec#keys()}); {@link #resolve} builds it.
 */
public final class TrainKeys {
  private TrainKeys() {}

  public static final ConfigKey<String> MODEL = ModelConfig.MODEL;
  public static final ConfigKey<Integer> SEED = ModelConfig.SEED;
  public static final ConfigKey<Double> LEARNING_RATE = real("learning_rate", 1e-3, 1e-9, 10, "initial learning rate");
  public static final ConfigKey<String> OPTIMIZER = choice("optimizer", "adam",
      "adam (regularizers added to the gradient, as an L2 loss term) or adamw (decoupled weight decay)", "adam", "adamw");
  public static final ConfigKey<Double> EMBEDDING_REGULARIZER = real("embedding_regularizer", 0.0, 0, 10,
      "L2 coefficient λ of embedding rows, applied to the rows a step touches (loss term λ/2·‖row‖²)");
  public static final ConfigKey<String> EMBEDDING_REGULARIZER_SCOPE = choice("embedding_regularizer_scope", "rows",
      "rows: the regularizer acts on the embedding rows a step gathers (scales to 10^7-row tables); table: on every "
          + "row at every step, as an L2 term over the whole table in the loss (DeepCTR-torch/FuxiCTR with dense Adam)",
      "rows", "table");
  public static final ConfigKey<Double> NET_REGULARIZER =
      real("net_regularizer", 0.0, 0, 10, "L2 coefficient of dense parameters (loss term λ/2·‖w‖²)");
  public static final ConfigKey<Double> GRAD_CLIP_NORM =
      real("grad_clip_norm", 10.0, 0, 1e9, "clip gradients to this global L2 norm (0 = off)");
  public static final ConfigKey<Integer> BATCH_SIZE = integer("batch_size", 512, 1, 1 << 20, "training batch size");
  public static final ConfigKey<Integer> EVAL_BATCH_SIZE = integer("eval_batch_size", 2048, 1, 1 << 20, "evaluation batch size");
  public static final ConfigKey<Integer> EPOCHS = integer("epochs", 10, 1, 100_000, "maximum number of epochs");
  public static final ConfigKey<Integer> PATIENCE =
      integer("patience", 2, 1, 100_000, "stop after this many evaluations without a better monitored validation metric");
  public static final ConfigKey<Double> LR_DECAY_FACTOR =
      real("lr_decay_factor", 0.1, 1e-6, 1, "multiply the learning rate by this on a plateau");
  public static final ConfigKey<Integer> LR_DECAY_PATIENCE =
      integer("lr_decay_patience", 1, 1, 100_000, "evaluations without improvement before decaying the learning rate");
  public static final ConfigKey<Integer> EVAL_STEPS = integer("eval_steps", 0, 0, Integer.MAX_VALUE,
      "also validate N steps after the previous validation (0 = at epoch ends only)");
  public static final ConfigKey<Integer> CHECKPOINT_STEPS = integer("checkpoint_steps", 0, 0, Integer.MAX_VALUE,
      "also save resumable state every N steps (0 = at evaluations only)");
  public static final ConfigKey<Integer> MAX_STEPS =
      integer("max_steps", 0, 0, Integer.MAX_VALUE, "stop training after N steps in total (0 = no limit)");
  public static final ConfigKey<Integer> WORKERS = integer("workers", 1, 1, 1024,
      "data-parallel worker threads, each with one PyTorch intra-op thread and a contiguous shard of every batch; "
          + "gradients are merged before one synchronous update (1 = the single-threaded step)");
  public static final ConfigKey<Integer> MIN_STEPS = integer("min_steps", 0, 0, Integer.MAX_VALUE,
      "train at least N optimizer steps: the epoch limit rises to reach them (more epochs on a small dataset) and early "
          + "stopping waits for them (0 = off)");

  public static final KeySet ALL = KeySet.of(MODEL, SEED, LEARNING_RATE, OPTIMIZER, EMBEDDING_REGULARIZER, EMBEDDING_REGULARIZER_SCOPE, NET_REGULARIZER,
      GRAD_CLIP_NORM, BATCH_SIZE, EVAL_BATCH_SIZE, EPOCHS, PATIENCE, LR_DECAY_FACTOR, LR_DECAY_PATIENCE, EVAL_STEPS,
      CHECKPOINT_STEPS, MAX_STEPS, MIN_STEPS, WORKERS);

  /** A resolved run configuration and the spec of its model. */
  public record Resolved(Config config, ModelSpec spec) {
    /** Builds the model for {@code ds} (and {@code sidsOrNull}) with the run's seed. */
    public CtrModel create(PreparedDataset ds, SidTable sidsOrNull) { return create(ModelData.of(ds), sidsOrNull); }

    /** Builds the model for {@code data} (a dataset's or an exported model's) with the run's seed. */
    public CtrModel create(ModelData data, SidTable sidsOrNull) { return ModelConfig.create(spec, config, data, sidsOrNull); }
  }

  /**
   * The {@code key=value} settings among {@code settings} that {@code model} reads (training keys plus
   * its own), so one list of shared settings can be given to several models; a key no model in
   * {@code models} reads is an error naming it.
   */
  public static java.util.List<String> readBy(String model, java.util.List<String> settings,
      java.util.Collection<String> models) {
    return readBy(model, settings, models, ModelRegistry.builtIn());
  }

  /** {@link #readBy(String, java.util.List, java.util.Collection)} with the models of {@code registry}. */
  public static java.util.List<String> readBy(String model, java.util.List<String> settings,
      java.util.Collection<String> models, ModelRegistry registry) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String kv : settings) {
      int eq = kv.indexOf('=');
      String key = (eq < 0 ? kv : kv.substring(0, eq)).trim();
      if (schema(model, registry).contains(key)) {
        out.add(kv);
      } else if (models.stream().noneMatch(m -> schema(m, registry).contains(key))) {
        throw new IllegalArgumentException("unknown setting '" + key + "' (" + kv + "): no model of " + models
            + " reads it; see `r2led models`");
      }
    }
    return out;
  }

  private static KeySet schema(String model, ModelRegistry registry) {
    return ALL.plus(registry.spec(model).keys());
  }

  /**
   * Resolves collected settings: the model is the last {@code model} setting (default {@code din}),
   * the schema is {@link #ALL} plus that model's keys, and every setting is validated against it.
   */
  public static Resolved resolve(Config.Builder settings) { return resolve(settings, ModelRegistry.builtIn()); }

  /** {@link #resolve(Config.Builder)} with the models of {@code registry}. */
  public static Resolved resolve(Config.Builder settings, ModelRegistry registry) {
    ModelSpec spec = ModelConfig.spec(settings, registry);
    return new Resolved(settings.build(ALL.plus(spec.keys())), spec);
  }

  /** The defaults of {@code model} with {@code key=value} overrides. */
  public static Resolved resolve(String model, java.util.List<String> overrides) {
    return resolve(model, overrides, ModelRegistry.builtIn());
  }

  /** {@link #resolve(String, java.util.List)} with the models of {@code registry}. */
  public static Resolved resolve(String model, java.util.List<String> overrides, ModelRegistry registry) {
    return resolve(Config.builder().set(MODEL.name(), model, "model").overrides(overrides), registry);
  }
}
