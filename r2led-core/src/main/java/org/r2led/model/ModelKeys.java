package org.r2led.model;

import static org.r2led.config.ConfigKey.bool;
import static org.r2led.config.ConfigKey.choice;
import static org.r2led.config.ConfigKey.intList;
import static org.r2led.config.ConfigKey.integer;
import static org.r2led.config.ConfigKey.real;

import java.util.List;
import org.r2led.config.ConfigKey;
import org.r2led.config.KeySet;

/**
 * Hyper-parameter keys shared by several models (FuxiCTR/LongCTR names), grouped by the block that
 * reads them. A model's {@link ModelSpec} lists the groups it uses plus its own keys; a model may
 * redeclare a shared name with its own default ({@link ConfigKey#withDefault}).
 */
public final class ModelKeys {
  private ModelKeys() {}

  public static final ConfigKey<Integer> EMBEDDING_DIM = integer("embedding_dim", 32, 1, 1024, "embedding size d of every table");
  public static final ConfigKey<Double> EMBEDDING_INIT_STD =
      real("embedding_init_std", 1e-4, 1e-12, 10, "std of the normal initialiser of embedding tables");
  public static final ConfigKey<Boolean> USE_CATEGORY = bool("use_category", true, "add a category embedding to item tokens");
  public static final ConfigKey<Boolean> USE_BEHAVIOR = bool("use_behavior", true, "add a behavior-type embedding to history tokens");
  public static final ConfigKey<Boolean> USE_TIME_GAP =
      bool("use_time_gap", true, "add a time-gap-to-target embedding to history tokens");
  public static final ConfigKey<Integer> TIME_GAP_BUCKETS =
      integer("time_gap_buckets", 48, 2, 64, "number of log2-seconds time-gap buckets (incl. padding)");
  public static final ConfigKey<Integer> MAX_SEQ_LEN =
      integer("max_seq_len", 1000, 1, 10_000_000, "cap on the lifelong history (most recent events kept)");
  public static final ConfigKey<Integer> SHORT_SEQ_LEN =
      integer("short_seq_len", 50, 1, 100_000, "most recent behaviors used by DIN / the short-term part");
  public static final ConfigKey<Integer> TOPK = integer("topk", 50, 1, 100_000, "behaviors kept by retrieval (per route)");
  public static final ConfigKey<Integer> HASH_BITS = integer("hash_bits", 64, 1, 64, "SimHash signature bits");
  public static final ConfigKey<Integer> NUM_HEADS = integer("num_heads", 2, 1, 64, "heads of the multi-head target attention");
  public static final ConfigKey<Integer> ATTENTION_DIM =
      integer("attention_dim", 32, 1, 4096, "projection size of the multi-head target attention");
  public static final ConfigKey<List<Integer>> ATTENTION_HIDDEN_UNITS =
      intList("attention_hidden_units", List.of(64), 1, 65_536, "hidden units of DIN's attention MLP");
  public static final ConfigKey<String> ATTENTION_ACTIVATION =
      choice("attention_activation", "relu", "activation of DIN's attention MLP", "relu", "sigmoid", "tanh");
  public static final ConfigKey<Boolean> DIN_USE_SOFTMAX =
      bool("din_use_softmax", false, "normalise DIN attention scores with a masked softmax");
  public static final ConfigKey<List<Integer>> DNN_HIDDEN_UNITS =
      intList("dnn_hidden_units", List.of(200, 80), 1, 65_536, "hidden units of the prediction MLP");
  public static final ConfigKey<String> DNN_ACTIVATION =
      choice("dnn_activation", "relu", "activation of the prediction MLP", "relu", "sigmoid", "tanh");
  public static final ConfigKey<Double> NET_DROPOUT =
      real("net_dropout", 0.0, 0, 0.95, "dropout rate after each hidden layer of the prediction MLP (training only)");
  public static final ConfigKey<Boolean> USE_SHORT_DIN = bool("use_short_din", true,
      "add a DIN unit over the last short_seq_len behaviors (as ETA's short-term DIN) to the output");

  /** Token representation ({@code FeatureEmbeddings}). */
  public static final KeySet TOKENS = KeySet.of(EMBEDDING_DIM, EMBEDDING_INIT_STD, USE_CATEGORY, USE_BEHAVIOR, USE_TIME_GAP,
      TIME_GAP_BUCKETS);
  /** Prediction head ({@code Mlp}). */
  public static final KeySet HEAD = KeySet.of(DNN_HIDDEN_UNITS, DNN_ACTIVATION, NET_DROPOUT);
  /** DIN's local activation unit. */
  public static final KeySet DIN_UNIT = KeySet.of(ATTENTION_HIDDEN_UNITS, ATTENTION_ACTIVATION, DIN_USE_SOFTMAX);
  /** Multi-head target attention. */
  public static final KeySet MULTI_HEAD = KeySet.of(NUM_HEADS, ATTENTION_DIM);
  /** Retrieval-then-refinement models: history cap, retrieved size, short-term DIN. */
  public static final KeySet RETRIEVAL = KeySet.of(MAX_SEQ_LEN, TOPK, SHORT_SEQ_LEN, USE_SHORT_DIN);
}
