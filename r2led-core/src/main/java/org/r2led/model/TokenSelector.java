package org.r2led.model;

/**
 * A model's retrieval rule: which history positions go into which token group, for one target.
 * Integer work on plain arrays, no gradient; runs on the batch-preparation thread (and, when
 * serving, on request threads), so implementations must be thread-safe (keep scratch buffers in
 * thread-locals) and may read only model state that changes in {@link CtrModel#afterUpdate}.
 */
public interface TokenSelector {
  /**
   * Shape of the selection.
   *
   * @param groups token groups G (0 for a model without history tokens)
   * @param capacity maximum tokens per group K
   * @param window most recent history events the selector reads
   * @param features dense per-sample features F
   */
  record Layout(int groups, int capacity, int window, int features) {
    public Layout {
      if (groups < 0 || capacity < 0 || window < 0 || features < 0) {
        throw new IllegalArgumentException("negative layout " + groups + "/" + capacity + "/" + window + "/" + features);
      }
    }
  }

  Layout layout();

  /**
   * Called before the {@link #select} calls of a new history: the next {@code targets} (≥ 1) calls on
   * this thread pass the same {@code h} and target time, so history-side work (e.g. gathering the
   * behaviors' retrieval keys, match counts per key) can be done here once. Does nothing by default.
   */
  default void startHistory(History h, int targets) {}

  /**
   * Picks the tokens of one sample into {@code out} (cleared before the call).
   *
   * @param h the most recent {@code min(window, available)} events before the target, oldest first
   */
  void select(History h, int targetItem, int targetCategory, long targetTs, TokenGroups out);

  /** The last {@code window} events as one group (DIN, and the short-term part of other models). */
  static TokenSelector recent(int window) {
    Layout l = new Layout(1, window, window, 0);
    return new TokenSelector() {
      @Override
      public Layout layout() { return l; }

      @Override
      public void select(History h, int targetItem, int targetCategory, long targetTs, TokenGroups out) {
        out.addRange(0, Math.max(0, h.length() - window), h.length());
      }
    };
  }
}
