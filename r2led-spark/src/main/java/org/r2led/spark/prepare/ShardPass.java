package org.r2led.spark.prepare;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.r2led.data.protocol.ProtocolSpec;
import org.r2led.data.protocol.ShardWriter;
import org.r2led.data.source.EventBuffer;

/**
 * The user pass on executors: each partition of events — range-partitioned and sorted by user, so a
 * user lies in one partition and partitions follow the users' dense order — is written as one shard
 * by {@link ShardWriter}, one user at a time (memory grows with the longest user, whatever the
 * partition size: a user with 10^6 events needs ~40 MB).
 */
final class ShardPass {
  private ShardPass() {}

  /** Column indexes of the sorted event rows. */
  static final int USER = 2, ITEM = 3, CATEGORY = 4, BEHAVIOR = 5, TS = 6, RATING = 7, LABEL = 8;

  /** What every shard needs (broadcast). */
  record Context(String shardsRoot, ProtocolSpec spec, long[] itemWeights, int[] itemPrimary, boolean dropDuplicates,
      long[] userBase) implements Serializable {}

  /** Distinct users per partition (rows sorted by user). */
  static long[] usersPerPartition(JavaRDD<Row> sorted) {
    List<long[]> counts = sorted.mapPartitionsWithIndex((i, it) -> {
      long n = 0;
      String last = null;
      while (it.hasNext()) {
        String u = it.next().getString(USER);
        if (!u.equals(last)) n++;
        last = u;
      }
      return Collections.singletonList(new long[] {i, n}).iterator();
    }, true).collect();
    long[] out = new long[counts.size()];
    for (long[] c : counts) out[(int) c[0]] = c[1];
    return out;
  }

  /** Writes every partition as shard {@code part-<i>} under the context's root. */
  static void write(JavaRDD<Row> sorted, Broadcast<Context> context) {
    sorted.mapPartitionsWithIndex((i, it) -> {
      Context c = context.value();
      writeShard(Path.of(c.shardsRoot()).resolve(shardName(i)), c, (int) c.userBase()[i], it);
      return Collections.singletonList(i).iterator();
    }, true).collect();
  }

  static String shardName(int i) {
    return String.format("part-%05d", i);
  }

  private static void writeShard(Path dir, Context c, int userBase, Iterator<Row> it) {
    try (ShardWriter w = new ShardWriter(dir, c.spec(), c.itemWeights(), c.itemPrimary(), c.dropDuplicates())) {
      int user = userBase;
      String current = null;
      EventBuffer buf = new EventBuffer();
      while (it.hasNext()) {
        Row r = it.next();
        String u = r.getString(USER);
        if (current != null && !u.equals(current)) {
          w.addUser(user++, current, buf);
          buf = new EventBuffer();
        }
        current = u;
        buf.add(0, r.getInt(ITEM), r.getInt(CATEGORY), r.getInt(BEHAVIOR), r.getLong(TS), r.getDouble(RATING), r.getInt(LABEL));
      }
      if (current != null) w.addUser(user, current, buf);
    }
  }
}
