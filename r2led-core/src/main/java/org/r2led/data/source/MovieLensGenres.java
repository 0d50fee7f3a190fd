package org.r2led.data.source;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The genres of a MovieLens movie row: a {@code |}-separated list, or (100K) 0/1 flags named by {@code u.genre}. */
final class MovieLensGenres {
  private MovieLensGenres() {}

  /** Genres of a {@code g1|g2} field, distinct, in listed order; fails when there is none. */
  static List<String> listed(String field) {
    List<String> genres = new ArrayList<>();
    String all = Fields.stripSpaces(field == null ? "" : field);
    if (all.isEmpty()) throw new RowProblem("missing field 'genres'");
    for (String g : all.split("\\|")) {
      String t = Fields.stripSpaces(g);
      if (!t.isEmpty() && !genres.contains(t)) genres.add(Fields.checkedId(t, "genre"));
    }
    if (genres.isEmpty()) throw new RowProblem("missing field 'genres'");
    return genres;
  }

  /**
   * Genres of a 100K {@code u.item} row: the names of the flags set to 1 from column {@code first} on,
   * in {@code u.genre} order; {@code unknown} or no flag at all gives {@code (no genres listed)}.
   */
  static List<String> flagged(CsvReader.Row row, int first, List<String> names) {
    List<String> genres = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      String v = row.get(first + k).trim();
      if (v.equals("1")) {
        String g = names.get(k).equals(MovieLensReader.UNKNOWN_GENRE) ? MovieLensReader.NO_GENRES : names.get(k);
        if (!genres.contains(g)) genres.add(g);
      } else if (!v.equals("0")) {
        throw new RowProblem("genre flag '" + names.get(k) + "' is '" + v + "' (expected 0 or 1)");
      }
    }
    if (genres.size() > 1) genres.remove(MovieLensReader.NO_GENRES);
    if (genres.isEmpty()) genres.add(MovieLensReader.NO_GENRES);
    return genres;
  }

  /** Reads {@code u.genre} ({@code name|index} rows, indexes 0..n-1 in order; any bad row is an error): the flag names. */
  static List<String> read(Path file, CsvReader.Dialect dialect, PrintStream log) {
    String name = file.getFileName().toString();
    List<String> names = new ArrayList<>();
    try (CsvReader r = new CsvReader(file, name, dialect)) {
      RowLoop.run(r, null, new BadRows(false), log, row -> {
        Fields.expectColumns(row, 2);
        String g = Fields.id(row.get(0), "genre");
        String idx = Fields.integerId(row.get(1), "index");
        if (Long.parseLong(idx) != names.size()) {
          throw new RowProblem("genre index " + idx + " out of order (expected " + names.size() + ")");
        }
        names.add(g);
      });
    }
    if (names.isEmpty()) throw new IllegalArgumentException(name + " in " + file.getParent() + " lists no genres");
    return names;
  }
}
