package org.r2led.spark.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.r2led.data.DatasetLayout;
import org.r2led.data.Manifest;
import org.r2led.data.PreparedDataset;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareRequest;
import org.r2led.data.protocol.PrepareResult;
import org.r2led.data.protocol.PrepareSetup;
import org.r2led.data.protocol.ShardedPrepare;
import org.r2led.data.source.BadRows;
import org.r2led.data.source.EventsFile;
import org.r2led.data.source.SourceData;
import org.r2led.data.source.SourceReading;
import org.r2led.data.stats.DatasetStats;
import org.r2led.io.FileTrees;
import org.r2led.io.StagedDir;

/**
 * {@code spark prepare}: the distributed {@code data prepare}. Same request, same output.
 *
 * <ol>
 *   <li>parse the events file on executors with the local row parser ({@link EventParsing}); bad rows
 *       are counted there and reported by the driver as the local reader does (strict: the first,
 *       by line; skip: count, first examples, share per file);
 *       Parquet events ({@code --source csv} with a {@code .parquet} input) are read with
 *       {@code spark.read().parquet} and parsed by the generic row parser instead ({@link ParquetEvents});
 *   <li>aggregate what the driver needs: distinct items (in order of first occurrence), categories,
 *       behaviors, (item, category) pair counts, time range, whether all user ids are integers;
 *   <li>resolve item table and protocol on the driver ({@link ShardedPrepare}, the local code);
 *   <li>click protocol: item popularity after duplicate removal (one aggregation);
 *   <li>range-partition and sort the events by user (natural id order), count users per partition,
 *       write each partition as a shard ({@link ShardPass}) and concatenate the shards into the
 *       staged output ({@link ShardMerge}); item table, manifest and stats as locally; commit.
 * </ol>
 */
public final class SparkPrepare {
  private SparkPrepare() {}

  private static final StructType EVENTS = new StructType()
      .add("ulong", DataTypes.LongType, false)
      .add("ukey", DataTypes.BinaryType, false)
      .add("user", DataTypes.StringType, false)
      .add("item", DataTypes.IntegerType, false)
      .add("category", DataTypes.IntegerType, false)
      .add("behavior", DataTypes.IntegerType, false)
      .add("ts", DataTypes.LongType, false)
      .add("rating", DataTypes.DoubleType, false)
      .add("label", DataTypes.IntegerType, false);

  /** An integer id as {@link org.r2led.data.source.IdDictionary} orders them (at most 18 characters). */
  private static final String INTEGER_ID = "^(-[0-9]{1,17}|[0-9]{1,18})$";

  /**
   * Prepares (or reuses) the dataset.
   *
   * @param partitions partitions of the parse and user passes (e.g. 4 × the executor cores)
   */
  public static PrepareResult run(SparkSession spark, PrepareRequest req, int partitions, PrintStream log) {
    long t0 = System.nanoTime();
    ParquetEvents.Input parquet = ParquetEvents.applies(req) ? ParquetEvents.open(spark, req) : null;
    PrepareSetup setup = parquet != null ? parquet.setup() : PrepareSetup.of(req);
    try (StagedDir out = StagedDir.open(req.out(), DatasetLayout.KIND)) {
      PrepareResult cached = DatasetPreparer.reuse(out, req, setup.cacheKey(), log, t0);
      if (cached != null) return cached;
      if (log != null) {
        log.printf(Locale.ROOT, "preparing %s (%s protocol) from %s on Spark %s (%s, %d partitions)%n", req.format(),
            setup.params().protocol(), req.input(), spark.version(), spark.sparkContext().master(), partitions);
      }
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      BadRows bad = setup.badRows();
      SourceReading reading = parquet != null ? parquet.openReading(bad, log) : setup.openReading(bad, log);
      EventsFile file = reading.eventsFile();
      file.checkHeader();
      Broadcast<EventsFile> fileBc = jsc.broadcast(file);

      Dataset<Row> parsed = (parquet != null ? ParquetEvents.parse(spark, req.input(), parquet.columns(), fileBc)
          : EventParsing.parse(spark, fileBc, partitions)).persist(StorageLevel.MEMORY_AND_DISK());
      // One pass for the row counts, the time range, the behaviors and whether every user id is an integer.
      Column isBad = col("problem").isNotNull();
      Column validTs = when(isBad, lit(null)).otherwise(col("ts"));
      Row totals = parsed.agg(count(lit(1)), sum(when(isBad, 1L).otherwise(0L)), min(validTs), max(validTs),
          sum(when(not(isBad).and(not(col("user").rlike(INTEGER_ID))), 1L).otherwise(0L)),
          collect_set(when(isBad, lit(null)).otherwise(col("behavior")))).first();
      long rows = totals.getLong(0);
      long nBad = rows == 0 ? 0 : totals.getLong(1);
      if (nBad > 0) {
        List<Row> first = parsed.filter(isBad).orderBy("line").limit(BadRows.MAX_EXAMPLES).collectAsList();
        bad.reportAll(EventParsing.badRows(file.name(), first), nBad);
      }
      bad.checkShare(file.name(), rows, nBad);
      long events = rows - nBad;
      if (events == 0) throw DatasetPreparer.noEvents(req, bad);
      Dataset<Row> valid = parsed.filter(col("problem").isNull()).drop("problem", "text", "file", "frow");
      log(log, t0, "parsed %,d rows of %s (%,d bad)", rows, file.name(), nBad);

      // Items in order of first occurrence (as the local reader interns them), (item, category) pairs.
      List<Row> eventItems = valid.groupBy("item").agg(min("line").as("first")).orderBy("first").collectAsList();
      for (Row r : eventItems) reading.items().intern(r.getString(0));
      long itemsWithEvents = eventItems.size();
      List<Row> pairs = valid.filter(col("category").isNotNull()).groupBy("item", "category").count().collectAsList();
      pairs.stream().map(r -> r.getString(1)).sorted().forEach(reading.categories()::intern);
      List<String> behaviors = new ArrayList<>(totals.getList(5));
      behaviors.sort(null);
      behaviors.forEach(reading.behaviors()::intern);
      Row range = RowFactory.create(totals.getLong(2), totals.getLong(3));
      boolean integerUsers = totals.getLong(4) == 0;
      SourceData source = reading.finish(bad, log);
      long[][] pairCounts = pairCounts(source, pairs);
      ShardedPrepare plan = ShardedPrepare.plan(source, setup.params(), pairCounts[0], pairCounts[1], range.getLong(0), range.getLong(1));
      log(log, t0, "catalog: %,d items (%,d with events), %,d categories, %,d behaviors",
          source.items().size(), itemsWithEvents, plan.table().categoryDense().length, source.behaviors().size());

      Broadcast<DenseIds> ids = jsc.broadcast(new DenseIds(reading, plan));
      Dataset<Row> dense = valid.mapPartitions((MapPartitionsFunction<Row, Row>) it -> toDense(it, ids.value(), integerUsers),
          Encoders.row(EVENTS));
      long[] weights = null;
      if (plan.spec().needsItemWeights()) weights = itemWeights(dense, plan.dropDuplicates(), plan.table().size());

      Dataset<Row> sorted = dense.repartitionByRange(partitions, col("ulong"), col("ukey"))
          .sortWithinPartitions("ulong", "ukey").persist(StorageLevel.MEMORY_AND_DISK());
      JavaRDD<Row> byUser = sorted.javaRDD();
      long[] perPartition = ShardPass.usersPerPartition(byUser);
      parsed.unpersist();
      long[] userBase = new long[perPartition.length];
      for (int i = 1; i < perPartition.length; i++) userBase[i] = userBase[i - 1] + perPartition[i - 1];
      long users = perPartition.length == 0 ? 0 : userBase[perPartition.length - 1] + perPartition[perPartition.length - 1];
      if (users > Integer.MAX_VALUE) throw new IllegalArgumentException(users + " users: dense user ids are ints (at most 2^31-1)");
      log(log, t0, "%,d users in %d partitions (largest partition %,d users)", users, perPartition.length,
          java.util.Arrays.stream(perPartition).max().orElse(0));

      Path stage = out.stage();
      Path shards = stage.resolve(".shards");
      ShardPass.Context ctx = new ShardPass.Context(shards.toAbsolutePath().toString(), plan.spec(), weights,
          plan.table().primary(), plan.dropDuplicates(), userBase);
      ShardPass.write(byUser, jsc.broadcast(ctx));
      sorted.unpersist();
      List<Path> shardDirs = new ArrayList<>();
      for (int i = 0; i < perPartition.length; i++) shardDirs.add(shards.resolve(ShardPass.shardName(i)));
      Map<String, Long> sums = ShardMerge.merge(shardDirs, stage);
      FileTrees.delete(shards);
      log(log, t0, "wrote %,d shards into %s", shardDirs.size(), req.out());

      Manifest m = plan.finish(stage, setup, bad, itemsWithEvents, weights, sums);
      DatasetStats.compute(PreparedDataset.open(stage)).write(stage);
      out.commit();
      double sec = (System.nanoTime() - t0) / 1e9;
      DatasetPreparer.logPrepared(log, req, m, sec, bad);
      if (log != null) log.printf(Locale.ROOT, "rate: %,.0f events/s%n", events / sec);
      return new PrepareResult(req.out(), m, false, sec, bad.count(), bad.examples());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The pair counts in the item table's key order, for items without declared categories. */
  private static long[][] pairCounts(SourceData source, List<Row> pairs) {
    List<long[]> kv = new ArrayList<>();
    for (Row r : pairs) {
      int item = source.items().find(r.getString(0));
      if (source.itemCategories() != null && source.itemCategories().get(item) != null) continue;
      int cat = source.categories().find(r.getString(1));
      kv.add(new long[] {((long) item << 32) | cat, r.getLong(2)});
    }
    kv.sort(Comparator.comparingLong(a -> a[0]));
    long[][] out = new long[2][kv.size()];
    for (int i = 0; i < kv.size(); i++) {
      out[0][i] = kv.get(i)[0];
      out[1][i] = kv.get(i)[1];
    }
    return out;
  }

  private static Iterator<Row> toDense(Iterator<Row> it, DenseIds ids, boolean integerUsers) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() { return it.hasNext(); }

      @Override
      public Row next() {
        Row r = it.next();
        String user = r.getString(1);
        int item = ids.item(r.getString(2));
        return RowFactory.create(integerUsers ? Long.parseLong(user) : 0L, user.getBytes(StandardCharsets.UTF_16BE), user,
            item, ids.category(r.getString(3), item), ids.behavior(r.getString(4)), r.getLong(5), r.getDouble(6), r.getInt(7));
      }
    };
  }

  /** Events per dense item, duplicates counted once when they are dropped (the local protocol's weights). */
  private static long[] itemWeights(Dataset<Row> dense, boolean drop, int items) {
    Dataset<Row> tuples = dense.groupBy("user", "item", "category", "behavior", "ts", "rating", "label").count();
    Dataset<Row> perItem = tuples.groupBy("item").agg(drop ? count(lit(1)).as("w") : sum("count").as("w"));
    long[] w = new long[items + 1];
    for (Row r : perItem.collectAsList()) w[r.getInt(0)] = r.getLong(1);
    return w;
  }

  private static void log(PrintStream log, long t0, String format, Object... args) {
    if (log == null) return;
    log.printf(Locale.ROOT, "  [%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, String.format(Locale.ROOT, format, args));
  }
}
