package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;

/** Header-less generic files named by --columns, multi-character delimiters and the item-text template. */
class GenericColumnsTest {
  @TempDir Path tmp;

  private static SourceData read(Path events, Path items, GenericCsvReader.Options o) {
    return GenericCsvReader.read(events, items, o, ReadOptions.defaults(), new BadRows(false), null);
  }

  @Test
  void headerlessDoubleColonFilesWithColumnsAndATemplate() {
    Path events = Fixtures.write(tmp, "ratings.dat", "1::10::4::978300760", "1::20::3::978300761", "2::10::5::978300762");
    Path items = Fixtures.write(tmp, "movies.dat", "10::Heat (1995)::Action|Crime", "20::Up (2009)::Animation");
    GenericCsvReader.Options o = new GenericCsvReader.Options("::", "::", "user,item,rating,ts", "item,title,category",
        "{title}. Genres: {Category}.");
    SourceData d = read(events, items, o);
    assertEquals(3, d.events().size());
    assertEquals(SourceData.Labels.RATING, d.labels());
    assertEquals(978300760L, d.events().ts(0));
    assertEquals("Heat (1995). Genres: Action|Crime.", d.itemTexts().get(d.items().find("10")));
    int[] cats = d.itemCategories().get(d.items().find("10"));
    assertEquals(List.of("Action", "Crime"), List.of(d.categories().raw(cats[0]), d.categories().raw(cats[1])));
    assertEquals("template {title}. Genres: {Category}.", d.notes().get("item_text"));
  }

  @Test
  void templateFieldsMustBeColumnsOfTheItemsFile() {
    Path events = Fixtures.write(tmp, "events.csv", "user,item,timestamp", "u,a,1500000000");
    Path items = Fixtures.write(tmp, "items.csv", "item,title,genres", "a,Heat,Action");
    GenericCsvReader.Options o = new GenericCsvReader.Options("auto", "auto", "header", "header", "{title} ({year})");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(events, items, o));
    assertEquals("item text template '{title} ({year})': unknown field {year}; the columns of items.csv are: item, title, genres",
        e.getMessage());
    GenericCsvReader.Options open = new GenericCsvReader.Options("auto", "auto", "header", "header", "{title");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> read(events, items, open)).getMessage()
        .contains("'{' at position 0 is not closed"));
    GenericCsvReader.Options ok = new GenericCsvReader.Options("auto", "auto", "header", "header", "{title}: {genres}");
    SourceData d = read(events, items, ok);
    assertEquals("Heat: Action", d.itemTexts().get(0));
  }

  @Test
  void aColumnsListWithoutARequiredColumnNamesIt() {
    Path events = Fixtures.write(tmp, "events.tsv", "u\ta\t1500000000");
    GenericCsvReader.Options o = new GenericCsvReader.Options("auto", "auto", "user,item,when", "header", "auto");
    BadInputException e = assertThrows(BadInputException.class, () -> read(events, null, o));
    assertTrue(e.problem().startsWith("--columns list has no 'timestamp' column (expected columns user,item,timestamp"),
        e.problem());
    assertTrue(e.problem().contains("delimiter tab"), e.problem());
    Path headerless = Fixtures.write(tmp, "events.csv", "u,a,1500000000");
    BadInputException h = assertThrows(BadInputException.class,
        () -> read(headerless, null, GenericCsvReader.Options.defaults()));
    assertTrue(h.problem().contains("for a file without a header row name its columns with --columns"), h.problem());
  }
}
