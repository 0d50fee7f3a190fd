package org.r2led.model;

import org.r2led.config.Config;

/**
 * The selector shape shared by the retrieve-then-refine baselines: {@code longGroups} groups of up
 * to {@code topk} retrieved behaviors from the history capped at {@code max_seq_len}, then (with
 * {@code use_short_din}) one group of the last {@code short_seq_len} behaviors. A model supplies
 * only its retrieval rule ({@link Rule}).
 */
public final class LongShortSelector implements TokenSelector {
  /**
   * A model's long-term retrieval rule: fills groups {@code 0..longGroups-1} (and any features) for
   * one target. Runs on batch-preparation and request threads: thread-safe (scratch in thread-locals).
   */
  @FunctionalInterface
  public interface Rule {
    void selectLong(History h, int targetItem, int targetCategory, long targetTs, TokenGroups out);
  }

  private final Layout layout;
  private final int longGroups;
  private final int shortLen;
  private final Rule rule;

  /** Reads {@link ModelKeys#RETRIEVAL}. */
  public LongShortSelector(Config c, int longGroups, int features, Rule rule) {
    int topk = c.get(ModelKeys.TOPK);
    this.longGroups = longGroups;
    this.shortLen = c.get(ModelKeys.USE_SHORT_DIN) ? c.get(ModelKeys.SHORT_SEQ_LEN) : 0;
    int groups = longGroups + (shortLen > 0 ? 1 : 0);
    this.layout = new Layout(groups, Math.max(topk, shortLen), c.get(ModelKeys.MAX_SEQ_LEN), features);
    this.rule = rule;
  }

  @Override
  public Layout layout() { return layout; }

  /** Index of the short-term group, or -1 without it. */
  public int shortGroup() { return shortLen > 0 ? longGroups : -1; }

  @Override
  public void select(History h, int targetItem, int targetCategory, long targetTs, TokenGroups out) {
    rule.selectLong(h, targetItem, targetCategory, targetTs, out);
    if (shortLen > 0) out.addRange(longGroups, Math.max(0, h.length() - shortLen), h.length());
  }
}
