package org.r2led.cli.learn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.r2led.data.source.CsvReader;

/**
 * Item texts from a catalog file, for items the served model does not know yet: a comma-separated file whose
 * header names an {@code item} and a {@code text} column (other columns are ignored; quoting as in the items
 * file of {@code data prepare --source csv}). A new item's Semantic ID is coded from its text.
 */
public final class ItemCatalog {
  private ItemCatalog() {}

  /** Raw item id → text (blank texts left out); errors name the file, the line and what was expected. */
  public static Map<String, String> texts(Path file) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--items " + file + " is not a file");
    Map<String, String> out = new HashMap<>();
    Set<String> seen = new HashSet<>();
    try (CsvReader r = new CsvReader(file, file.toString(), ',')) {
      CsvReader.Row header = r.next();
      if (header == null) throw new IllegalArgumentException("--items " + file + " is empty; expected a header with item and text");
      List<String> names = header.fields().stream().map(String::strip).toList();
      int item = names.indexOf("item");
      int text = names.indexOf("text");
      if (item < 0 || text < 0) {
        throw new IllegalArgumentException("--items " + file + ": the header " + names + " must name the columns item and text");
      }
      for (CsvReader.Row row = r.next(); row != null; row = r.next()) {
        if (row.problem() != null) throw new IllegalArgumentException("--items " + file + " line " + row.line() + ": " + row.problem());
        if (row.size() <= Math.max(item, text)) {
          throw new IllegalArgumentException("--items " + file + " line " + row.line() + " has " + row.size() + " fields; expected "
              + names.size());
        }
        String id = row.get(item).strip();
        String t = row.get(text).strip();
        if (id.isEmpty()) throw new IllegalArgumentException("--items " + file + " line " + row.line() + ": the item id is empty");
        if (!seen.add(id)) {
          throw new IllegalArgumentException("--items " + file + " line " + row.line() + ": item '" + id + "' is listed twice");
        }
        if (!t.isEmpty()) out.put(id, t);
      }
    }
    return Map.copyOf(out);
  }
}
