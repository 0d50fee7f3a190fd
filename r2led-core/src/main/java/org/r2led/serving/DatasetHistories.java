package org.r2led.serving;

import java.util.ArrayList;
import java.util.List;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;

/**
 * Users' histories of a prepared dataset as scoring inputs, in the source's raw ids and names (as a
 * service would hold them): to replay a split's samples through {@link ScoringModel} (they score as
 * {@code evaluate} does) or to rank for a known user. Reads the memory-mapped columns; thread-safe.
 */
public final class DatasetHistories {
  private final PreparedDataset dataset;
  private final List<String> itemRaw;
  private final List<String> categoryRaw;
  private final List<String> behaviors;

  public DatasetHistories(PreparedDataset dataset) {
    this.dataset = dataset;
    this.itemRaw = dataset.itemRawIds();
    this.categoryRaw = dataset.categoryRawIds();
    this.behaviors = dataset.manifest().behaviors();
  }

  /** The stored events {@code [0, eventEnd)} of dense user {@code user}, oldest first; an unknown behavior code is null. */
  public UserHistory history(int user, int eventEnd) {
    long start = dataset.seqStart(user);
    String[] it = new String[eventEnd];
    long[] ts = new long[eventEnd];
    String[] beh = new String[eventEnd];
    String[] cat = new String[eventEnd];
    for (int e = 0; e < eventEnd; e++) {
      it[e] = itemRaw.get(dataset.eventItem(start + e));
      ts[e] = dataset.eventTs(start + e);
      int b = dataset.eventBehavior(start + e);
      beh[e] = b >= 1 && b <= behaviors.size() ? behaviors.get(b - 1) : null;
      cat[e] = categoryRaw.get(dataset.eventCategory(start + e));
    }
    return new UserHistory(it, ts, beh, cat);
  }

  /**
   * The request that scores sample {@code i} of {@code split}: the user's events before it, the
   * sample's target first among the candidates (then {@code extra}), at the sample's time; its first
   * probability is the one {@code evaluate} computes for the sample.
   */
  public ScoringModel.Request sample(SampleSplit split, int i, List<String> extra) {
    List<String> candidates = new ArrayList<>(1 + extra.size());
    candidates.add(itemRaw.get(split.item(i)));
    candidates.addAll(extra);
    return new ScoringModel.Request(history(split.user(i), split.pos(i)), candidates, null, split.ts(i));
  }
}
