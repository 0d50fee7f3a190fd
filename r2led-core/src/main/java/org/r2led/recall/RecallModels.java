package org.r2led.recall;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.r2led.nextitem.NextItemData;
import org.r2led.recall.model.ItemCoocRetriever;
import org.r2led.recall.model.Mind;
import org.r2led.recall.model.PopularRetriever;
import org.r2led.recall.model.Ulim;
import org.r2led.recall.model.YoutubeDnn;
import org.r2led.recall.train.NeuralRecall;

/**
 * The retrieval models by name: {@code popular}, {@code item_cooc}, {@code youtube_dnn}, {@code mind},
 * {@code ulim}, and ULIM's ablation presets {@code ulim_no_long} ({@code long_encoder=none}),
 * {@code ulim_self_attention} ({@code long_encoder=self_attention}), {@code ulim_no_pointer}
 * ({@code pointer=false}).
 */
public final class RecallModels {
  private RecallModels() {}

  /** A registered model: its base implementation and preset keys. */
  public record Entry(String name, String base, Map<String, String> preset, String description) {}

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
  private static final Map<String, BiFunction<NextItemData, RecallConfig, NeuralRecall>> NEURAL = Map.of(
      "youtube_dnn", YoutubeDnn::new, "mind", Mind::new, "ulim", Ulim::new);

  static {
    add(new Entry("popular", "popular", Map.of(), "most popular items (training positives)"));
    add(new Entry("item_cooc", "item_cooc", Map.of(), "item-to-item co-occurrence of recent positives"));
    add(new Entry("youtube_dnn", "youtube_dnn", Map.of(), "two-tower, mean-pooled history, sampled softmax"));
    add(new Entry("mind", "mind", Map.of(), "multi-interest dynamic routing (MIND)"));
    add(new Entry("ulim", "ulim", Map.of(), "category-aware dual interest + PGIN cascaded retrieval"));
    add(new Entry("ulim_no_long", "ulim", Map.of("long_encoder", "none"), "ULIM without the long-term encoder"));
    add(new Entry("ulim_self_attention", "ulim", Map.of("long_encoder", "self_attention"),
        "ULIM with self-attention instead of the v_s-query target attention"));
    add(new Entry("ulim_no_pointer", "ulim", Map.of("pointer", "false"), "ULIM without PGIN's pointer"));
  }

  private static void add(Entry e) { ENTRIES.put(e.name(), e); }

  /** Every registered model. */
  public static Map<String, Entry> all() { return java.util.Collections.unmodifiableMap(ENTRIES); }

  /** The entry of {@code name}, failing with the known names. */
  public static Entry entry(String name) {
    Entry e = ENTRIES.get(name);
    if (e == null) throw new IllegalArgumentException("unknown retrieval model '" + name + "'; expected one of " + ENTRIES.keySet());
    return e;
  }

  /** The configuration of {@code name}: defaults, then the preset, then {@code overrides}. */
  public static RecallConfig config(String name, Map<String, String> overrides) {
    Map<String, String> m = new LinkedHashMap<>(entry(name).preset());
    m.putAll(overrides);
    return RecallConfig.of(m);
  }

  /** A new, untrained model (non-neural ones are fitted here, from the training positions). */
  public static Retriever create(String name, NextItemData data, RecallConfig cfg) {
    String base = entry(name).base();
    return switch (base) {
      case "popular" -> new PopularRetriever(data);
      case "item_cooc" -> new ItemCoocRetriever(data, cfg.coocWindow());
      default -> NEURAL.get(base).apply(data, cfg);
    };
  }
}
