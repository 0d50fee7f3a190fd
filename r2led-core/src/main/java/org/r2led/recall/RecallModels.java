package org.r2led.recall;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.config.Config;
import org.r2led.nextitem.NextItemData;
import org.r2led.recall.model.ItemCoocRetriever;
import org.r2led.recall.model.Mind;
import org.r2led.recall.model.PopularRetriever;
import org.r2led.recall.model.Ulim;
import org.r2led.recall.model.YoutubeDnn;

/**
 * The retrieval models by name ({@link RecallSpec}s): {@code popular}, {@code item_cooc}, {@code youtube_dnn},
 * {@code mind}, {@code ulim}, and ULIM's ablation presets {@code ulim_no_long} ({@code long_encoder=none}),
 * {@code ulim_self_attention} ({@code long_encoder=self_attention}), {@code ulim_no_pointer}
 * ({@code pointer=false}). {@code retrieve models} lists them with their keys.
 */
public final class RecallModels {
  private RecallModels() {}

  private static final Map<String, RecallSpec> SPECS = new LinkedHashMap<>();

  static {
    add(new RecallSpec("popular", "most popular items (training positives)", RecallKeys.ALL, (d, c) -> new PopularRetriever(d)));
    add(new RecallSpec("item_cooc", "item-to-item co-occurrence of recent positives", RecallKeys.ALL,
        (d, c) -> new ItemCoocRetriever(d, c.get(RecallKeys.COOC_WINDOW))));
    add(new RecallSpec("youtube_dnn", "two-tower, mean-pooled history, sampled softmax", RecallKeys.ALL, YoutubeDnn::new));
    add(new RecallSpec("mind", "multi-interest dynamic routing (MIND)", RecallKeys.ALL, Mind::new));
    RecallSpec ulim = new RecallSpec("ulim", "category-aware dual interest + PGIN cascaded retrieval", RecallKeys.ALL, Ulim::new);
    add(ulim);
    add(ulim.preset("ulim_no_long", "ULIM without the long-term encoder", Map.of("long_encoder", "none")));
    add(ulim.preset("ulim_self_attention", "ULIM with self-attention instead of the v_s-query target attention",
        Map.of("long_encoder", "self_attention")));
    add(ulim.preset("ulim_no_pointer", "ULIM without PGIN's pointer", Map.of("pointer", "false")));
  }

  private static void add(RecallSpec s) { SPECS.put(s.name(), s); }

  /** Every registered model, in registration order. */
  public static Map<String, RecallSpec> all() { return Collections.unmodifiableMap(SPECS); }

  /** The spec of {@code name}, failing with the known names. */
  public static RecallSpec spec(String name) {
    RecallSpec s = SPECS.get(name);
    if (s == null) throw new IllegalArgumentException("unknown retrieval model '" + name + "'; expected one of " + SPECS.keySet());
    return s;
  }

  /** The configuration of {@code name}: its spec's defaults (with its preset), then {@code overrides} (from --set). */
  public static Config config(String name, Map<String, String> overrides) {
    return RecallKeys.resolve(spec(name).keys(), overrides, "--set");
  }

  /** A new, untrained model (non-neural ones are fitted here, from the training positions). */
  public static Retriever create(String name, NextItemData data, Config cfg) { return spec(name).factory().create(data, cfg); }
}
