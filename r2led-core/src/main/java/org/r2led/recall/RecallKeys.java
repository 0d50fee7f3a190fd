package org.r2led.recall;

import static org.r2led.config.ConfigKey.bool;
import static org.r2led.config.ConfigKey.choice;
import static org.r2led.config.ConfigKey.integer;
import static org.r2led.config.ConfigKey.real;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.config.Config;
import org.r2led.config.ConfigKey;
import org.r2led.config.KeySet;
import org.r2led.model.ModelKeys;
import org.r2led.recall.ann.HnswSettings;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainingLoop;

/**
 * Hyper-parameters of the retrieval models (docs/retrieval.md); names shared with the training loop
 * and the CTR models are their keys with the retrieval defaults. A run's configuration is
 * {@link #ALL} with its model's preset defaults ({@link RecallSpec#keys()}).
 */
public final class RecallKeys {
  private RecallKeys() {}

  private static final int BIG = 1 << 24;

  public static final ConfigKey<Integer> EMBEDDING_DIM = ModelKeys.EMBEDDING_DIM.withDefault(32);
  public static final ConfigKey<Integer> SHORT_SEQ_LEN =
      integer("short_seq_len", 100, 1, BIG, "recent positives the short-term encoders read (ULIM: ≤ 100)");
  public static final ConfigKey<Integer> LONG_SEQ_LEN =
      integer("long_seq_len", 200, 1, BIG, "most recent positives of one category the long-term encoder reads");
  public static final ConfigKey<Integer> CATEGORY_SEQ_LEN =
      integer("category_seq_len", 100, 1, BIG, "most recent distinct categories PGIN's pointer reads");
  public static final ConfigKey<Integer> NUM_HEADS = ModelKeys.NUM_HEADS;
  public static final ConfigKey<Integer> NUM_NEGATIVES =
      integer("num_negatives", 100, 1, BIG, "same-category sampled-softmax negatives per example (ULIM)");
  public static final ConfigKey<Integer> CATALOG_NEGATIVES =
      integer("catalog_negatives", 1000, 1, BIG, "uniform catalog negatives shared by a batch");
  public static final ConfigKey<Integer> NUM_INTERESTS = integer("num_interests", 4, 1, 1024, "MIND interest capsules");
  public static final ConfigKey<Integer> ROUTING_ITERATIONS =
      integer("routing_iterations", 3, 1, 1024, "MIND dynamic-routing iterations");
  public static final ConfigKey<Double> LEARNING_RATE = TrainKeys.LEARNING_RATE.withDefault(0.002);
  public static final ConfigKey<Integer> BATCH_SIZE = TrainKeys.BATCH_SIZE.withDefault(256);
  public static final ConfigKey<Integer> EPOCHS = TrainKeys.EPOCHS.withDefault(8);
  public static final ConfigKey<Integer> PATIENCE = TrainKeys.PATIENCE;
  public static final ConfigKey<Integer> MIN_STEPS = TrainKeys.MIN_STEPS;
  public static final ConfigKey<Integer> MAX_STEPS = TrainKeys.MAX_STEPS;
  public static final ConfigKey<Integer> CHECKPOINT_STEPS = TrainKeys.CHECKPOINT_STEPS;
  public static final ConfigKey<Double> GRAD_CLIP_NORM = TrainKeys.GRAD_CLIP_NORM.withDefault(5.0);
  public static final ConfigKey<Integer> MAX_TRAIN_PER_USER =
      integer("max_train_per_user", 100, 1, BIG, "most recent training targets used per user and epoch");
  public static final ConfigKey<Double> ALPHA = real("alpha", 1.0, 0, 1e6, "weight of ULIM's long-term loss");
  public static final ConfigKey<Double> BETA = real("beta", 1.0, 0, 1e6, "weight of ULIM's short-term loss");
  public static final ConfigKey<Double> GAMMA = real("gamma", 0.5, 0, 1e6, "weight of PGIN's next-category loss");
  public static final ConfigKey<Integer> TOPK_CATEGORIES =
      integer("topk_categories", 5, 1, BIG, "K categories of the cascaded retrieval");
  public static final ConfigKey<Double> CASCADE_WEIGHT =
      real("cascade_weight", 0.5, 0, 1, "share of the category routes in the merged score");
  public static final ConfigKey<Double> REPEAT_WEIGHT = real("repeat_weight", 0.0, 0, 1,
      "share of ULIM's repeat route (the user's recent items) in the merged score (0 = ULIM as published)");
  public static final ConfigKey<String> LONG_ENCODER = choice("long_encoder", "target_attention",
      "ULIM's long-term encoder: target_attention (as published), self_attention or none (ablations)",
      "target_attention", "self_attention", "none");
  public static final ConfigKey<Boolean> POINTER = bool("pointer", true, "PGIN's pointer distribution (false: generator only, an ablation)");
  public static final ConfigKey<String> SHORT_NEGATIVES = choice("short_negatives", "mixed",
      "negatives of the short-term loss: mixed (same category + catalog), same_category or catalog", "mixed", "same_category", "catalog");
  public static final ConfigKey<Integer> COOC_WINDOW = integer("cooc_window", 5, 1, BIG,
      "item_cooc (and ULIM's co-occurrence route) counts pairs at most this many positions apart");
  public static final ConfigKey<Double> COOC_WEIGHT = real("cooc_weight", 0.0, 0, 1,
      "share of ULIM's co-occurrence route (item_cooc's scores over the history) in the merged score (0 = off)");
  public static final ConfigKey<Integer> SEED = TrainKeys.SEED.withDefault(1);
  public static final ConfigKey<Integer> HNSW_M =
      integer("hnsw_m", HnswSettings.defaults().maxConn(), 1, 512, "HNSW: links per node");
  public static final ConfigKey<Integer> HNSW_EF_CONSTRUCTION =
      integer("hnsw_ef_construction", HnswSettings.defaults().beamWidth(), 1, BIG, "HNSW: beam width while building");
  public static final ConfigKey<Integer> HNSW_EF_SEARCH =
      integer("hnsw_ef_search", HnswSettings.defaults().efSearch(), 1, BIG, "HNSW: beam width while searching");
  public static final ConfigKey<Integer> HNSW_EXACT_BELOW = integer("hnsw_exact_below", HnswSettings.defaults().exactBelow(), 0,
      Integer.MAX_VALUE, "search catalogs smaller than this exactly");
  public static final ConfigKey<Boolean> EXACT_SEARCH = bool("exact_search", false, "search by exact scan instead of HNSW");

  public static final KeySet ALL = KeySet.of(EMBEDDING_DIM, SHORT_SEQ_LEN, LONG_SEQ_LEN, CATEGORY_SEQ_LEN, NUM_HEADS, NUM_NEGATIVES,
      CATALOG_NEGATIVES, NUM_INTERESTS, ROUTING_ITERATIONS, LEARNING_RATE, BATCH_SIZE, EPOCHS, PATIENCE, MIN_STEPS, MAX_STEPS,
      CHECKPOINT_STEPS, GRAD_CLIP_NORM, MAX_TRAIN_PER_USER, ALPHA, BETA, GAMMA, TOPK_CATEGORIES, CASCADE_WEIGHT, REPEAT_WEIGHT,
      LONG_ENCODER, POINTER, SHORT_NEGATIVES, COOC_WINDOW, COOC_WEIGHT, SEED, HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH,
      HNSW_EXACT_BELOW, EXACT_SEARCH);

  /**
   * Keys read only when retrieving, never by training or by the saved parameters: the cascade's
   * {@code cascade_weight}, {@code topk_categories}, {@code repeat_weight}, {@code cooc_weight} and
   * {@code cooc_window} (the co-occurrence table is counted from the training positions on load, for item_cooc and
   * for ULIM's co-occurrence route), and the item index settings (built on load).
   * {@link #withSearchOverrides} may change them on a trained run. Training's per-epoch validation
   * also retrieves with the run's values, so a changed value does not re-select the kept epoch.
   */
  public static final List<String> SEARCH_KEYS = List.of("cascade_weight", "topk_categories", "repeat_weight", "cooc_weight",
      "cooc_window", "hnsw_m", "hnsw_ef_construction", "hnsw_ef_search", "hnsw_exact_below", "exact_search");

  /**
   * {@code settings} (raw values, from {@code origin}) resolved against {@code schema}; unknown keys and
   * bad values fail naming the key, the value, the origin and what is expected.
   */
  public static Config resolve(KeySet schema, Map<String, String> settings, String origin) {
    Config c = Config.builder().map(settings, origin).build(schema);
    if (c.get(EMBEDDING_DIM) % c.get(NUM_HEADS) != 0) {
      throw new IllegalArgumentException("embedding_dim = " + c.get(EMBEDDING_DIM) + " must be divisible by num_heads = "
          + c.get(NUM_HEADS));
    }
    return c;
  }

  /**
   * A trained run's settings {@code recorded} (its {@code retrieval.json}) with retrieval-time
   * {@code overrides} applied (validated as in {@link #resolve}). A key outside {@link #SEARCH_KEYS}
   * fails: it would need retraining.
   */
  public static Config withSearchOverrides(Map<String, String> recorded, Map<String, String> overrides) {
    for (String k : overrides.keySet()) {
      if (!ALL.contains(k)) {
        throw new IllegalArgumentException("unknown retrieval key '" + k + "'; keys a trained run can change: " + SEARCH_KEYS);
      }
      if (!SEARCH_KEYS.contains(k)) {
        throw new IllegalArgumentException("'" + k + "' is a training setting: changing it needs `retrieve train --set "
            + k + "=...`; keys a trained run can change: " + SEARCH_KEYS);
      }
    }
    return Config.builder().map(recorded, "the run's " + RecallRun.INFO).map(overrides, "--set").build(ALL);
  }

  /**
   * Keys added after retrieval runs were first recorded ({@code max_steps}, {@code checkpoint_steps},
   * {@code grad_clip_norm}, whose defaults are the earlier fixed behaviour): a record leaves them out
   * while they hold their default, so the records of such runs ({@code retrieval.json}, the manifest of
   * a candidate dataset) are byte-identical to earlier versions'. A missing key reads as its default.
   */
  private static final List<ConfigKey<?>> RECORDED_WHEN_SET = List.of(MAX_STEPS, CHECKPOINT_STEPS, GRAD_CLIP_NORM);

  /** Every key with its value as a string (sorted by key), as {@code retrieval.json} records it. */
  public static Map<String, String> toMap(Config cfg) {
    Map<String, String> m = new TreeMap<>();
    cfg.asMap().forEach((k, v) -> m.put(k, String.valueOf(v)));
    for (ConfigKey<?> k : RECORDED_WHEN_SET) if (cfg.get(k).equals(k.defaultValue())) m.remove(k.name());
    return m;
  }

  /** The training loop's schedule: validation at epoch ends, no learning-rate decay. */
  public static TrainingLoop.Schedule schedule(Config cfg) {
    return new TrainingLoop.Schedule(cfg.get(EPOCHS), cfg.get(MIN_STEPS), cfg.get(MAX_STEPS), 0, cfg.get(CHECKPOINT_STEPS),
        cfg.get(PATIENCE), 0, 1);
  }

  /** The item index settings of {@code cfg}. */
  public static HnswSettings hnsw(Config cfg) {
    return new HnswSettings(cfg.get(HNSW_M), cfg.get(HNSW_EF_CONSTRUCTION), cfg.get(HNSW_EF_SEARCH), cfg.get(HNSW_EXACT_BELOW),
        cfg.get(SEED));
  }
}
