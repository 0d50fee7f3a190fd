package org.r2led.recall;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.recall.ann.HnswSettings;

/**
 * Hyper-parameters of the retrieval models (field names as in FuxiCTR/LongCTR where one exists).
 * Each model reads the keys it needs; all are recorded with a run. Immutable and validated.
 *
 * @param embeddingDim {@code embedding_dim}: item/category vector size d
 * @param shortSeqLen {@code short_seq_len}: recent positives the short-term encoders read (ULIM: ≤ 100)
 * @param longSeqLen {@code long_seq_len}: most recent positives of one category the long-term encoder reads
 * @param categorySeqLen {@code category_seq_len}: most recent distinct categories PGIN's pointer reads
 * @param numHeads {@code num_heads} of the attention layers
 * @param numNegatives {@code num_negatives}: same-category sampled-softmax negatives per example (ULIM)
 * @param catalogNegatives {@code catalog_negatives}: uniform catalog negatives shared by a batch
 * @param numInterests {@code num_interests}: MIND interest capsules
 * @param routingIterations {@code routing_iterations}: MIND dynamic-routing iterations
 * @param learningRate {@code learning_rate} (Adam)
 * @param batchSize {@code batch_size}
 * @param epochs {@code epochs}: epoch limit (the best epoch by validation NDCG@50 is kept)
 * @param patience {@code patience}: stop after this many epochs without a better validation NDCG@50
 * @param minSteps {@code min_steps}: train at least this many optimizer steps (raises the epoch limit; early
 *     stopping waits for them; 0 = off)
 * @param maxSteps {@code max_steps}: pause training after this many optimizer steps in total (0 = no limit;
 *     {@code retrieve train --resume} continues)
 * @param checkpointSteps {@code checkpoint_steps}: also save resumable state every N steps (0 = at epoch ends only)
 * @param gradClipNorm {@code grad_clip_norm}: clip gradients to this global L2 norm (0 = off)
 * @param maxTrainPerUser {@code max_train_per_user}: most recent training targets used per user
 * @param alpha {@code alpha}: weight of ULIM's long-term loss
 * @param beta {@code beta}: weight of ULIM's short-term loss
 * @param gamma {@code gamma}: weight of PGIN's next-category loss
 * @param topkCategories {@code topk_categories}: K categories of the cascaded retrieval
 * @param cascadeWeight {@code cascade_weight}: share of the category routes in the merged score (0..1)
 * @param repeatWeight {@code repeat_weight}: share of ULIM's repeat route (the user's recent items) in the
 *     merged score (0..1; 0 = ULIM as published)
 * @param longEncoder {@code long_encoder}: {@code target_attention} (ULIM), {@code self_attention} or {@code none} (ablations)
 * @param pointer {@code pointer}: PGIN's pointer distribution on (off = generator only, an ablation)
 * @param shortNegatives {@code short_negatives}: negatives of the short-term loss, {@code mixed} (same category + catalog), {@code same_category} or {@code catalog}
 * @param coocWindow {@code cooc_window}: item_cooc (and ULIM's co-occurrence route) counts pairs at most this many
 *     positions apart
 * @param coocWeight {@code cooc_weight}: share of ULIM's co-occurrence route (item_cooc's scores over the history)
 *     in the merged score (0..1; 0 = off)
 * @param seed {@code seed}
 * @param hnsw HNSW settings ({@code hnsw_m}, {@code hnsw_ef_construction}, {@code hnsw_ef_search}, {@code hnsw_exact_below})
 * @param exactSearch {@code exact_search}: search by exact scan instead of HNSW
 */
public record RecallConfig(int embeddingDim, int shortSeqLen, int longSeqLen, int categorySeqLen, int numHeads,
    int numNegatives, int catalogNegatives, int numInterests, int routingIterations, double learningRate, int batchSize, int epochs,
    int patience, int minSteps, int maxSteps, int checkpointSteps, double gradClipNorm,
    int maxTrainPerUser, double alpha, double beta, double gamma, int topkCategories, double cascadeWeight,
    double repeatWeight, String longEncoder, boolean pointer, String shortNegatives, int coocWindow, double coocWeight, long seed, HnswSettings hnsw,
    boolean exactSearch) {

  public static final Map<String, String> DEFAULTS = defaults();

  /**
   * Keys read only when retrieving, never by training or by the saved parameters: the cascade's
   * {@code cascade_weight}, {@code topk_categories}, {@code repeat_weight}, {@code cooc_weight} and
   * {@code cooc_window} (the co-occurrence table is counted from the training positions on load, for item_cooc and
   * for ULIM's co-occurrence route), and the item index settings (built on load).
   * {@link #withSearchOverrides} may change them on a trained run. Training's per-epoch validation
   * also retrieves with the run's values, so a changed value does not re-select the kept epoch.
   */
  public static final List<String> SEARCH_KEYS = List.of("cascade_weight", "topk_categories", "repeat_weight", "cooc_weight",
      "cooc_window", "hnsw_m",
      "hnsw_ef_construction", "hnsw_ef_search", "hnsw_exact_below", "exact_search");

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("embedding_dim", "32");
    d.put("short_seq_len", "100");
    d.put("long_seq_len", "200");
    d.put("category_seq_len", "100");
    d.put("num_heads", "2");
    d.put("num_negatives", "100");
    d.put("catalog_negatives", "1000");
    d.put("num_interests", "4");
    d.put("routing_iterations", "3");
    d.put("learning_rate", "0.002");
    d.put("batch_size", "256");
    d.put("epochs", "8");
    d.put("patience", "2");
    d.put("min_steps", "0");
    d.put("max_steps", "0");
    d.put("checkpoint_steps", "0");
    d.put("grad_clip_norm", "5.0");
    d.put("max_train_per_user", "100");
    d.put("alpha", "1.0");
    d.put("beta", "1.0");
    d.put("gamma", "0.5");
    d.put("topk_categories", "5");
    d.put("cascade_weight", "0.5");
    d.put("repeat_weight", "0");
    d.put("long_encoder", "target_attention");
    d.put("pointer", "true");
    d.put("short_negatives", "mixed");
    d.put("cooc_window", "5");
    d.put("cooc_weight", "0");
    d.put("seed", "1");
    HnswSettings h = HnswSettings.defaults();
    d.put("hnsw_m", String.valueOf(h.maxConn()));
    d.put("hnsw_ef_construction", String.valueOf(h.beamWidth()));
    d.put("hnsw_ef_search", String.valueOf(h.efSearch()));
    d.put("hnsw_exact_below", String.valueOf(h.exactBelow()));
    d.put("exact_search", "false");
    return java.util.Collections.unmodifiableMap(d);
  }

  /** The defaults with {@code overrides} (key → value) applied; unknown keys and bad values fail naming the key. */
  public static RecallConfig of(Map<String, String> overrides) {
    Map<String, String> m = new LinkedHashMap<>(DEFAULTS);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!DEFAULTS.containsKey(e.getKey())) {
        throw new IllegalArgumentException("unknown retrieval key '" + e.getKey() + "'; known keys: " + DEFAULTS.keySet());
      }
      m.put(e.getKey(), e.getValue().trim());
    }
    Reader r = new Reader(m);
    long seed = r.lng("seed");
    RecallConfig c = new RecallConfig(r.pos("embedding_dim"), r.pos("short_seq_len"), r.pos("long_seq_len"),
        r.pos("category_seq_len"), r.pos("num_heads"), r.pos("num_negatives"), r.pos("catalog_negatives"),
        r.pos("num_interests"),
        r.pos("routing_iterations"), r.posDouble("learning_rate"), r.pos("batch_size"), r.pos("epochs"),
        r.pos("patience"), r.nonNegInt("min_steps"), r.nonNegInt("max_steps"), r.nonNegInt("checkpoint_steps"),
        r.nonNeg("grad_clip_norm"),
        r.pos("max_train_per_user"), r.nonNeg("alpha"), r.nonNeg("beta"), r.nonNeg("gamma"), r.pos("topk_categories"),
        r.unit("cascade_weight"), r.unit("repeat_weight"), r.oneOf("long_encoder", "target_attention", "self_attention", "none"),
        r.bool("pointer"), r.oneOf("short_negatives", "mixed", "same_category", "catalog"), r.pos("cooc_window"),
        r.unit("cooc_weight"), seed,
        new HnswSettings(r.pos("hnsw_m"), r.pos("hnsw_ef_construction"), r.pos("hnsw_ef_search"),
            r.nonNegInt("hnsw_exact_below"), seed),
        r.bool("exact_search"));
    if (c.embeddingDim % c.numHeads != 0) {
      throw new IllegalArgumentException("embedding_dim = " + c.embeddingDim + " must be divisible by num_heads = " + c.numHeads);
    }
    return c;
  }

  /**
   * A trained run's settings {@code recorded} with retrieval-time {@code overrides} applied (values
   * validated as in {@link #of}). A key outside {@link #SEARCH_KEYS} fails: it would need retraining.
   */
  public static RecallConfig withSearchOverrides(Map<String, String> recorded, Map<String, String> overrides) {
    for (String k : overrides.keySet()) {
      if (!DEFAULTS.containsKey(k)) {
        throw new IllegalArgumentException("unknown retrieval key '" + k + "'; keys a trained run can change: " + SEARCH_KEYS);
      }
      if (!SEARCH_KEYS.contains(k)) {
        throw new IllegalArgumentException("'" + k + "' is a training setting: changing it needs `retrieve train --set "
            + k + "=...`; keys a trained run can change: " + SEARCH_KEYS);
      }
    }
    Map<String, String> m = new LinkedHashMap<>(recorded);
    m.putAll(overrides);
    return of(m);
  }

  /** Every key with its value (sorted), for run records. */
  public Map<String, String> toMap() {
    Map<String, String> m = new TreeMap<>();
    m.put("embedding_dim", "" + embeddingDim);
    m.put("short_seq_len", "" + shortSeqLen);
    m.put("long_seq_len", "" + longSeqLen);
    m.put("category_seq_len", "" + categorySeqLen);
    m.put("num_heads", "" + numHeads);
    m.put("num_negatives", "" + numNegatives);
    m.put("catalog_negatives", "" + catalogNegatives);
    m.put("num_interests", "" + numInterests);
    m.put("routing_iterations", "" + routingIterations);
    m.put("learning_rate", "" + learningRate);
    m.put("batch_size", "" + batchSize);
    m.put("epochs", "" + epochs);
    m.put("patience", "" + patience);
    m.put("min_steps", "" + minSteps);
    m.put("max_steps", "" + maxSteps);
    m.put("checkpoint_steps", "" + checkpointSteps);
    m.put("grad_clip_norm", "" + gradClipNorm);
    m.put("max_train_per_user", "" + maxTrainPerUser);
    m.put("alpha", "" + alpha);
    m.put("beta", "" + beta);
    m.put("gamma", "" + gamma);
    m.put("topk_categories", "" + topkCategories);
    m.put("cascade_weight", "" + cascadeWeight);
    m.put("repeat_weight", "" + repeatWeight);
    m.put("long_encoder", longEncoder);
    m.put("pointer", "" + pointer);
    m.put("short_negatives", shortNegatives);
    m.put("cooc_window", "" + coocWindow);
    m.put("cooc_weight", "" + coocWeight);
    m.put("seed", "" + seed);
    m.put("hnsw_m", "" + hnsw.maxConn());
    m.put("hnsw_ef_construction", "" + hnsw.beamWidth());
    m.put("hnsw_ef_search", "" + hnsw.efSearch());
    m.put("hnsw_exact_below", "" + hnsw.exactBelow());
    m.put("exact_search", "" + exactSearch);
    return m;
  }

  private record Reader(Map<String, String> m) {
    String raw(String k) { return m.get(k); }

    int pos(String k) {
      int v = intOf(k);
      if (v < 1) throw bad(k, "an integer >= 1");
      return v;
    }

    int nonNegInt(String k) {
      int v = intOf(k);
      if (v < 0) throw bad(k, "an integer >= 0");
      return v;
    }

    private int intOf(String k) {
      try { return Integer.parseInt(raw(k)); } catch (NumberFormatException e) { throw bad(k, "an integer"); }
    }

    long lng(String k) {
      try { return Long.parseLong(raw(k)); } catch (NumberFormatException e) { throw bad(k, "an integer"); }
    }

    double dbl(String k) {
      try { return Double.parseDouble(raw(k)); } catch (NumberFormatException e) { throw bad(k, "a number"); }
    }

    double posDouble(String k) { double v = dbl(k); if (!(v > 0)) throw bad(k, "a number > 0"); return v; }

    double nonNeg(String k) { double v = dbl(k); if (!(v >= 0)) throw bad(k, "a number >= 0"); return v; }

    double unit(String k) { double v = dbl(k); if (!(v >= 0 && v <= 1)) throw bad(k, "a number in [0, 1]"); return v; }

    boolean bool(String k) {
      String v = raw(k).toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) throw bad(k, "true or false");
      return v.equals("true");
    }

    String oneOf(String k, String... allowed) {
      String v = raw(k).toLowerCase(Locale.ROOT);
      for (String a : allowed) if (a.equals(v)) return a;
      throw bad(k, "one of " + String.join(", ", allowed));
    }

    IllegalArgumentException bad(String k, String expected) {
      return new IllegalArgumentException(k + " = '" + raw(k) + "'; expected " + expected);
    }
  }
}
