package org.r2led.spark.prepare;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.r2led.data.protocol.PrepareRequest;
import org.r2led.data.protocol.PrepareSetup;
import org.r2led.data.protocol.ProtocolParams;
import org.r2led.data.source.BadInputException;
import org.r2led.data.source.BadRows;
import org.r2led.data.source.CsvHeader;
import org.r2led.data.source.CsvReader;
import org.r2led.data.source.EventsFile;
import org.r2led.data.source.GenericCsvReader;
import org.r2led.data.source.ParsedEvent;
import org.r2led.data.source.SourceFormat;
import org.r2led.data.source.SourceReading;

/**
 * Parquet events for {@code spark prepare --source csv}: an input that is a {@code .parquet} file or
 * a directory of {@code .parquet} files is read with {@code spark.read().parquet(...)} instead of as
 * delimited text. Its columns are named as in the generic format (user, item, timestamp; optional
 * behavior, rating, label, category; case-insensitive, {@code ts} = timestamp, others ignored) by
 * the Parquet schema, or renamed in order by {@code --columns}. Every value is read as its string
 * form and handed, as a row, to the generic reader's own row parser, so a null user or item, an
 * out-of-range timestamp etc. is the same bad row as in a CSV file, named by Parquet file and row
 * (1-based, in the file's row order).
 *
 * <p>Row order (first occurrence of items, bad-row order) is the order of the files by name, then of
 * the rows in each file, so a single file written from a CSV in order prepares to the same output as
 * that CSV (the manifest's input files and cache key differ).
 */
final class ParquetEvents {
  private ParquetEvents() {}

  /** Whether the request reads Parquet: source csv and an input named {@code *.parquet} or a directory holding such files. */
  static boolean applies(PrepareRequest req) {
    if (req.format() != SourceFormat.CSV) return false;
    Path in = req.input();
    if (in.getFileName() != null && in.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) return true;
    return Files.isDirectory(in) && !files(in).isEmpty();
  }

  /** The Parquet files of the input (the file itself, or the directory's {@code *.parquet} files by name). */
  static List<Path> files(Path in) {
    if (Files.isRegularFile(in)) return List.of(in);
    if (!Files.isDirectory(in)) throw new IllegalArgumentException("Parquet input not found: " + in);
    try (Stream<Path> s = Files.list(in)) {
      return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet") && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + in, e);
    }
  }

  /**
   * A planned Parquet input.
   *
   * @param setup the request's setup (input files: the Parquet files and the items file)
   * @param layout the columns as the generic reader names them
   * @param columns the Parquet schema's column names, in order
   * @param timestampSample the first timestamp values in row order (unit detection)
   */
  record Input(PrepareSetup setup, CsvHeader layout, List<String> columns, List<String> timestampSample) {
    /** Opens the generic reading over the Parquet columns (reads the items file now, if any). */
    SourceReading openReading(BadRows bad, PrintStream log) {
      PrepareRequest req = setup.request();
      return GenericCsvReader.openRows(req.input(), layout, timestampSample, req.items(), setup.params().csvOptions(),
          setup.params().readOptions(), bad, log);
    }
  }

  /**
   * Plans the request as {@link PrepareSetup#of(PrepareRequest)} does for a CSV file (the input files
   * recorded with checksums are the Parquet files and the items file): resolves the column layout
   * from the schema (or {@code --columns}) and samples the first timestamps for unit detection.
   */
  static Input open(SparkSession spark, PrepareRequest req) {
    List<Path> paths = files(req.input());
    if (paths.isEmpty()) throw new IllegalArgumentException("no .parquet files in " + req.input());
    String name = req.input().getFileName().toString();
    Dataset<Row> df = spark.read().parquet(req.input().toAbsolutePath().toString());
    List<String> schema = List.of(df.schema().fieldNames());
    ProtocolParams early = PrepareSetup.readingParams(req);
    String columnList = early.csvOptions().columns();
    boolean renamed = !columnList.equals(CsvHeader.FROM_HEADER);
    List<String> names = renamed ? List.of(columnList.split(",", -1)) : schema;
    String shown = String.join(",", schema);
    if (renamed && names.size() != schema.size()) {
      throw new BadInputException(name, 0, "--columns names " + names.size() + " columns but the Parquet schema has "
          + schema.size() + " (expected one name per column, in schema order)", shown);
    }
    CsvHeader eh = CsvHeader.ofNames(name, names, renamed ? "--columns list" : "Parquet schema", 0, shown,
        "Parquet columns " + shown, CsvReader.Dialect.of(','), false, GenericCsvReader.EVENT_COLUMNS,
        List.of("user", "item", "timestamp"));
    List<Path> recorded = new ArrayList<>(paths);
    if (req.items() != null) recorded.add(req.items());
    PrepareSetup setup = PrepareSetup.of(req, recorded, GenericCsvReader.labels(eh));

    List<String> sample = new ArrayList<>();
    String tsColumn = schema.get(eh.index("timestamp"));
    Dataset<Row> ts = ordered(df).select(quoted(tsColumn).cast("string").as("ts"), col("_file"), col("_row"));
    for (Row r : ts.orderBy("_file", "_row").limit(10_000).collectAsList()) {
      sample.add(r.isNullAt(0) ? null : r.getString(0));
    }
    return new Input(setup, eh, schema, sample);
  }

  /** A column by its exact name (dots and spaces allowed). */
  private static Column quoted(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /** Adds each row's Parquet file name and 0-based row index in that file ({@code _file}, {@code _row}). */
  private static Dataset<Row> ordered(Dataset<Row> df) {
    return df.withColumn("_file", col("_metadata.file_name")).withColumn("_row", col("_metadata.row_index"));
  }

  /**
   * The parsed rows ({@link EventParsing#SCHEMA}): {@code line} orders rows by file name, then row
   * in the file; bad rows carry their file and 1-based row.
   */
  static Dataset<Row> parse(SparkSession spark, Path input, List<String> columns, Broadcast<EventsFile> file) {
    Dataset<Row> df = spark.read().parquet(input.toAbsolutePath().toString());
    Column[] cols = new Column[columns.size() + 2];
    for (int i = 0; i < columns.size(); i++) cols[i] = quoted(columns.get(i)).cast("string");
    cols[columns.size()] = col("_file");
    cols[columns.size() + 1] = col("_row");
    Dataset<Row> strings = ordered(df).select(cols);
    Map<String, Long> base = new HashMap<>();
    long sum = 0;
    List<Row> counts = strings.groupBy("_file").count().orderBy("_file").collectAsList();
    for (Row r : counts) {
      base.put(r.getString(0), sum);
      sum += r.getLong(1);
    }
    int width = columns.size();
    JavaRDD<Row> rows = strings.javaRDD().mapPartitions(it -> parsePartition(file.value(), base, width, it));
    return spark.createDataFrame(rows, EventParsing.SCHEMA);
  }

  private static Iterator<Row> parsePartition(EventsFile file, Map<String, Long> base, int width, Iterator<Row> it) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() { return it.hasNext(); }

      @Override
      public Row next() {
        Row in = it.next();
        List<String> fields = new ArrayList<>(width);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < width; i++) {
          String v = in.isNullAt(i) ? null : in.getString(i);
          fields.add(v);
          if (i > 0) text.append(',');
          text.append(v == null ? "null" : v);
        }
        String fileName = in.getString(width);
        long row = in.getLong(width + 1) + 1;
        long line = base.get(fileName) + row;
        try {
          ParsedEvent e = file.parse(new CsvReader.Row(row, fields, text.toString(), null));
          return RowFactory.create(line, e.user(), e.item(), e.category(), e.behavior(), e.ts(), e.rating(), e.label(),
              null, null, null, null);
        } catch (BadInputException b) {
          return RowFactory.create(line, null, null, null, null, 0L, Double.NaN, -1, b.problem(), b.text(), fileName, row);
        }
      }
    };
  }
}
