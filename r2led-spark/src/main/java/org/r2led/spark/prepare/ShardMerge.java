package org.r2led.spark.prepare;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.data.DatasetLayout;
import org.r2led.data.Manifest;
import org.r2led.data.Split;
import org.r2led.io.Columns;

/**
 * Concatenates shards (partial layouts of consecutive users, {@link org.r2led.data.protocol.ShardWriter})
 * into one prepared layout: per-event and per-sample columns are appended in shard order, sequence
 * offsets shifted by the events before the shard and sample user ids by its first dense user.
 * Sequential I/O on the driver (the output is one set of files); returns the shards' manifest counts summed.
 */
final class ShardMerge {
  private ShardMerge() {}

  private static final List<String> SEQ_COLUMNS = List.of(DatasetLayout.SEQ_ITEM, DatasetLayout.SEQ_CATEGORY,
      DatasetLayout.SEQ_BEHAVIOR, DatasetLayout.SEQ_TS, DatasetLayout.USER_RAW_IDS);
  private static final List<String> SAMPLE_COLUMNS = List.of(DatasetLayout.SAMPLE_POS, DatasetLayout.SAMPLE_ITEM,
      DatasetLayout.SAMPLE_CATEGORY, DatasetLayout.SAMPLE_LABEL, DatasetLayout.SAMPLE_TS);

  static Map<String, Long> merge(List<Path> shards, Path out) {
    Map<String, Long> sums = new TreeMap<>();
    try {
      for (String c : SEQ_COLUMNS) concat(shards, c, out.resolve(c));
      for (Split s : Split.values()) {
        Path dir = DatasetLayout.samplesDir(out, s);
        for (String c : SAMPLE_COLUMNS) {
          concat(shards.stream().map(p -> DatasetLayout.samplesDir(p, s)).toList(), c, dir.resolve(c));
        }
      }
      long events = 0;
      long users = 0;
      Columns.Writer[] sampleUsers = sampleUserWriters(out);
      try (Columns.Writer offsets = new Columns.Writer(out.resolve(DatasetLayout.SEQ_OFFSETS))) {
        offsets.putLong(0);
        for (Path shard : shards) {
          LongBuffer off = Columns.mapLongs(shard.resolve(DatasetLayout.SEQ_OFFSETS));
          for (int i = 1; i < off.limit(); i++) offsets.putLong(events + off.get(i));
          for (Split s : Split.values()) {
            IntBuffer u = Columns.mapInts(DatasetLayout.samplesDir(shard, s).resolve(DatasetLayout.SAMPLE_USER));
            Columns.Writer w = sampleUsers[s.ordinal()];
            for (int i = 0; i < u.limit(); i++) w.putInt(Math.toIntExact(users + u.get(i)));
          }
          Manifest m = Manifest.read(shard);
          m.counts().forEach((k, v) -> sums.merge(k, v, Long::sum));
          events += m.count("events");
          users += m.count("users");
        }
      } finally {
        for (Columns.Writer w : sampleUsers) w.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge shards into " + out, e);
    }
    return sums;
  }

  private static Columns.Writer[] sampleUserWriters(Path out) {
    Columns.Writer[] w = new Columns.Writer[Split.values().length];
    for (Split s : Split.values()) w[s.ordinal()] = new Columns.Writer(DatasetLayout.samplesDir(out, s).resolve(DatasetLayout.SAMPLE_USER));
    return w;
  }

  private static void concat(List<Path> dirs, String rel, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (OutputStream o = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (Path d : dirs) Files.copy(d.resolve(rel), o);
    }
  }
}
