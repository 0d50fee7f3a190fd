package org.r2led.data.source;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reader of the generic delimited format (docs/data-formats.md): an events file with a header
 * naming {@code user,item,timestamp} and optionally {@code behavior}, {@code rating}, {@code label},
 * {@code category} (any order, case-insensitive; other columns are ignored), and an optional items
 * file with {@code item} and optionally {@code category} ({@code |}-separated, primary first) and
 * {@code text}. Ids are opaque strings; timestamps are integer Unix seconds. The delimiter is tab
 * when the header line contains a tab, else comma, unless given.
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

  /**
   * Column layout of a header row.
   *
   * @param delimiter field delimiter
   * @param columns known column name → index
   * @param ignored header names that are not known columns
   * @param width number of columns
   */
  public record Header(char delimiter, Map<String, Integer> columns, List<String> ignored, int width) {
    public boolean has(String column) { return columns.containsKey(column); }

    int index(String column) { return columns.getOrDefault(column, -1); }
  }

  /**
   * Reads and checks the header of {@code file}.
   *
   * @param delimiter {@code auto} or a delimiter name ({@link CsvReader#parseDelimiter})
   * @param known the recognised column names
   * @param required the columns that must be present
   */
  public static Header header(Path file, String delimiter, List<String> known, List<String> required) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("input file not found: " + file);
    String first = CsvReader.firstLine(file);
    String name = file.getFileName().toString();
    if (first.isEmpty()) {
      throw new BadInputException(name, 1, "file is empty (expected a header row naming the columns "
          + String.join(",", required) + ")", "");
    }
    char d = delimiter.equals("auto") ? CsvReader.detectDelimiter(first) : CsvReader.parseDelimiter(delimiter);
    try (CsvReader r = new CsvReader(file, name, d)) {
      CsvReader.Row h = r.next();
      Map<String, Integer> cols = new LinkedHashMap<>();
      List<String> ignored = new ArrayList<>();
      for (int i = 0; i < h.size(); i++) {
        String c = h.get(i).trim().toLowerCase(Locale.ROOT);
        if (!known.contains(c)) {
          ignored.add(h.get(i).trim());
          continue;
        }
        if (cols.putIfAbsent(c, i) != null) {
          throw new BadInputException(name, h.line(), "column '" + c + "' appears twice in the header", h.text());
        }
      }
      for (String c : required) {
        if (!cols.containsKey(c)) {
          throw new BadInputException(name, h.line(), "header has no '" + c + "' column (expected columns "
              + String.join(",", required) + ", optional " + known.stream().filter(k -> !required.contains(k)).toList()
              + "; delimiter " + (d == '\t' ? "tab" : "'" + d + "'") + ")", h.text());
        }
      }
      return new Header(d, cols, ignored, h.size());
    }
  }

  /** Header of an events file. */
  public static Header eventsHeader(Path events, String delimiter) {
    return header(events, delimiter, EVENT_COLUMNS, List.of("user", "item", "timestamp"));
  }

  /** Where labels come from for an events file with this header. */
  public static SourceData.Labels labels(Header h) {
    return h.has("label") ? SourceData.Labels.LABEL : h.has("rating") ? SourceData.Labels.RATING : SourceData.Labels.NONE;
  }

  /**
   * Reads the events file and (when non-null) the items file.
   *
   * @param delimiter events delimiter ({@code auto} or a name)
   * @param itemsDelimiter items delimiter ({@code auto} or a name)
   */
  public static SourceData read(Path eventsFile, Path itemsFile, String delimiter, String itemsDelimiter,
      BadRows bad, PrintStream log) {
    Header eh = eventsHeader(eventsFile, delimiter);
    IdDictionary users = new IdDictionary();
    IdDictionary items = new IdDictionary();
    IdDictionary categories = new IdDictionary();
    IdDictionary behaviors = new IdDictionary();
    List<int[]> itemCategories = null;
    List<String> texts = null;
    Map<String, Object> notes = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();

    if (itemsFile != null) {
      Header ih = header(itemsFile, itemsDelimiter, ITEM_COLUMNS, List.of("item"));
      List<int[]> cats = new ArrayList<>();
      List<String> txt = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      int ci = ih.index("category");
      int ti = ih.index("text");
      String iname = itemsFile.getFileName().toString();
      try (CsvReader r = new CsvReader(itemsFile, iname, ih.delimiter())) {
        RowLoop.run(r, h -> { }, bad, log, row -> {
          Fields.expectColumns(row, ih.width());
          String id = Fields.required(row.get(ih.index("item")), "item");
          int prev = items.find(id);
          if (prev >= 0) throw new RowProblem("duplicate item '" + id + "' (first listed at line " + lines.get(prev) + ")");
          List<String> cs = new ArrayList<>();
          if (ci >= 0) {
            for (String c : row.get(ci).split("\\|")) {
              String t = c.trim();
              if (!t.isEmpty() && !cs.contains(t)) cs.add(t);
            }
          }
          items.intern(id);
          lines.add(row.line());
          cats.add(cs.isEmpty() ? null : cs.stream().mapToInt(categories::intern).toArray());
          txt.add(ti >= 0 ? row.get(ti).trim() : "");
        });
      }
      if (items.size() == 0) throw new IllegalArgumentException("items file " + itemsFile + " lists no items");
      itemCategories = cats;
      texts = txt;
      if (!ih.ignored().isEmpty()) notes.put("items_columns_ignored", ih.ignored());
    }

    SourceData.Labels labels = labels(eh);
    boolean hasBehavior = eh.has("behavior");
    boolean hasRating = eh.has("rating");
    int ui = eh.index("user"), ii = eh.index("item"), tsi = eh.index("timestamp");
    int bi = eh.index("behavior"), ri = eh.index("rating"), li = eh.index("label"), ci = eh.index("category");
    boolean closedItems = itemsFile != null;
    String itemsName = closedItems ? itemsFile.getFileName().toString() : null;
    int defaultBehavior = (!hasBehavior && !hasRating) ? behaviors.intern(DEFAULT_BEHAVIOR) : -1;
    EventBuffer events = new EventBuffer();
    try (CsvReader r = new CsvReader(eventsFile, eventsFile.getFileName().toString(), eh.delimiter())) {
      RowLoop.run(r, h -> { }, bad, log, row -> {
        Fields.expectColumns(row, eh.width());
        String user = Fields.required(row.get(ui), "user");
        String itemId = Fields.required(row.get(ii), "item");
        long ts = Fields.timestamp(row.get(tsi), "timestamp");
        double rating = hasRating ? Fields.rating(row.get(ri), "rating") : Double.NaN;
        int label = li >= 0 ? Fields.label(row.get(li), "label") : -1;
        String behName = hasBehavior ? Fields.required(row.get(bi), "behavior")
            : hasRating ? Fields.ratingBehavior(rating) : null;
        String cat = ci >= 0 ? row.get(ci).trim() : "";
        int item;
        if (closedItems) {
          item = items.find(itemId);
          if (item < 0) throw new RowProblem("unknown item '" + itemId + "' (not in " + itemsName + ")");
        } else {
          item = items.intern(itemId);
        }
        int beh = behName == null ? defaultBehavior : behaviors.intern(behName);
        events.add(users.intern(user), item, cat.isEmpty() ? -1 : categories.intern(cat), beh, ts, rating, label);
      });
    }
    if (behaviors.size() > 127) {
      throw new IllegalArgumentException(eventsFile + " has " + behaviors.size()
          + " distinct behavior values; at most 127 are supported (behavior codes are bytes)");
    }
    int[] code = hasBehavior || !hasRating ? behaviors.denseIds(Comparator.naturalOrder(), 1)
        : behaviors.denseIds(Comparator.comparingDouble(Fields::ratingOf), 1);
    List<String> vocab = behaviors.size() == 0 ? List.of(DEFAULT_BEHAVIOR) : behaviors.inDenseOrder(code, 1);
    if (!eh.ignored().isEmpty()) notes.put("events_columns_ignored", eh.ignored());
    notes.put("behaviors", hasBehavior ? "behavior column, codes in lexicographic order of the names"
        : hasRating ? "rating buckets r<rating>, codes in ascending rating order" : "no behavior column: every event is '" + DEFAULT_BEHAVIOR + "'");
    notes.put("item_text", itemsFile == null ? "none (no items file)" : "text column of the items file");
    return new SourceData("csv", events, users, items, categories, vocab, code, itemCategories, texts, labels, counts, notes);
  }
}
