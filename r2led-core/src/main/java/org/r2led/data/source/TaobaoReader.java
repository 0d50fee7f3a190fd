package org.r2led.data.source;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reader of the Taobao UserBehavior CSV: no header, five columns
 * {@code user_id,item_id,category_id,behavior_type,timestamp}; ids and timestamps are integers,
 * behavior types are {@code pv}, {@code cart}, {@code fav}, {@code buy} (codes 1..4 in that order).
 * Every event keeps the category written on its row; items get their category from the events
 * (see {@link org.r2led.data.protocol.DatasetPreparer}). There is no item text.
 */
public final class TaobaoReader {
  private TaobaoReader() {}

  /** Behavior vocabulary in code order. */
  public static final List<String> BEHAVIORS = List.of("pv", "cart", "fav", "buy");

  /** The CSV file: {@code input} itself, or the only {@code *.csv} file in the directory {@code input}. */
  public static Path inputFile(Path input) {
    if (Files.isRegularFile(input)) return input;
    if (!Files.isDirectory(input)) throw new IllegalArgumentException("Taobao input not found: " + input);
    try (Stream<Path> s = Files.list(input)) {
      List<Path> csv = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))
          .sorted().toList();
      if (csv.size() != 1) {
        throw new IllegalArgumentException("Taobao input directory " + input + " must hold exactly one .csv file; found "
            + csv.size() + (csv.isEmpty() ? "" : ": " + csv) + " (pass the file itself)");
      }
      return csv.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input, e);
    }
  }

  /** Reads the file ({@code opts}: encoding, timestamp unit). */
  public static SourceData read(Path input, ReadOptions opts, BadRows bad, PrintStream log) {
    return open(input, opts, log).readLocally(bad, log);
  }

  /** The file split into its events file and the rest ({@link SourceReading}); detects the timestamp unit. */
  public static SourceReading open(Path input, ReadOptions opts, PrintStream log) {
    Path file = inputFile(input);
    String name = file.getFileName().toString();
    CsvReader.Dialect dialect = opts.dialect(",", true, null);
    TimestampColumn tsRule = TimestampColumn.of(opts.timestampUnit(), name, () -> new CsvReader(file, name, dialect),
        false, row -> row.size() == 5 ? row.get(4) : null, log);
    EventsFile eventsFile = new EventsFile(file, name, dialect, null, row -> {
      Fields.expectColumns(row, 5);
      String user = Fields.integerId(row.get(0), "user_id");
      String item = Fields.integerId(row.get(1), "item_id");
      String cat = Fields.integerId(row.get(2), "category_id");
      String type = Fields.required(row.get(3), "behavior_type");
      if (!BEHAVIORS.contains(type)) {
        throw new RowProblem("unknown behavior type '" + type + "' (expected one of " + String.join(", ", BEHAVIORS) + ")");
      }
      long ts = tsRule.seconds(row.get(4), "timestamp");
      return new ParsedEvent(user, item, cat, type, ts, Double.NaN, -1);
    });
    return new SourceReading() {
      {
        for (String b : BEHAVIORS) behaviors.intern(b);
      }

      @Override
      public EventsFile eventsFile() { return eventsFile; }

      @Override
      public SourceData finish(BadRows bad, PrintStream log) {
        int[] code = {1, 2, 3, 4};
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("item_text", "none (Taobao items are ids only)");
        tsRule.note(notes);
        return new SourceData("taobao", this.events, users, items, categories, BEHAVIORS, code,
            null, null, SourceData.Labels.NONE, new LinkedHashMap<>(), notes);
      }
    };
  }
}
