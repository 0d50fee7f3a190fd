package org.r2led.data.synth;

import static org.r2led.data.synth.SynthKeys.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.config.Config;
import org.r2led.config.ConfigKey;

/**
 * The validated settings of one synthetic generation ({@link SyntheticGenerator}): a {@link Config}
 * over a preset's {@link SynthKeys} (each value checked by its key) whose values also agree with
 * each other (items per leaf, length and interest bounds, probabilities summing to at most 1). The
 * accessors read typed copies (the generator calls them per event). Immutable.
 */
public final class SynthConfig {
  private final Config config;
  private final int users;
  private final int items;
  private final long seed;
  private final int topTopics;
  private final int subTopics;
  private final int leafTopics;
  private final String categoryLevel;
  private final double itemZipf;
  private final double topicZipf;
  private final int minLen;
  private final int maxLen;
  private final double lenMedian;
  private final double lenSigma;
  private final int longInterestsMin;
  private final int longInterestsMax;
  private final double pShort;
  private final double pLong;
  private final double driftRate;
  private final double interestDrift;
  private final double itemBirthShare;
  private final double driftToLong;
  private final double meanGapSeconds;
  private final double sessionGapSeconds;
  private final long startTime;
  private final int samplesPerUser;
  private final double sampleStart;
  private final double targetLong;
  private final double targetShort;
  private final double targetPopular;
  private final double clickBias;
  private final double clickLong;
  private final double clickShort;
  private final double clickPop;
  private final double parentCredit;
  private final double topCredit;
  private final double validFraction;
  private final double testFraction;

  private SynthConfig(Config c) {
    config = c;
    users = c.get(USERS);
    items = c.get(ITEMS);
    seed = c.get(SEED);
    topTopics = c.get(TOP_TOPICS);
    subTopics = c.get(SUB_TOPICS);
    leafTopics = c.get(LEAF_TOPICS);
    categoryLevel = c.get(CATEGORY_LEVEL);
    itemZipf = c.get(ITEM_ZIPF);
    topicZipf = c.get(TOPIC_ZIPF);
    minLen = c.get(MIN_LEN);
    maxLen = c.get(MAX_LEN);
    lenMedian = c.get(LEN_MEDIAN);
    lenSigma = c.get(LEN_SIGMA);
    longInterestsMin = c.get(LONG_INTERESTS_MIN);
    longInterestsMax = c.get(LONG_INTERESTS_MAX);
    pShort = c.get(P_SHORT);
    pLong = c.get(P_LONG);
    driftRate = c.get(DRIFT_RATE);
    interestDrift = c.get(INTEREST_DRIFT);
    itemBirthShare = c.get(ITEM_BIRTH_SHARE);
    driftToLong = c.get(DRIFT_TO_LONG);
    meanGapSeconds = c.get(MEAN_GAP_SECONDS);
    sessionGapSeconds = c.get(SESSION_GAP_SECONDS);
    startTime = c.get(START_TIME);
    samplesPerUser = c.get(SAMPLES_PER_USER);
    sampleStart = c.get(SAMPLE_START);
    targetLong = c.get(TARGET_LONG);
    targetShort = c.get(TARGET_SHORT);
    targetPopular = c.get(TARGET_POPULAR);
    clickBias = c.get(CLICK_BIAS);
    clickLong = c.get(CLICK_LONG);
    clickShort = c.get(CLICK_SHORT);
    clickPop = c.get(CLICK_POP);
    parentCredit = c.get(PARENT_CREDIT);
    topCredit = c.get(TOP_CREDIT);
    validFraction = c.get(VALID_FRACTION);
    testFraction = c.get(TEST_FRACTION);
    validate();
  }

  /** Validates a configuration over {@link SynthKeys#STANDARD} or another preset of it. */
  public static SynthConfig of(Config c) { return new SynthConfig(c); }

  /** The defaults of the standard preset ({@link SynthKeys#STANDARD}). */
  public static SynthConfig standard() { return of(Config.defaults(STANDARD)); }

  /** The defaults of the quickstart preset ({@link SynthKeys#QUICKSTART}). */
  public static SynthConfig quickstart() { return of(Config.defaults(QUICKSTART)); }

  /** The defaults of a preset by name ({@link SynthKeys#preset}). */
  public static SynthConfig preset(String name) { return of(Config.defaults(SynthKeys.preset(name))); }

  /**
   * A copy with some settings replaced ({@code key → value} as {@code --set key=value} gives them);
   * an unknown key or a bad value fails naming the key, the value and what was expected.
   */
  public SynthConfig with(Map<String, ?> overrides) {
    Config c = config;
    for (Map.Entry<String, ?> e : overrides.entrySet()) c = c.with(e.getKey(), e.getValue(), "--set " + e.getKey() + "=" + e.getValue());
    return of(c);
  }

  /** A copy with one setting replaced. */
  public SynthConfig with(String key, Object value) { return with(Map.of(key, value)); }

  /** The underlying configuration (values with their origins). */
  public Config config() { return config; }

  /** All settings by key, in key order (numbers boxed, category level a string). */
  public Map<String, Object> toMap() { return config.asMap(); }

  /**
   * The settings a generated dataset records ({@code synth.json}, the manifest's protocol): {@link #toMap()}
   * without the time-dynamics keys ({@code interest_drift}, {@code item_birth_share}) when they are off, so
   * data generated without them stays byte-identical to data of earlier versions.
   */
  public Map<String, Object> recordedSettings() {
    Map<String, Object> m = new LinkedHashMap<>(config.asMap());
    if (interestDrift == 0) m.remove(INTEREST_DRIFT.name());
    if (itemBirthShare == 0) m.remove(ITEM_BIRTH_SHARE.name());
    return m;
  }

  /** Number of leaf topics. */
  public int numLeaves() { return topTopics * subTopics * leafTopics; }

  /** The click model these settings define. */
  public ClickModel clickModel() {
    return new ClickModel(clickBias, clickLong, clickShort, clickPop, parentCredit, topCredit);
  }

  public int users() { return users; }

  public int items() { return items; }

  public long seed() { return seed; }

  public int topTopics() { return topTopics; }

  public int subTopics() { return subTopics; }

  public int leafTopics() { return leafTopics; }

  public String categoryLevel() { return categoryLevel; }

  public double itemZipf() { return itemZipf; }

  public double topicZipf() { return topicZipf; }

  public int minLen() { return minLen; }

  public int maxLen() { return maxLen; }

  public double lenMedian() { return lenMedian; }

  public double lenSigma() { return lenSigma; }

  public int longInterestsMin() { return longInterestsMin; }

  public int longInterestsMax() { return longInterestsMax; }

  public double pShort() { return pShort; }

  public double pLong() { return pLong; }

  public double driftRate() { return driftRate; }

  /** Expected replacements per day of each long-term interest (0 = none). */
  public double interestDrift() { return interestDrift; }

  /** Share of items born after the start (0 = every item exists from the start). */
  public double itemBirthShare() { return itemBirthShare; }

  public double driftToLong() { return driftToLong; }

  public double meanGapSeconds() { return meanGapSeconds; }

  public double sessionGapSeconds() { return sessionGapSeconds; }

  public long startTime() { return startTime; }

  public int samplesPerUser() { return samplesPerUser; }

  public double sampleStart() { return sampleStart; }

  public double targetLong() { return targetLong; }

  public double targetShort() { return targetShort; }

  public double targetPopular() { return targetPopular; }

  public double clickBias() { return clickBias; }

  public double clickLong() { return clickLong; }

  public double clickShort() { return clickShort; }

  public double clickPop() { return clickPop; }

  public double parentCredit() { return parentCredit; }

  public double topCredit() { return topCredit; }

  public double validFraction() { return validFraction; }

  public double testFraction() { return testFraction; }

  private void validate() {
    long leaves = (long) topTopics * subTopics * leafTopics;
    if (items < leaves) throw config.invalid(ITEMS, "at least one item per leaf topic: >= top_topics*sub_topics*leaf_topics = " + leaves);
    if (maxLen < minLen) throw config.invalid(MAX_LEN, ">= min_len (" + minLen + ")");
    if (longInterestsMax < longInterestsMin) throw config.invalid(LONG_INTERESTS_MAX, ">= long_interests_min (" + longInterestsMin + ")");
    if (longInterestsMax > leaves) throw config.invalid(LONG_INTERESTS_MAX, "at most the number of leaf topics (" + leaves + ")");
    sumAtMostOne(P_SHORT, P_LONG);
    sumAtMostOne(TARGET_LONG, TARGET_SHORT, TARGET_POPULAR);
    sumAtMostOne(VALID_FRACTION, TEST_FRACTION);
  }

  @SafeVarargs
  private void sumAtMostOne(ConfigKey<Double>... keys) {
    double sum = 0;
    StringBuilder terms = new StringBuilder();
    for (ConfigKey<Double> k : keys) {
      sum += config.get(k);
      terms.append(terms.length() == 0 ? "" : " + ").append(k.name()).append('=').append(config.get(k))
          .append(" (").append(config.origin(k.name())).append(')');
    }
    if (sum > 1 + 1e-9) throw new IllegalArgumentException("synth settings " + terms + " sum to " + sum + "; expected at most 1");
  }

  @Override
  public boolean equals(Object o) { return o instanceof SynthConfig s && s.toMap().equals(toMap()); }

  @Override
  public int hashCode() { return toMap().hashCode(); }

  @Override
  public String toString() { return "SynthConfig" + toMap(); }
}
