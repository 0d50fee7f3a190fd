package org.r2led.seqrec;

import static org.r2led.config.ConfigKey.bool;
import static org.r2led.config.ConfigKey.choice;
import static org.r2led.config.ConfigKey.integer;
import static org.r2led.config.ConfigKey.real;

import org.r2led.config.ConfigKey;
import org.r2led.config.KeySet;
import org.r2led.model.ModelKeys;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainingLoop;

/**
 * Hyper-parameters of sequential recommendation (docs/seqrec.md), field names where the field has
 * them (SASRec/BERT4Rec/RecBole: {@code max_seq_len}, {@code num_blocks}, {@code num_heads},
 * {@code mask_prob}); shared names are the training loop's and the CTR models' keys with other defaults.
 */
public final class SeqRecKeys {
  private SeqRecKeys() {}

  public static final ConfigKey<String> BACKBONE =
      choice("backbone", "sasrec", "sequence encoder", "sasrec", "gru4rec", "bert4rec");
  public static final ConfigKey<String> ENHANCE =
      choice("enhance", "none", "none: ID embeddings only; dmesr: ID + fused dual-view item semantics", "none", "dmesr");
  public static final ConfigKey<Integer> SEED = TrainKeys.SEED;
  public static final ConfigKey<Integer> EMBEDDING_DIM = ModelKeys.EMBEDDING_DIM.withDefault(64);
  public static final ConfigKey<Integer> MAX_SEQ_LEN = ModelKeys.MAX_SEQ_LEN.withDefault(50);
  public static final ConfigKey<Integer> NUM_BLOCKS = integer("num_blocks", 2, 1, 16, "transformer layers (SASRec, BERT4Rec)");
  public static final ConfigKey<Integer> NUM_HEADS = ModelKeys.NUM_HEADS;
  public static final ConfigKey<Double> NET_DROPOUT = ModelKeys.NET_DROPOUT.withDefault(0.2);
  public static final ConfigKey<Double> MASK_PROB =
      real("mask_prob", 0.2, 0.01, 0.9, "BERT4Rec: share of training positions replaced by [MASK] (cloze task)");
  public static final ConfigKey<String> LOSS = choice("loss", "ce",
      "ce: softmax over the whole catalog (full cross-entropy, RecBole's default); sampled: softmax over the target and "
          + "num_negatives uniform negatives shared by the batch (for catalogs too large for ce)", "sampled", "ce");
  public static final ConfigKey<Integer> NUM_NEGATIVES = integer("num_negatives", 1000, 1, 1_000_000,
      "sampled softmax: uniform negatives shared by a training batch (accidental hits masked)");
  public static final ConfigKey<String> WINDOWS = choice("windows", "tile",
      "training windows per user and epoch: tile = consecutive windows covering every training target once; "
          + "recent = the latest one plus windows_per_user - 1 random earlier ends", "recent", "tile");
  public static final ConfigKey<Integer> WINDOWS_PER_USER = integer("windows_per_user", 1, 1, 1000,
      "training windows per user and epoch: the most recent one plus random earlier ends (long histories)");
  public static final ConfigKey<Double> LEARNING_RATE = TrainKeys.LEARNING_RATE;
  /** Training windows per step (each up to {@code max_seq_len} targets: at 8 × 50, about RecBole's 256 prefixes). */
  public static final ConfigKey<Integer> BATCH_SIZE = TrainKeys.BATCH_SIZE.withDefault(8);
  public static final ConfigKey<Integer> EVAL_BATCH_SIZE = TrainKeys.EVAL_BATCH_SIZE.withDefault(256);
  public static final ConfigKey<Integer> EPOCHS = TrainKeys.EPOCHS.withDefault(200);
  public static final ConfigKey<Integer> PATIENCE = TrainKeys.PATIENCE.withDefault(10);
  public static final ConfigKey<Double> GRAD_CLIP_NORM = TrainKeys.GRAD_CLIP_NORM.withDefault(5.0);
  public static final ConfigKey<Double> NET_REGULARIZER = TrainKeys.NET_REGULARIZER;
  public static final ConfigKey<Integer> MAX_STEPS = TrainKeys.MAX_STEPS;
  public static final ConfigKey<Integer> MIN_STEPS = TrainKeys.MIN_STEPS;
  public static final ConfigKey<Integer> CHECKPOINT_STEPS = TrainKeys.CHECKPOINT_STEPS;
  public static final ConfigKey<Integer> SAMPLED_NEGATIVES = integer("sampled_negatives", 100, 1, 100_000,
      "negatives per target of the sampled-candidates protocol (the field's common 100)");
  public static final ConfigKey<Integer> NEGATIVES_SEED = integer("sampled_negatives_seed", 7, 0, Integer.MAX_VALUE,
      "seed of the sampled-candidates protocol's negatives (the same for every run)");

  // DMESR
  public static final ConfigKey<String> VIEWS = choice("views", "auto",
      "coarse item views, comma-separated: title_genres, tags, category, text, file:PATH (vector file); auto = "
          + "title_genres,tags when item texts carry tags, else title_genres,category");
  public static final ConfigKey<Integer> MAX_FINE_TOKENS =
      integer("max_fine_tokens", 32, 1, 512, "fine view: the first N word-piece outputs of the item text");
  public static final ConfigKey<Integer> FINE_DIM = integer("fine_dim", 64, 0, 4096,
      "fine view: token vectors reduced to this many principal components (frozen; 0 = the encoder's full size)");
  public static final ConfigKey<Boolean> ALIGNMENT =
      bool("alignment", true, "contrastive alignment (symmetric InfoNCE) between the coarse views of in-batch items");
  public static final ConfigKey<Double> ALIGNMENT_WEIGHT = real("alignment_weight", 0.1, 0, 100, "weight of the alignment loss");
  public static final ConfigKey<Double> TEMPERATURE = real("temperature", 0.1, 1e-4, 100, "InfoNCE temperature τ");
  public static final ConfigKey<Integer> ALIGNMENT_ITEMS =
      integer("alignment_items", 256, 2, 65_536, "at most this many in-batch items (targets with both views) per alignment loss");
  public static final ConfigKey<Boolean> FUSION = bool("fusion", true,
      "cross-attention fusion of coarse and fine views in both directions (false: mean-pooled views, no attention)");
  public static final ConfigKey<String> SEMANTICS_INIT = choice("semantics_init", "xavier",
      "initial output map W_o of the fused semantics s = W_o [z1; z2]: xavier (random) or zero (s starts at 0, so "
          + "DMESR starts as the plain model and learns how much semantics to add)", "xavier", "zero");
  public static final ConfigKey<Integer> ATTENTION_DIM = ModelKeys.ATTENTION_DIM.withDefault(64);

  public static final KeySet ALL = KeySet.of(BACKBONE, ENHANCE, SEED, EMBEDDING_DIM, MAX_SEQ_LEN, NUM_BLOCKS, NUM_HEADS,
      NET_DROPOUT, MASK_PROB, LOSS, NUM_NEGATIVES, WINDOWS, WINDOWS_PER_USER, LEARNING_RATE, BATCH_SIZE, EVAL_BATCH_SIZE, EPOCHS,
      PATIENCE, GRAD_CLIP_NORM, NET_REGULARIZER, MAX_STEPS, MIN_STEPS, CHECKPOINT_STEPS, SAMPLED_NEGATIVES, NEGATIVES_SEED, VIEWS, MAX_FINE_TOKENS, FINE_DIM, ALIGNMENT,
      ALIGNMENT_WEIGHT, TEMPERATURE, ALIGNMENT_ITEMS, FUSION, SEMANTICS_INIT, ATTENTION_DIM);

  /** The training loop's schedule: validation at epoch ends, no learning-rate decay. */
  public static TrainingLoop.Schedule schedule(org.r2led.config.Config cfg) {
    return new TrainingLoop.Schedule(cfg.get(EPOCHS), cfg.get(MIN_STEPS), cfg.get(MAX_STEPS), 0, cfg.get(CHECKPOINT_STEPS),
        cfg.get(PATIENCE), 0, 1);
  }

  /** The sampled-candidates protocol of a configuration. */
  public static org.r2led.nextitem.SampledNegatives sampledNegatives(org.r2led.config.Config cfg) {
    return new org.r2led.nextitem.SampledNegatives(cfg.get(SAMPLED_NEGATIVES), cfg.get(NEGATIVES_SEED));
  }
}
