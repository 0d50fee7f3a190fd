package org.r2led.data.source;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The items file of the generic format: one row per item with {@code item}, optionally
 * {@code category} ({@code |}-separated, primary first) and {@code text}, or a text rendered from any
 * of its columns by an {@link ItemTextTemplate}. Items are interned in file order; a repeated item is
 * a bad row.
 *
 * @param categories per provisional item, its categories (null when it lists none)
 * @param texts per provisional item, its text
 * @param ignored columns that are neither known nor used by the template
 * @param textRule how texts were made (for the manifest notes)
 */
record GenericItems(List<int[]> categories, List<String> texts, List<String> ignored, String textRule) {

  static GenericItems read(Path file, GenericCsvReader.Options o, ReadOptions ro, IdDictionary items,
      IdDictionary categoryIds, BadRows bad, PrintStream log) {
    CsvHeader ih = CsvHeader.of(file, o.itemsDelimiter(), o.itemColumns(), ro,
        GenericCsvReader.ITEM_COLUMNS, List.of("item"));
    String name = file.getFileName().toString();
    boolean column = o.itemText().equals(GenericCsvReader.TEXT_COLUMN);
    ItemTextTemplate template = column ? null : ItemTextTemplate.bind(o.itemText(), ih.all(), name);
    List<int[]> cats = new ArrayList<>();
    List<String> txt = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    int ci = ih.index("category");
    int ti = ih.index("text");
    try (CsvReader r = new CsvReader(file, name, ih.dialect())) {
      RowLoop.run(r, ih.headerRow() ? h -> { } : null, bad, log, row -> {
        Fields.expectColumns(row, ih.width());
        String id = Fields.id(row.get(ih.index("item")), "item");
        int prev = items.find(id);
        if (prev >= 0) throw new RowProblem("duplicate item '" + id + "' (first listed at line " + lines.get(prev) + ")");
        List<String> cs = new ArrayList<>();
        if (ci >= 0) {
          for (String c : row.get(ci).split("\\|")) {
            String t = Fields.stripSpaces(c);
            if (!t.isEmpty() && !cs.contains(t)) cs.add(Fields.checkedId(t, "category"));
          }
        }
        String text = Fields.text(template != null ? template.render(row.fields()) : ti >= 0 ? row.get(ti).trim() : "", "text");
        items.intern(id);
        lines.add(row.line());
        cats.add(cs.isEmpty() ? null : cs.stream().mapToInt(categoryIds::intern).toArray());
        txt.add(text);
      });
    }
    if (items.size() == 0) throw new IllegalArgumentException("items file " + file + " lists no items");
    List<String> ignored = template == null ? ih.ignored() : List.of();
    return new GenericItems(cats, txt, ignored, column ? "text column of the items file" : "template " + o.itemText());
  }
}
