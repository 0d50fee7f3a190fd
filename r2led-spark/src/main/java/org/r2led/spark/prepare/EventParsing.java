package org.r2led.spark.prepare;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.r2led.data.source.BadInputException;
import org.r2led.data.source.CsvReader;
import org.r2led.data.source.EventsFile;
import org.r2led.data.source.ParsedEvent;
import scala.Tuple2;

/**
 * Parses a source's events file on executors with the local reader's own row parser
 * ({@link EventsFile#parse}): the file is split into byte ranges on line boundaries, every line gets
 * its file line number (a global index), and each partition's lines are read back through
 * {@link CsvReader} as one stream, so fields, quoting within a line, decoding problems and error
 * messages ({@code file:line: problem}) are those of {@code data prepare}.
 *
 * <p>One row per data row of the file: valid rows carry the parsed event, malformed ones
 * {@code problem} and {@code text}. Limitation: a quoted field spanning lines across a partition
 * boundary is a bad row here (the events files of MovieLens and Taobao have no quoting).
 */
final class EventParsing {
  private EventParsing() {}

  /**
   * Columns of the parsed rows; {@code file} and {@code frow} name a bad row's file and row when the
   * input has several files (Parquet), else they are null and {@code line} is the file line.
   */
  static final StructType SCHEMA = new StructType()
      .add("line", DataTypes.LongType, false)
      .add("user", DataTypes.StringType, true)
      .add("item", DataTypes.StringType, true)
      .add("category", DataTypes.StringType, true)
      .add("behavior", DataTypes.StringType, true)
      .add("ts", DataTypes.LongType, false)
      .add("rating", DataTypes.DoubleType, false)
      .add("label", DataTypes.IntegerType, false)
      .add("problem", DataTypes.StringType, true)
      .add("text", DataTypes.StringType, true)
      .add("file", DataTypes.StringType, true)
      .add("frow", DataTypes.LongType, true);

  /** A line and its byte offset in the file. */
  record Line(long offset, byte[] bytes) implements Serializable {}

  /**
   * The parsed rows of the events file.
   *
   * @param partitions the number of byte ranges to aim for (at least 1 MB each)
   */
  static Dataset<Row> parse(SparkSession spark, Broadcast<EventsFile> file, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Path path = file.value().file();
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    long size;
    try {
      size = Files.size(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + path, e);
    }
    long split = Math.max(1L << 20, (size + partitions - 1) / Math.max(1, partitions));
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", split);
    conf.setLong("fs.local.block.size", split);
    JavaRDD<Line> lines = jsc.newAPIHadoopFile(path.toUri().toString(), TextInputFormat.class, LongWritable.class, Text.class, conf)
        .map(t -> new Line(t._1().get(), t._2().copyBytes()));
    JavaRDD<Row> rows = lines.zipWithIndex().mapPartitions(it -> parsePartition(file.value(), it));
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Iterator<Row> parsePartition(EventsFile file, Iterator<Tuple2<Line, Long>> it) {
    if (!it.hasNext()) return Collections.emptyIterator();
    Tuple2<Line, Long> first = it.next();
    Iterator<byte[]> bytes = new Iterator<>() {
      boolean firstTaken;

      @Override
      public boolean hasNext() { return !firstTaken || it.hasNext(); }

      @Override
      public byte[] next() {
        if (!firstTaken) {
          firstTaken = true;
          return first._1().bytes();
        }
        return it.next()._1().bytes();
      }
    };
    CsvReader reader = new CsvReader(new LineStream(bytes), file.name(), file.dialect(), first._2() + 1, first._1().offset());
    boolean header = file.hasHeader() && first._2() == 0;
    return new Iterator<>() {
      Row next = advance(header);

      private Row advance(boolean skipOne) {
        CsvReader.Row r = reader.next();
        if (skipOne && r != null) r = reader.next();
        if (r == null) {
          reader.close();
          return null;
        }
        try {
          ParsedEvent e = file.parse(r);
          return RowFactory.create(r.line(), e.user(), e.item(), e.category(), e.behavior(), e.ts(), e.rating(), e.label(),
              null, null, null, null);
        } catch (BadInputException b) {
          return RowFactory.create(r.line(), null, null, null, null, 0L, Double.NaN, -1, b.problem(), b.text(), null, null);
        }
      }

      @Override
      public boolean hasNext() { return next != null; }

      @Override
      public Row next() {
        if (next == null) throw new NoSuchElementException();
        Row r = next;
        next = advance(false);
        return r;
      }
    };
  }

  /** Rebuilds the bad-row errors of collected rows (file order). */
  static List<BadInputException> badRows(String file, List<Row> rows) {
    List<BadInputException> out = new ArrayList<>();
    for (Row r : rows) {
      boolean own = !r.isNullAt(10);
      out.add(new BadInputException(own ? r.getString(10) : file, own ? r.getLong(11) : r.getLong(0), r.getString(8), r.getString(9)));
    }
    return out;
  }
}
