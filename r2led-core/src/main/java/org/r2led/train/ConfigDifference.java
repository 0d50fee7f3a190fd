package org.r2led.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.r2led.config.Config;
import org.r2led.config.ConfigKey;

/**
 * A configuration key whose recorded value differs from the one in use.
 *
 * @param recorded the value as recorded (converted to the key's type when it converts)
 * @param current the value of the configuration compared against
 */
public record ConfigDifference(String key, Object recorded, Object current) {
  /**
   * The keys of {@code current} selected by {@code keys} whose value differs from the raw value in
   * {@code recorded} (as YAML or JSON gives it, converted with the key's type); keys the record
   * lacks (added since) are skipped.
   */
  public static List<ConfigDifference> between(Map<?, ?> recorded, Config current, String origin, Predicate<String> keys) {
    List<ConfigDifference> diffs = new ArrayList<>();
    for (ConfigKey<?> k : current.schema().all()) {
      if (!keys.test(k.name()) || !recorded.containsKey(k.name())) continue;
      Object want = current.asMap().get(k.name());
      Object have;
      try {
        have = k.convert(recorded.get(k.name()), origin);
      } catch (IllegalArgumentException e) {
        have = recorded.get(k.name());
      }
      if (!Objects.equals(have, want)) diffs.add(new ConfigDifference(k.name(), have, want));
    }
    return diffs;
  }

  @Override
  public String toString() { return key + ": " + recorded + " → " + current; }
}
