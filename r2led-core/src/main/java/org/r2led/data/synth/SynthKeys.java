package org.r2led.data.synth;

import static org.r2led.config.ConfigKey.choice;
import static org.r2led.config.ConfigKey.integer;
import static org.r2led.config.ConfigKey.longInteger;
import static org.r2led.config.ConfigKey.real;

import java.util.Locale;
import java.util.Map;
import org.r2led.config.ConfigKey;
import org.r2led.config.KeySet;

/**
 * The configuration keys of the synthetic generator ({@link SyntheticGenerator}), used by
 * {@code --set key=value}, the manifest's {@code protocol} and {@code synth.json}, and its presets
 * ({@code standard}, {@code quickstart}) as key sets with other defaults. {@link SynthConfig} is the
 * validated view the generator reads.
 *
 * <p>Topic tree: {@code top_topics} themes × {@code sub_topics} sub-topics × {@code leaf_topics} leaves;
 * items sit at leaves. Each event of a user comes from the current short-term interest ({@code p_short}),
 * one of the user's long-term interests ({@code p_long}), or the global popularity distribution (the
 * rest). Targets are drawn from the long-term interests ({@code target_long}), the short-term interest
 * ({@code target_short}), popularity ({@code target_popular}) or uniformly (the rest), and labelled by
 * {@link ClickModel}.
 */
public final class SynthKeys {
  private SynthKeys() {}

  private static final int MAX_INT = Integer.MAX_VALUE;
  private static final double MAX = Double.MAX_VALUE;

  public static final ConfigKey<Integer> USERS = integer("users", 10_000, 1, MAX_INT, "number of users");
  public static final ConfigKey<Integer> ITEMS = integer("items", 20_000, 1, MAX_INT, "number of items (at least one per leaf topic)");
  public static final ConfigKey<Long> SEED = longInteger("seed", 42L, Long.MIN_VALUE, Long.MAX_VALUE,
      "master seed; the same seed and settings give byte-identical output");
  public static final ConfigKey<Integer> TOP_TOPICS = integer("top_topics", 16, 1, MAX_INT,
      "number of top-level themes (at most the themes of the built-in word bank)");
  public static final ConfigKey<Integer> SUB_TOPICS = integer("sub_topics", 4, 1, MAX_INT, "sub-topics per theme");
  public static final ConfigKey<Integer> LEAF_TOPICS = integer("leaf_topics", 3, 1, MAX_INT, "leaf topics per sub-topic");
  public static final ConfigKey<String> CATEGORY_LEVEL = choice("category_level", "sub",
      "which topic level is written as the item category", "top", "sub", "leaf");
  public static final ConfigKey<Double> ITEM_ZIPF = real("item_zipf", 0.8, 0, MAX, "exponent s of the item popularity weight 1/rank^s");
  public static final ConfigKey<Double> TOPIC_ZIPF = real("topic_zipf", 0.5, 0, MAX,
      "exponent of the leaf-size distribution (how unevenly items spread over leaves)");
  public static final ConfigKey<Integer> MIN_LEN = integer("min_len", 20, 1, MAX_INT, "shortest lifelong sequence (events)");
  public static final ConfigKey<Integer> MAX_LEN = integer("max_len", 20_000, 1, MAX_INT, "longest lifelong sequence (events; >= min_len)");
  public static final ConfigKey<Double> LEN_MEDIAN = real("len_median", 200.0, Double.MIN_VALUE, MAX,
      "median of the (unclipped) lognormal sequence-length distribution");
  public static final ConfigKey<Double> LEN_SIGMA = real("len_sigma", 1.3, 0, MAX, "log-scale standard deviation of the sequence-length distribution");
  public static final ConfigKey<Integer> LONG_INTERESTS_MIN = integer("long_interests_min", 3, 1, MAX_INT,
      "fewest long-term interests (leaf topics) per user");
  public static final ConfigKey<Integer> LONG_INTERESTS_MAX = integer("long_interests_max", 6, 1, MAX_INT,
      "most long-term interests per user (>= long_interests_min, at most the leaf topics)");
  public static final ConfigKey<Double> P_SHORT = real("p_short", 0.6, 0, 1, "probability that an event comes from the current short-term interest");
  public static final ConfigKey<Double> P_LONG = real("p_long", 0.15, 0, 1,
      "probability that an event comes from a long-term interest (weighted); p_short + p_long <= 1");
  public static final ConfigKey<Double> DRIFT_RATE = real("drift_rate", 0.02, 0, 1,
      "probability per event that the short-term interest changes (a new session)");
  public static final ConfigKey<Double> DRIFT_TO_LONG = real("drift_to_long", 0.15, 0, 1,
      "probability that a new short-term interest is one of the long-term interests");
  public static final ConfigKey<Double> INTEREST_DRIFT = real("interest_drift", 0.0, 0, MAX,
      "expected replacements per day of each long-term interest (its leaf moves to another, drawn by leaf mass): "
      + "the user's preferences drift with time and the click model follows them; 0 = off");
  public static final ConfigKey<Double> ITEM_BIRTH_SHARE = real("item_birth_share", 0.0, 0, 1,
      "share of items (never a leaf's most popular one) born at a uniform time in the year after start_time; "
      + "no event or sample shows an item before its birth; 0 = off");
  public static final ConfigKey<Double> MEAN_GAP_SECONDS = real("mean_gap_seconds", 1800.0, 0, MAX,
      "mean extra gap between consecutive events (exponential; every gap is at least 2 s)");
  public static final ConfigKey<Double> SESSION_GAP_SECONDS = real("session_gap_seconds", 172_800.0, 0, MAX,
      "mean extra gap (exponential) added when the short-term interest changes");
  public static final ConfigKey<Long> START_TIME = longInteger("start_time", 1_577_836_800L, 0, Long.MAX_VALUE,
      "earliest user start, Unix seconds (users start uniformly within the following year)");
  public static final ConfigKey<Integer> SAMPLES_PER_USER = integer("samples_per_user", 20, 0, MAX_INT, "targets (labelled impressions) per user");
  public static final ConfigKey<Double> SAMPLE_START = real("sample_start", 0.5, 0, 1,
      "targets are placed at history lengths in [ceil(sample_start*len), len]");
  public static final ConfigKey<Double> TARGET_LONG = real("target_long", 0.3, 0, 1, "probability a target is drawn from a long-term interest");
  public static final ConfigKey<Double> TARGET_SHORT = real("target_short", 0.2, 0, 1,
      "probability a target is drawn from the current short-term interest");
  public static final ConfigKey<Double> TARGET_POPULAR = real("target_popular", 0.25, 0, 1,
      "probability a target is drawn by global popularity (the rest: uniform); target_long + target_short + target_popular <= 1");
  public static final ConfigKey<Double> CLICK_BIAS = real("click_bias", -3.0, -MAX, MAX, "click-model intercept (logit)");
  public static final ConfigKey<Double> CLICK_LONG = real("click_long", 3.5, -MAX, MAX, "click-model weight of the long-term-interest match");
  public static final ConfigKey<Double> CLICK_SHORT = real("click_short", 1.0, -MAX, MAX, "click-model weight of the short-term-interest match");
  public static final ConfigKey<Double> CLICK_POP = real("click_pop", 1.5, -MAX, MAX, "click-model weight of the popularity feature (0..1)");
  public static final ConfigKey<Double> PARENT_CREDIT = real("parent_credit", 0.4, 0, 1,
      "match credit for sharing only the sub-topic with an interest");
  public static final ConfigKey<Double> TOP_CREDIT = real("top_credit", 0.1, 0, 1, "match credit for sharing only the theme with an interest");
  public static final ConfigKey<Double> VALID_FRACTION = real("valid_fraction", 0.1, 0, 1,
      "fraction of each user's samples (before the test ones) in the validation split");
  public static final ConfigKey<Double> TEST_FRACTION = real("test_fraction", 0.1, 0, 1,
      "fraction of each user's samples (the last ones) in the test split; valid_fraction + test_fraction <= 1");

  /**
   * The standard preset: 10,000 users, 20,000 items, 16×4×3 topics, sequences of 20..20,000 events
   * (lognormal, median 200), 20 samples per user — about 4.6 million events.
   */
  public static final KeySet STANDARD = KeySet.of(USERS, ITEMS, SEED, TOP_TOPICS, SUB_TOPICS, LEAF_TOPICS, CATEGORY_LEVEL,
      ITEM_ZIPF, TOPIC_ZIPF, MIN_LEN, MAX_LEN, LEN_MEDIAN, LEN_SIGMA, LONG_INTERESTS_MIN, LONG_INTERESTS_MAX, P_SHORT, P_LONG,
      DRIFT_RATE, DRIFT_TO_LONG, INTEREST_DRIFT, ITEM_BIRTH_SHARE, MEAN_GAP_SECONDS, SESSION_GAP_SECONDS, START_TIME, SAMPLES_PER_USER, SAMPLE_START,
      TARGET_LONG, TARGET_SHORT, TARGET_POPULAR, CLICK_BIAS, CLICK_LONG, CLICK_SHORT, CLICK_POP, PARENT_CREDIT, TOP_CREDIT,
      VALID_FRACTION, TEST_FRACTION);

  /**
   * The quickstart preset (generates in seconds): 2,000 users, 3,000 items, sequences of 20..3,000
   * events (median 200), 20 samples per user — about 800,000 events.
   */
  public static final KeySet QUICKSTART =
      STANDARD.withDefaults(Map.of("users", 2000, "items", 3000, "max_len", 3000, "len_sigma", 1.2));

  /** A preset's keys by name: {@code standard} or {@code quickstart} (any case). */
  public static KeySet preset(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "standard" -> STANDARD;
      case "quickstart" -> QUICKSTART;
      default -> throw new IllegalArgumentException("unknown synth preset '" + name + "'; expected standard or quickstart");
    };
  }
}
