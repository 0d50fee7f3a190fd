package org.r2led.seqrec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.config.Config;
import org.r2led.config.KeySet;
import org.r2led.nn.ParamStore;

/**
 * The sequence encoders by name ({@link BackboneSpec}s): {@code sasrec} (causal self-attention),
 * {@code gru4rec} (a GRU) and {@code bert4rec} (bidirectional self-attention on the cloze task).
 * {@code seqrec models} lists them with their keys.
 */
public final class Backbones {
  private Backbones() {}

  private static final Map<String, BackboneSpec> SPECS = new LinkedHashMap<>();

  static {
    KeySet transformer = KeySet.of(SeqRecKeys.NUM_BLOCKS, SeqRecKeys.NUM_HEADS, SeqRecKeys.NET_DROPOUT);
    add(new BackboneSpec("sasrec", "SASRec: causal self-attention, the next item at every position", transformer,
        (store, cfg) -> transformer(store, cfg, "sasrec", true)));
    add(new BackboneSpec("gru4rec", "GRU4Rec: a GRU over the sequence, the next item at every position",
        KeySet.of(SeqRecKeys.NET_DROPOUT),
        (store, cfg) -> new Gru4RecBackbone(store, cfg.get(SeqRecKeys.EMBEDDING_DIM), cfg.get(SeqRecKeys.NET_DROPOUT))));
    add(new BackboneSpec("bert4rec", "BERT4Rec: bidirectional self-attention, masked items (cloze, mask_prob)",
        transformer.plus(SeqRecKeys.MASK_PROB), (store, cfg) -> transformer(store, cfg, "bert4rec", false)));
  }

  private static Backbone transformer(ParamStore store, Config cfg, String name, boolean causal) {
    return new TransformerBackbone(store, name, cfg.get(SeqRecKeys.EMBEDDING_DIM), cfg.get(SeqRecKeys.MAX_SEQ_LEN),
        cfg.get(SeqRecKeys.NUM_BLOCKS), cfg.get(SeqRecKeys.NUM_HEADS), cfg.get(SeqRecKeys.NET_DROPOUT), causal);
  }

  private static void add(BackboneSpec s) { SPECS.put(s.name(), s); }

  /** Every registered backbone, in registration order. */
  public static Map<String, BackboneSpec> all() { return Collections.unmodifiableMap(SPECS); }

  /** The spec of {@code name}, failing with the known names. */
  public static BackboneSpec spec(String name) {
    BackboneSpec s = SPECS.get(name);
    if (s == null) throw new IllegalArgumentException("backbone: unknown '" + name + "'; expected one of " + SPECS.keySet());
    return s;
  }

  /** Builds the backbone {@code cfg} names ({@link SeqRecKeys#BACKBONE}). */
  public static Backbone create(ParamStore store, Config cfg) { return spec(cfg.get(SeqRecKeys.BACKBONE)).factory().create(store, cfg); }
}
