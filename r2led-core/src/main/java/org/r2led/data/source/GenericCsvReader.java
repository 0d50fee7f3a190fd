package org.r2led.data.source;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of the generic delimited format (docs/data-formats.md): an events file with the columns
 * {@code user,item,timestamp} and optionally {@code behavior}, {@code rating}, {@code label},
 * {@code category} (named by a header row in any order, case-insensitive, or by a {@code --columns}
 * list for a header-less file; other columns are ignored), and an optional items file with
 * {@code item} and optionally {@code category} ({@code |}-separated, primary first) and
 * {@code text}, or an item-text template over its columns. Ids are opaque strings; timestamps follow
 * {@link TimestampColumn}. The delimiter is tab when the first line contains a tab, else comma,
 * unless given (one or more characters, e.g. {@code ::}).
 *
 * <p>Behavior codes: the {@code behavior} column's names in lexicographic order; without it, the
 * rating buckets ({@code r<rating>}) in ascending order; without either, the single behavior
 * {@code event}. Labels: the {@code label} column (0/1) if present, else the rating threshold rule,
 * else none (click protocol).
 */
public final class GenericCsvReader {
  private GenericCsvReader() {}

  public static final List<String> EVENT_COLUMNS = List.of("user", "item", "timestamp", "behavior", "rating", "label", "category");
  public static final List<String> ITEM_COLUMNS = List.of("item", "category", "text");
  /** Behavior name when the events carry neither a behavior nor a rating column. */
  public static final String DEFAULT_BEHAVIOR = "event";
  /** Category of items that have none. */
  public static final String NO_CATEGORY = "(none)";
  /** Value of {@link Options#itemText()}: the items file's {@code text} column when it has one. */
  public static final String TEXT_COLUMN = "auto";

  /**
   * How the generic files are laid out.
   *
   * @param delimiter events delimiter: {@code auto} or a name ({@link CsvReader#parseDelimiter})
   * @param itemsDelimiter items delimiter (same choices)
   * @param columns {@link CsvHeader#FROM_HEADER} or the events file's column names, comma-separated (header-less file)
   * @param itemColumns the same for the items file
   * @param itemText {@link #TEXT_COLUMN} or an {@link ItemTextTemplate} over the items file's columns
   */
  public record Options(String delimiter, String itemsDelimiter, String columns, String itemColumns, String itemText) {
    /** Detected delimiters, header rows, the text column. */
    public static Options defaults() {
      return new Options("auto", "auto", CsvHeader.FROM_HEADER, CsvHeader.FROM_HEADER, TEXT_COLUMN);
    }
  }

  /** Column layout of an events file. */
  public static CsvHeader eventsHeader(Path events, Options o, ReadOptions r) {
    return CsvHeader.of(events, o.delimiter(), o.columns(), r, EVENT_COLUMNS, List.of("user", "item", "timestamp"));
  }

  /** Where labels come from for an events file with this layout. */
  public static SourceData.Labels labels(CsvHeader h) {
    return h.has("label") ? SourceData.Labels.LABEL : h.has("rating") ? SourceData.Labels.RATING : SourceData.Labels.NONE;
  }

  /** Reads the events file and (when non-null) the items file. */
  public static SourceData read(Path eventsFile, Path itemsFile, Options o, ReadOptions ro, BadRows bad, PrintStream log) {
    return open(eventsFile, itemsFile, o, ro, bad, log).readLocally(bad, log);
  }

  /** Reads the items file (when non-null) and splits the rest into the events file and {@link SourceReading#finish}. */
  public static SourceReading open(Path eventsFile, Path itemsFile, Options o, ReadOptions ro, BadRows bad, PrintStream log) {
    CsvHeader eh = eventsHeader(eventsFile, o, ro);
    String name = eventsFile.getFileName().toString();
    int tsi = eh.index("timestamp");
    int width = eh.width();
    TimestampColumn ts = TimestampColumn.of(ro.timestampUnit(), name, () -> new CsvReader(eventsFile, name, eh.dialect()),
        eh.headerRow(), row -> row.size() == width ? row.get(tsi) : null, log);
    return new Reading(eventsFile, eh, ts, itemsFile, o, ro, bad, log);
  }

  /**
   * Like {@link #open} for events that are not a delimited file (e.g. Parquet read by Spark): the
   * rows handed to the {@link EventsFile}'s parser carry the fields in the order of {@code eh}
   * (built with {@link CsvHeader#ofNames}, no header row; a null field is a missing value), and
   * {@code timestampSample} holds the first timestamp values in row order (unit detection).
   *
   * @param events the events input (file or directory), named in errors and the manifest notes
   */
  public static SourceReading openRows(Path events, CsvHeader eh, List<String> timestampSample, Path itemsFile, Options o,
      ReadOptions ro, BadRows bad, PrintStream log) {
    if (eh.headerRow()) throw new IllegalArgumentException("openRows takes a layout without a header row");
    TimestampColumn ts = TimestampColumn.of(ro.timestampUnit(), events.getFileName().toString(), timestampSample, log);
    return new Reading(events, eh, ts, itemsFile, o, ro, bad, log);
  }

  private static final class Reading extends SourceReading {
    private final Path eventsPath;
    private final CsvHeader eh;
    private final GenericItems catalog;
    private final TimestampColumn tsRule;
    private final EventsFile file;
    private final Map<String, Object> notes = new LinkedHashMap<>();

    Reading(Path eventsFile, CsvHeader eh, TimestampColumn ts, Path itemsFile, Options o, ReadOptions ro, BadRows bad,
        PrintStream log) {
      this.eventsPath = eventsFile;
      this.eh = eh;
      catalog = itemsFile == null ? null : GenericItems.read(itemsFile, o, ro, items, categories, bad, log);
      if (catalog != null && !catalog.ignored().isEmpty()) notes.put("items_columns_ignored", catalog.ignored());
      boolean hasBehavior = eh.has("behavior");
      boolean hasRating = eh.has("rating");
      int ui = eh.index("user"), ii = eh.index("item"), tsi = eh.index("timestamp");
      int bi = eh.index("behavior"), ri = eh.index("rating"), li = eh.index("label"), ci = eh.index("category");
      int width = eh.width();
      IdDictionary closed = itemsFile == null ? null : items;
      String itemsName = itemsFile == null ? null : itemsFile.getFileName().toString();
      String name = eventsFile.getFileName().toString();
      tsRule = ts;
      file = new EventsFile(eventsFile, name, eh.dialect(), eh.headerRow() ? h -> { } : null, row -> {
        Fields.expectColumns(row, width);
        String user = Fields.id(row.get(ui), "user");
        String itemId = Fields.id(row.get(ii), "item");
        long t = ts.seconds(row.get(tsi), "timestamp");
        double rating = hasRating ? Fields.rating(row.get(ri), "rating") : Double.NaN;
        int label = li >= 0 ? Fields.label(row.get(li), "label") : -1;
        String behName = hasBehavior ? Fields.id(row.get(bi), "behavior")
            : hasRating ? Fields.ratingBehavior(rating) : DEFAULT_BEHAVIOR;
        String cat = ci >= 0 && row.get(ci) != null ? Fields.stripSpaces(row.get(ci)) : "";
        if (closed != null && closed.find(itemId) < 0) {
          throw new RowProblem("unknown item '" + itemId + "' (not in " + itemsName + ")");
        }
        return new ParsedEvent(user, itemId, cat.isEmpty() ? null : Fields.checkedId(cat, "category"), behName, t, rating, label);
      });
    }

    @Override
    public EventsFile eventsFile() { return file; }

    @Override
    public SourceData finish(BadRows bad, PrintStream log) {
      boolean hasBehavior = eh.has("behavior");
      boolean hasRating = eh.has("rating");
      if (behaviors.size() > 127) {
        throw new IllegalArgumentException(eventsPath + " has " + behaviors.size()
            + " distinct behavior values; at most 127 are supported (behavior codes are bytes)");
      }
      int[] code = hasBehavior || !hasRating ? behaviors.denseIds(Comparator.naturalOrder(), 1)
          : behaviors.denseIds(Comparator.comparingDouble(Fields::ratingOf), 1);
      List<String> vocab = behaviors.size() == 0 ? List.of(DEFAULT_BEHAVIOR) : behaviors.inDenseOrder(code, 1);
      if (!eh.ignored().isEmpty()) notes.put("events_columns_ignored", eh.ignored());
      notes.put("behaviors", hasBehavior ? "behavior column, codes in lexicographic order of the names"
          : hasRating ? "rating buckets r<rating>, codes in ascending rating order" : "no behavior column: every event is '" + DEFAULT_BEHAVIOR + "'");
      notes.put("item_text", catalog == null ? "none (no items file)" : catalog.textRule());
      tsRule.note(notes);
      return new SourceData("csv", events, users, items, categories, vocab, code,
          catalog == null ? null : catalog.categories(), catalog == null ? null : catalog.texts(), labels(eh),
          new LinkedHashMap<>(), notes);
    }
  }
}
