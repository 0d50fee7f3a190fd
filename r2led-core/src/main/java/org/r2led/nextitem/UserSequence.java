package org.r2led.nextitem;

import java.util.Arrays;

/**
 * One user's positive interactions in time order under the next-item protocol ({@link NextItemProtocol}).
 * Position {@code length-1} is the test target and {@code length-2} the validation target when the user
 * has at least {@link NextItemProtocol#MIN_POSITIVES} positives; the positions before are training targets.
 *
 * @param user dense user id of the prepared dataset (0-based)
 * @param items dense item ids (1-based), oldest first
 * @param categories primary category of each event (1-based), same length as {@code items}
 * @param timestamps event times, Unix seconds, same length as {@code items}
 */
public record UserSequence(int user, int[] items, int[] categories, long[] timestamps) {
  public UserSequence {
    if (items.length != categories.length || items.length != timestamps.length) {
      throw new IllegalArgumentException("user " + user + ": items (" + items.length + "), categories ("
          + categories.length + ") and timestamps (" + timestamps.length + ") must have the same length");
    }
  }

  /** Number of positives. */
  public int length() { return items.length; }

  /** Whether the user has a validation and a test target (at least {@link NextItemProtocol#MIN_POSITIVES}). */
  public boolean hasHeldOut() { return items.length >= NextItemProtocol.MIN_POSITIVES; }

  /** Number of leading positions that belong to training (all of them for users without held-out targets). */
  public int trainLength() { return hasHeldOut() ? items.length - 2 : items.length; }

  /** Item at position {@code p}. */
  public int item(int p) { return items[p]; }

  /** Category at position {@code p}. */
  public int category(int p) { return categories[p]; }

  /** Copy of the items at positions {@code [max(0, end-maxLen), end)}, oldest first. */
  public int[] itemsBefore(int end, int maxLen) {
    return Arrays.copyOfRange(items, Math.max(0, end - maxLen), end);
  }

  /** Copy of the categories at positions {@code [max(0, end-maxLen), end)}, oldest first. */
  public int[] categoriesBefore(int end, int maxLen) {
    return Arrays.copyOfRange(categories, Math.max(0, end - maxLen), end);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserSequence s && s.user == user && Arrays.equals(s.items, items)
        && Arrays.equals(s.categories, categories) && Arrays.equals(s.timestamps, timestamps);
  }

  @Override
  public int hashCode() { return 31 * user + Arrays.hashCode(items); }

  @Override
  public String toString() { return "UserSequence[user=" + user + ", length=" + items.length + "]"; }
}
