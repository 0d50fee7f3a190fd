package org.r2led.data.protocol;

import java.io.Serializable;
import java.util.List;
import org.r2led.data.source.SourceData;

/**
 * The sample protocol of one preparation with every {@code auto} parameter resolved from the data
 * (click target behavior, day boundaries). Serializable, so every shard of a distributed preparation
 * builds the same protocol as {@link DatasetPreparer}.
 */
public final class ProtocolSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ProtocolParams params;
  private final SourceData.Labels labels;
  private final int targetCode;
  private final String targetName;

  private ProtocolSpec(ProtocolParams params, SourceData.Labels labels, int targetCode, String targetName) {
    this.params = params;
    this.labels = labels;
    this.targetCode = targetCode;
    this.targetName = targetName;
  }

  /**
   * Resolves the protocol of {@code params}.
   *
   * @param behaviors the behavior vocabulary in code order
   * @param minTs earliest event time (click protocol: window start when auto)
   * @param maxTs latest event time
   */
  public static ProtocolSpec resolve(ProtocolParams params, SourceData.Labels labels, List<String> behaviors, long minTs, long maxTs) {
    if (params.protocol().equals("rating")) return new ProtocolSpec(params, labels, -1, null);
    String target = targetBehavior(params, behaviors);
    ProtocolParams p = ClickProtocol.resolveWindow(params.resolve("click.target_behavior", target), minTs, maxTs);
    return new ProtocolSpec(p, labels, behaviors.indexOf(target) + 1, target);
  }

  /** The resolved parameters (recorded in the manifest). */
  public ProtocolParams params() { return params; }

  /** Whether the protocol draws negatives by item popularity (then {@link #create} needs the weights). */
  public boolean needsItemWeights() { return targetName != null; }

  /**
   * A fresh protocol instance (counts start at zero).
   *
   * @param itemWeights events per dense item after duplicate removal (click protocol), else ignored
   * @param itemPrimary primary dense category per dense item
   */
  SampleProtocol create(long[] itemWeights, int[] itemPrimary) {
    return targetName == null ? new RatingProtocol(params, labels)
        : new ClickProtocol(params, targetCode, targetName, itemWeights, itemPrimary);
  }

  private static String targetBehavior(ProtocolParams params, List<String> behaviors) {
    String target = params.string("click.target_behavior");
    if (target.equals(ProtocolParams.AUTO)) {
      if (behaviors.contains("pv")) return "pv";
      if (behaviors.size() == 1) return behaviors.get(0);
      throw new IllegalArgumentException("cannot choose the target behavior among " + behaviors
          + ": set it with --set click.target_behavior=NAME");
    }
    if (!behaviors.contains(target)) {
      throw new IllegalArgumentException("click.target_behavior '" + target + "' is not a behavior of this data; behaviors: " + behaviors);
    }
    return target;
  }
}
