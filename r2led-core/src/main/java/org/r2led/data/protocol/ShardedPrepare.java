package org.r2led.data.protocol;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.data.Manifest;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.source.BadRows;
import org.r2led.data.source.SourceData;

/**
 * The driver half of a distributed preparation (e.g. the Spark job), built from the same pieces as
 * {@link DatasetPreparer}: the events are parsed, counted and grouped by user elsewhere; here the
 * item table and the protocol are resolved from their aggregates ({@link #plan}), shards are written
 * with {@link ShardWriter}, and {@link #finish} writes the item table and the manifest of the merged
 * layout — so the output equals that of {@code data prepare} for the same input.
 */
public final class ShardedPrepare {
  private final SourceData source;
  private final int[] itemDense;
  private final ItemTable table;
  private final ProtocolSpec spec;
  private final boolean dropDuplicates;

  private ShardedPrepare(SourceData source, int[] itemDense, ItemTable table, ProtocolSpec spec, boolean dropDuplicates) {
    this.source = source;
    this.itemDense = itemDense;
    this.table = table;
    this.spec = spec;
    this.dropDuplicates = dropDuplicates;
  }

  /**
   * Resolves the tables and the protocol.
   *
   * @param source the source's non-event data ({@link org.r2led.data.source.SourceReading#finish}
   *     after interning the events' distinct items, categories and behaviors)
   * @param pairKeys the events' (item, category) pairs, see {@link ItemTable#build(SourceData, int[], long[], long[])}
   * @param pairCounts events per pair
   * @param minTs earliest event time
   * @param maxTs latest event time
   */
  public static ShardedPrepare plan(SourceData source, ProtocolParams params, long[] pairKeys, long[] pairCounts,
      long minTs, long maxTs) {
    int[] itemDense = source.items().denseIds(1);
    ItemTable table = ItemTable.build(source, itemDense, pairKeys, pairCounts);
    ProtocolSpec spec = ProtocolSpec.resolve(params, source.labels(), source.behaviors(), minTs, maxTs);
    return new ShardedPrepare(source, itemDense, table, spec, params.string("duplicates").equals("drop"));
  }

  /** Provisional item id → dense item id. */
  public int[] itemDense() { return itemDense; }

  public ItemTable table() { return table; }

  public ProtocolSpec spec() { return spec; }

  public boolean dropDuplicates() { return dropDuplicates; }

  /** Provisional behavior id → behavior code. */
  public int[] behaviorCode() { return source.behaviorCode(); }

  /**
   * Writes the item table and the manifest into {@code dir}, which already holds the merged shards.
   *
   * @param itemsWithEvents distinct items of the events
   * @param itemWeights the weights the shards' protocols used (click protocol), else null
   * @param shardCounts the shards' manifest counts summed: layout counts, {@link ShardWriter#COUNTS_KEYS}
   *     and the protocol's counts
   */
  public Manifest finish(Path dir, PrepareSetup setup, BadRows bad, long itemsWithEvents, long[] itemWeights,
      Map<String, Long> shardCounts) {
    SampleProtocol protocol = spec.create(itemWeights, table.primary);
    Map<String, Long> own = new TreeMap<>(shardCounts);
    Map<String, Long> layout = new TreeMap<>();
    for (String k : PreparedDatasetWriter.layoutCountKeys()) layout.put(k, own.remove(k));
    ShardWriter.COUNTS_KEYS.forEach(own::remove);
    own.remove("items");
    own.remove("categories");
    protocol.addCounts(own);
    ManifestParts.Tally tally = new ManifestParts.Tally(itemsWithEvents, shardCounts.get("duplicate_events"),
        shardCounts.get("users_without_samples"));
    table.writeTo(dir);
    return PreparedDatasetWriter.writeManifest(dir, source.source(), setup.inputs(), spec.params().toMap(),
        ManifestParts.counts(source, table, tally, bad, protocol), layout, source.behaviors(),
        ManifestParts.notes(setup.cacheKey(), source, table, tally, dropDuplicates, bad, protocol));
  }
}
