package org.r2led.data.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;
import org.r2led.data.source.SourceData;

/**
 * The rating protocol (MovieLens; docs/data-formats.md, "Protocols"): every event of a user, in (timestamp, item) order, is
 * a sample whose history is all of the user's earlier events in that order ({@code pos} = the
 * event's index). Label = rating ≥ {@code rating.threshold}, or the label column.
 *
 * <p>Per-user time split of a user with n events: the last {@code floor(n · test_fraction)} events
 * are test, the {@code floor(n · valid_fraction)} before them are valid, the rest train (see
 * {@link #splitSizes}). A history may contain events with the same timestamp as the target (they
 * come first in the total order); never a later one.
 */
final class RatingProtocol implements SampleProtocol {
  private final SourceData.Labels labels;
  private final double threshold;
  private final double validFraction;
  private final double testFraction;

  RatingProtocol(ProtocolParams p, SourceData.Labels labels) {
    this.labels = labels;
    this.threshold = labels == SourceData.Labels.RATING ? p.dbl("rating.threshold") : Double.NaN;
    this.validFraction = p.dbl("split.valid_fraction");
    this.testFraction = p.dbl("split.test_fraction");
  }

  /**
   * Split sizes {train, valid, test} of a user with {@code n} events: test = floor(n·testFraction),
   * valid = floor(n·validFraction) (a 1e-9 tolerance absorbs binary rounding, so 30 × 0.1 is 3),
   * train = the rest. Users with fewer than 1/fraction events have no events in that split.
   */
  static int[] splitSizes(int n, double validFraction, double testFraction) {
    int test = (int) Math.floor(n * testFraction + 1e-9);
    int valid = (int) Math.floor(n * validFraction + 1e-9);
    return new int[] {n - valid - test, valid, test};
  }

  @Override
  public int emit(SortedEvents ev, int u, PreparedDatasetWriter w) {
    int s = ev.start[u];
    int n = ev.length(u);
    int[] sizes = splitSizes(n, validFraction, testFraction);
    for (int k = 0; k < n; k++) {
      int e = s + k;
      int label = labels == SourceData.Labels.LABEL ? ev.label[e] : ev.rating[e] >= threshold ? 1 : 0;
      Split split = k < sizes[0] ? Split.TRAIN : k < sizes[0] + sizes[1] ? Split.VALID : Split.TEST;
      w.addSample(split, k, ev.item[e], ev.category[e], label, ev.ts[e], Float.NaN);
    }
    return n;
  }

  @Override
  public Map<String, Long> counts() {
    return Map.of();
  }

  @Override
  public void addCounts(Map<String, Long> counts) {
    // no counts of its own
  }

  @Override
  public Map<String, Object> notes() {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("samples", "every event is a sample; history = the user's earlier events in (timestamp, item) order (pos = index)");
    n.put("labels", labels == SourceData.Labels.LABEL ? "label column" : "rating >= " + threshold);
    n.put("split", "per user: last floor(n*" + testFraction + ") events -> test, the floor(n*" + validFraction
        + ") before -> valid, rest -> train");
    return n;
  }
}
