package org.r2led.data.protocol;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.source.EventBuffer;

/**
 * Writes a shard of users — consecutive dense ids, in order — as a partial prepared layout: the same
 * event ordering, duplicate rule and protocol as {@link DatasetPreparer}, one user at a time (memory
 * grows with the longest user, not the shard). Sample user ids in the shard are shard-local (0-based):
 * a merger adds the shard's first dense user (the Spark job's {@code ShardMerge}). The shard's
 * {@code manifest.json} carries the layout counts and this shard's {@link #COUNTS_KEYS counts}.
 */
public final class ShardWriter implements AutoCloseable {
  /** Shard counts recorded in the shard manifest, besides the layout counts and the protocol's own. */
  public static final List<String> COUNTS_KEYS = List.of("duplicate_events", "users_without_samples");

  private final PreparedDatasetWriter writer;
  private final SampleProtocol protocol;
  private final int[] itemPrimary;
  private final boolean dropDuplicates;
  private long duplicates;
  private long usersWithoutSamples;
  private int lastUser = Integer.MIN_VALUE;

  /**
   * @param dir the shard directory (created)
   * @param itemWeights events per dense item after duplicate removal (click protocol), may be null otherwise
   * @param itemPrimary primary dense category per dense item
   */
  public ShardWriter(Path dir, ProtocolSpec spec, long[] itemWeights, int[] itemPrimary, boolean dropDuplicates) {
    this.writer = new PreparedDatasetWriter(dir, false);
    this.protocol = spec.create(itemWeights, itemPrimary);
    this.itemPrimary = itemPrimary;
    this.dropDuplicates = dropDuplicates;
  }

  /**
   * Adds one user.
   *
   * @param denseUser the user's dense id (increasing within the shard)
   * @param events the user's events in any order: user ignored, item = dense item, category = dense
   *     category or -1 (the item's primary), behavior = behavior code
   */
  public void addUser(int denseUser, String rawUser, EventBuffer events) {
    if (denseUser <= lastUser) throw new IllegalArgumentException("users must come in increasing dense id order: " + denseUser + " after " + lastUser);
    lastUser = denseUser;
    SortedEvents se = SortedEvents.build(events, denseUser, 1, e -> 0, events::item, events::behavior, e -> {
      int c = events.category(e);
      return c >= 0 ? c : itemPrimary[events.item(e)];
    }, dropDuplicates);
    duplicates += se.duplicates;
    if (writeUser(se, 0, rawUser, protocol, writer, null) == 0) usersWithoutSamples++;
  }

  /** Writes user {@code u} of {@code se}: its sequence, then its samples; returns the number of samples. */
  static int writeUser(SortedEvents se, int u, String rawUser, SampleProtocol protocol, PreparedDatasetWriter w,
      boolean[] itemSeen) {
    w.beginUser(rawUser);
    for (int e = se.start[u]; e < se.start[u + 1]; e++) {
      w.addEvent(se.item[e], se.category[e], se.behavior[e], se.ts[e]);
      if (itemSeen != null) itemSeen[se.item[e]] = true;
    }
    return protocol.emit(se, u, w);
  }

  /** Closes the columns and writes the shard manifest. */
  @Override
  public void close() {
    Map<String, Long> counts = new TreeMap<>(protocol.counts());
    counts.put("duplicate_events", duplicates);
    counts.put("users_without_samples", usersWithoutSamples);
    counts.put("items", 0L);
    counts.put("categories", 0L);
    writer.finish("shard", List.of(), Map.of(), counts, List.of(), Map.of());
  }
}
