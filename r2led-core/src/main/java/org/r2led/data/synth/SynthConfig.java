package org.r2led.data.synth;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parameters of the synthetic dataset generator ({@link SyntheticGenerator}); validated on
 * construction. Every component has a snake_case key (e.g. {@code itemZipf} ↔ {@code item_zipf})
 * used by {@code --set key=value}, the manifest's {@code protocol} and {@code synth.json}.
 *
 * <p>Topic tree: {@code topTopics} themes × {@code subTopics} sub-topics × {@code leafTopics} leaves.
 * Items sit at leaves. Each event of a user comes from the current short-term interest (probability
 * {@code pShort}), one of the user's long-term interests ({@code pLong}), or the global popularity
 * distribution (the rest). Samples (targets) are drawn from the long-term interests
 * ({@code targetLong}), the short-term interest ({@code targetShort}), popularity
 * ({@code targetPopular}) or uniformly (the rest), and labelled by {@link ClickModel}.
 *
 * @param users number of users
 * @param items number of items (at least one per leaf topic)
 * @param seed master seed; the same seed and parameters give byte-identical output
 * @param topTopics number of top-level themes (at most the themes of the built-in word bank)
 * @param subTopics sub-topics per theme
 * @param leafTopics leaf topics per sub-topic
 * @param categoryLevel which topic level is written as the item category: {@code top}, {@code sub} or {@code leaf}
 * @param itemZipf exponent s of the item popularity weight 1/rank^s
 * @param topicZipf exponent of the leaf-size distribution (how unevenly items spread over leaves)
 * @param minLen shortest lifelong sequence (events)
 * @param maxLen longest lifelong sequence (events)
 * @param lenMedian median of the (unclipped) lognormal sequence-length distribution
 * @param lenSigma log-scale standard deviation of the sequence-length distribution
 * @param longInterestsMin fewest long-term interests (leaf topics) per user
 * @param longInterestsMax most long-term interests per user
 * @param pShort probability that an event comes from the current short-term interest
 * @param pLong probability that an event comes from a long-term interest (weighted)
 * @param driftRate probability per event that the short-term interest changes (a new session)
 * @param driftToLong probability that a new short-term interest is one of the long-term interests
 * @param meanGapSeconds mean extra gap between consecutive events (exponential; every gap is at least 2 s)
 * @param sessionGapSeconds mean extra gap (exponential) added when the short-term interest changes
 * @param startTime earliest user start, Unix seconds (users start uniformly within the following year)
 * @param samplesPerUser targets (labelled impressions) per user
 * @param sampleStart targets are placed at history lengths in [ceil(sampleStart·len), len]
 * @param targetLong probability a target is drawn from a long-term interest
 * @param targetShort probability a target is drawn from the current short-term interest
 * @param targetPopular probability a target is drawn by global popularity (the rest: uniform)
 * @param clickBias click-model intercept (logit)
 * @param clickLong click-model weight of the long-term-interest match
 * @param clickShort click-model weight of the short-term-interest match
 * @param clickPop click-model weight of the popularity feature (0..1)
 * @param parentCredit match credit for sharing only the sub-topic with an interest
 * @param topCredit match credit for sharing only the theme with an interest
 * @param validFraction fraction of each user's samples (before the test ones) in the validation split
 * @param testFraction fraction of each user's samples (the last ones) in the test split
 */
public record SynthConfig(
    int users,
    int items,
    long seed,
    int topTopics,
    int subTopics,
    int leafTopics,
    String categoryLevel,
    double itemZipf,
    double topicZipf,
    int minLen,
    int maxLen,
    double lenMedian,
    double lenSigma,
    int longInterestsMin,
    int longInterestsMax,
    double pShort,
    double pLong,
    double driftRate,
    double driftToLong,
    double meanGapSeconds,
    double sessionGapSeconds,
    long startTime,
    int samplesPerUser,
    double sampleStart,
    double targetLong,
    double targetShort,
    double targetPopular,
    double clickBias,
    double clickLong,
    double clickShort,
    double clickPop,
    double parentCredit,
    double topCredit,
    double validFraction,
    double testFraction) {

  /** Accepted values of {@code category_level}. */
  public static final List<String> CATEGORY_LEVELS = List.of("top", "sub", "leaf");

  public SynthConfig {
    categoryLevel = categoryLevel == null ? null : categoryLevel.trim().toLowerCase(Locale.ROOT);
    atLeast("users", users, 1);
    atLeast("top_topics", topTopics, 1);
    atLeast("sub_topics", subTopics, 1);
    atLeast("leaf_topics", leafTopics, 1);
    long leaves = (long) topTopics * subTopics * leafTopics;
    if (items < leaves) {
      throw bad("items", items, "at least one item per leaf topic: >= top_topics*sub_topics*leaf_topics = " + leaves);
    }
    if (categoryLevel == null || !CATEGORY_LEVELS.contains(categoryLevel)) throw bad("category_level", categoryLevel, "one of " + CATEGORY_LEVELS);
    nonNegative("item_zipf", itemZipf);
    nonNegative("topic_zipf", topicZipf);
    atLeast("min_len", minLen, 1);
    if (maxLen < minLen) throw bad("max_len", maxLen, ">= min_len (" + minLen + ")");
    if (!(lenMedian > 0) || Double.isInfinite(lenMedian)) throw bad("len_median", lenMedian, "a positive number");
    nonNegative("len_sigma", lenSigma);
    atLeast("long_interests_min", longInterestsMin, 1);
    if (longInterestsMax < longInterestsMin) {
      throw bad("long_interests_max", longInterestsMax, ">= long_interests_min (" + longInterestsMin + ")");
    }
    if (longInterestsMax > leaves) {
      throw bad("long_interests_max", longInterestsMax, "at most the number of leaf topics (" + leaves + ")");
    }
    probability("p_short", pShort);
    probability("p_long", pLong);
    sumAtMostOne("p_short + p_long", pShort + pLong);
    probability("drift_rate", driftRate);
    probability("drift_to_long", driftToLong);
    nonNegative("mean_gap_seconds", meanGapSeconds);
    nonNegative("session_gap_seconds", sessionGapSeconds);
    if (startTime < 0) throw bad("start_time", startTime, "Unix seconds >= 0");
    if (samplesPerUser < 0) throw bad("samples_per_user", samplesPerUser, ">= 0");
    probability("sample_start", sampleStart);
    probability("target_long", targetLong);
    probability("target_short", targetShort);
    probability("target_popular", targetPopular);
    sumAtMostOne("target_long + target_short + target_popular", targetLong + targetShort + targetPopular);
    finite("click_bias", clickBias);
    finite("click_long", clickLong);
    finite("click_short", clickShort);
    finite("click_pop", clickPop);
    probability("parent_credit", parentCredit);
    probability("top_credit", topCredit);
    probability("valid_fraction", validFraction);
    probability("test_fraction", testFraction);
    sumAtMostOne("valid_fraction + test_fraction", validFraction + testFraction);
  }

  /**
   * The standard preset: 10,000 users, 20,000 items, 16×4×3 topics, sequences of 20..20,000 events
   * (lognormal, median 200), 20 samples per user — about 4.6 million events.
   */
  public static SynthConfig standard() {
    return new SynthConfig(
        10_000, 20_000, 42L,
        16, 4, 3, "sub",
        0.8, 0.5,
        20, 20_000, 200.0, 1.3,
        3, 6,
        0.6, 0.15,
        0.02, 0.15,
        1800.0, 172_800.0, 1_577_836_800L,
        20, 0.5,
        0.3, 0.2, 0.25,
        -3.0, 3.5, 1.0, 1.5, 0.4, 0.1,
        0.1, 0.1);
  }

  /**
   * The quickstart preset (generates in seconds): 2,000 users, 3,000 items, sequences of 20..3,000
   * events (median 200), 20 samples per user — about 800,000 events.
   */
  public static SynthConfig quickstart() {
    return standard().with(Map.of("users", "2000", "items", "3000", "max_len", "3000", "len_sigma", "1.2"));
  }

  /** A preset by name: {@code standard} or {@code quickstart}. */
  public static SynthConfig preset(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "standard": return standard();
      case "quickstart": return quickstart();
      default: throw new IllegalArgumentException("unknown synth preset '" + name + "'; expected standard or quickstart");
    }
  }

  /** Settings keys in declaration order (snake_case). */
  public static List<String> keys() {
    List<String> out = new ArrayList<>();
    for (RecordComponent c : SynthConfig.class.getRecordComponents()) out.add(snake(c.getName()));
    return out;
  }

  /**
   * A copy with some settings replaced; keys are snake_case, values are parsed by the setting's
   * type (integers accept {@code 1_000_000} and {@code 1e6}). Unknown keys and unparsable or invalid
   * values fail with the key, the value and what was expected.
   */
  public SynthConfig with(Map<String, String> overrides) {
    RecordComponent[] comps = SynthConfig.class.getRecordComponents();
    Object[] values = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    Map<String, String> pending = new LinkedHashMap<>(overrides);
    for (int i = 0; i < comps.length; i++) {
      RecordComponent c = comps[i];
      types[i] = c.getType();
      String key = snake(c.getName());
      String v = pending.remove(key);
      values[i] = v == null ? get(c) : parse(key, v, c.getType());
    }
    if (!pending.isEmpty()) {
      String key = pending.keySet().iterator().next();
      throw new IllegalArgumentException("unknown synth setting '" + key + "'; known settings: " + String.join(", ", keys()));
    }
    try {
      Constructor<SynthConfig> ctor = SynthConfig.class.getDeclaredConstructor(types);
      return ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Convenience: a copy with one setting replaced. */
  public SynthConfig with(String key, Object value) {
    return with(Map.of(key, String.valueOf(value)));
  }

  /** All settings by snake_case key, in declaration order (numbers boxed, category level a string). */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : SynthConfig.class.getRecordComponents()) out.put(snake(c.getName()), get(c));
    return out;
  }

  /** Number of leaf topics. */
  public int numLeaves() { return topTopics * subTopics * leafTopics; }

  /** The click model these settings define. */
  public ClickModel clickModel() {
    return new ClickModel(clickBias, clickLong, clickShort, clickPop, parentCredit, topCredit);
  }

  private Object get(RecordComponent c) {
    try {
      return c.getAccessor().invoke(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) sb.append('_').append(Character.toLowerCase(ch));
      else sb.append(ch);
    }
    return sb.toString();
  }

  private static Object parse(String key, String raw, Class<?> type) {
    String v = raw.trim().replace("_", "");
    try {
      if (type == String.class) return raw.trim();
      if (type == double.class) return Double.parseDouble(v);
      long l;
      try {
        l = Long.parseLong(v);
      } catch (NumberFormatException e) {
        double d = Double.parseDouble(v);
        if (d != Math.rint(d) || Math.abs(d) > 9.0e18) throw new NumberFormatException();
        l = (long) d;
      }
      if (type == long.class) return l;
      if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw new NumberFormatException();
      return (int) l;
    } catch (NumberFormatException e) {
      String what = type == double.class ? "a number" : type == long.class ? "an integer" : "an integer (32-bit)";
      throw new IllegalArgumentException("synth setting " + key + "='" + raw + "': expected " + what);
    }
  }

  private static IllegalArgumentException bad(String key, Object value, String expected) {
    return new IllegalArgumentException("synth setting " + key + "=" + value + ": expected " + expected);
  }

  private static void atLeast(String key, long v, long min) {
    if (v < min) throw bad(key, v, ">= " + min);
  }

  private static void finite(String key, double v) {
    if (!Double.isFinite(v)) throw bad(key, v, "a finite number");
  }

  private static void nonNegative(String key, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) throw bad(key, v, "a finite number >= 0");
  }

  private static void probability(String key, double v) {
    if (!(v >= 0 && v <= 1)) throw bad(key, v, "a number in [0, 1]");
  }

  private static void sumAtMostOne(String what, double sum) {
    if (sum > 1 + 1e-9) throw new IllegalArgumentException("synth settings " + what + " = " + sum + ": expected <= 1");
  }
}
