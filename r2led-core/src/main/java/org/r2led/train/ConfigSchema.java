package org.r2led.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All training configuration keys (FuxiCTR/LongCTR names where the field has one), with defaults.
 * Models read only the keys they use; every key is valid for every model.
 */
public final class ConfigSchema {
  private ConfigSchema() {}

  private static final Map<String, ConfigKey> KEYS = new LinkedHashMap<>();

  private static void add(String name, ConfigKey.Type t, Object def, double min, double max, String doc) {
    KEYS.put(name, new ConfigKey(name, t, def, min, max, List.of(), doc));
  }

  private static void choice(String name, String def, String doc, String... choices) {
    KEYS.put(name, new ConfigKey(name, ConfigKey.Type.STRING, def, 0, 0, List.of(choices), doc));
  }

  private static void bool(String name, boolean def, String doc) {
    KEYS.put(name, new ConfigKey(name, ConfigKey.Type.BOOL, def, 0, 0, List.of(), doc));
  }

  static {
    final ConfigKey.Type I = ConfigKey.Type.INT;
    final ConfigKey.Type D = ConfigKey.Type.DOUBLE;
    final ConfigKey.Type L = ConfigKey.Type.INT_LIST;
    KEYS.put("model", new ConfigKey("model", ConfigKey.Type.STRING, "din", 0, 0, List.of(), "model name (see the registry)"));
    add("embedding_dim", I, 32, 1, 1024, "embedding size d of every table");
    add("short_seq_len", I, 50, 1, 100_000, "most recent behaviors used by DIN / the short-term route");
    add("max_seq_len", I, 1000, 1, 10_000_000, "cap on the lifelong history (most recent events kept)");
    add("topk", I, 50, 1, 100_000, "behaviors kept per retrieval route");
    add("hash_bits", I, 64, 1, 64, "SimHash signature bits");
    add("num_heads", I, 2, 1, 64, "heads of the multi-head target attention");
    add("attention_dim", I, 32, 1, 4096, "projection size of the multi-head target attention");
    add("attention_hidden_units", L, List.of(64), 1, 65_536, "hidden units of DIN's attention MLP");
    choice("attention_activation", "relu", "activation of DIN's attention MLP", "relu", "sigmoid", "tanh");
    bool("din_use_softmax", false, "normalise DIN attention scores with a masked softmax");
    add("dnn_hidden_units", L, List.of(200, 80), 1, 65_536, "hidden units of the prediction MLP");
    choice("dnn_activation", "relu", "activation of the prediction MLP", "relu", "sigmoid", "tanh");
    add("learning_rate", D, 1e-3, 1e-9, 10, "initial learning rate");
    choice("optimizer", "adam", "adam (L2 weight decay) or adamw (decoupled weight decay)", "adam", "adamw");
    add("weight_decay", D, 0.0, 0, 1, "weight decay of dense parameters");
    add("embedding_weight_decay", D, 0.0, 0, 1, "weight decay of embedding rows (applied to rows in the batch)");
    add("embedding_init_std", D, 1e-4, 1e-12, 10, "std of the normal initialiser of embedding tables");
    add("grad_clip_norm", D, 10.0, 0, 1e9, "clip gradients to this global L2 norm (0 = off)");
    add("batch_size", I, 512, 1, 1 << 20, "training batch size");
    add("eval_batch_size", I, 2048, 1, 1 << 20, "evaluation batch size");
    add("epochs", I, 10, 1, 100_000, "maximum number of epochs");
    add("patience", I, 2, 1, 100_000, "stop after this many evaluations without a better validation AUC");
    add("lr_decay_factor", D, 0.1, 1e-6, 1, "multiply the learning rate by this on a plateau");
    add("lr_decay_patience", I, 1, 1, 100_000, "evaluations without improvement before decaying the learning rate");
    add("eval_steps", I, 0, 0, Integer.MAX_VALUE, "also validate N steps after the previous validation (0 = at epoch ends only)");
    add("checkpoint_steps", I, 0, 0, Integer.MAX_VALUE, "also save resumable state every N steps (0 = at evaluations only)");
    add("max_steps", I, 0, 0, Integer.MAX_VALUE, "stop training after N steps in total (0 = no limit)");
    add("seed", I, 2024, 0, Integer.MAX_VALUE, "seed of initialisation, shuffling and SimHash projections");
    bool("use_category", true, "add a category embedding to item tokens");
    bool("use_behavior", true, "add a behavior-type embedding to history tokens");
    bool("use_time_gap", true, "add a time-gap-to-target embedding to history tokens");
    add("time_gap_buckets", I, 48, 2, 64, "number of log2-seconds time-gap buckets (incl. padding)");
    choice("sid_fusion", "gate", "R2LED SID-level fusion", "gate", "sum", "id_only");
    bool("semantic_view", true, "R2LED: SID-prefix routes (false: collaborative route only)");
    bool("collaborative_view", true, "R2LED: rank routes by SimHash (false: by recency, no collaborative route)");
    bool("single_route", false, "R2LED: only the finest semantic level forms a route");
    bool("mixed_fill", true, "R2LED: fill short prefix routes with collaboratively nearest behaviors");
    bool("collaborative_route", true, "R2LED: the purely collaborative route (SimHash over the sequence)");
    bool("short_route", true, "R2LED: the short-term route (last short_seq_len behaviors)");
    choice("route_fusion", "cross_attention", "R2LED route-level fusion", "cross_attention", "mean");
    choice("short_interest", "din", "R2LED u_short in the output: the short route's target attention, or a DIN "
        + "attention unit over the short route (as ETA's short-term DIN)", "attention", "din");
  }

  /** All keys in documentation order. */
  public static Map<String, ConfigKey> keys() { return Collections.unmodifiableMap(KEYS); }
}
