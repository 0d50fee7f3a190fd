package org.r2led.nextitem;

/**
 * One next-item example: the target at {@code position} of a user's sequence, whose history is the
 * positions {@code [0, position)}. Holds a reference to the sequence; no copy of the history.
 *
 * @param sequence the user's positives
 * @param position index of the target in {@code sequence}, at least 1 (a non-empty history)
 */
public record NextItemExample(UserSequence sequence, int position) {
  public NextItemExample {
    if (position < 1 || position >= sequence.length()) {
      throw new IllegalArgumentException("position " + position + " of user " + sequence.user()
          + " is outside [1, " + sequence.length() + ")");
    }
  }

  public int user() { return sequence.user(); }

  /** Target item (dense, 1-based). */
  public int item() { return sequence.item(position); }

  /** Target item's category (dense, 1-based). */
  public int category() { return sequence.category(position); }

  /** Whether the target item already occurs in the history (a repeat, e.g. a Taobao re-view). */
  public boolean targetInHistory() {
    int target = item();
    for (int p = 0; p < position; p++) if (sequence.item(p) == target) return true;
    return false;
  }

  /** History length. */
  public int historyLength() { return position; }

  /** The last at most {@code maxLen} history items, oldest first (a copy). */
  public int[] historyItems(int maxLen) { return sequence.itemsBefore(position, maxLen); }

  /** The last at most {@code maxLen} history categories, oldest first (a copy). */
  public int[] historyCategories(int maxLen) { return sequence.categoriesBefore(position, maxLen); }
}
