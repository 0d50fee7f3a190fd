package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;

/** Every MovieLens layout (100K, 1M, 10M, CSV) gives the same events, categories and item text for the same data. */
class MovieLensLayoutsTest {
  @TempDir Path tmp;

  static final String CAFE = "Caf\u00e9 au lait (1993)";
  static final String[][] MOVIES = {
      {"1", "Toy Story (1995)", "Animation|Comedy"},
      {"2", CAFE, "Drama"},
      {"3", "Nothing Known (1990)", ""}};
  static final String[][] RATINGS = {{"1", "1", "4", "964982703"}, {"1", "2", "3", "964982224"}, {"2", "1", "5", "964983815"}};
  static final String[][] TAGS = {{"1", "1", "pixar", "964982800"}, {"2", "1", "Pixar", "964982900"}, {"2", "2", "coffee", "964982901"}};
  static final List<String> GENRES = List.of("unknown", "Animation", "Comedy", "Drama");

  private static void write(Path dir, String name, List<String> lines, Charset cs) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), (String.join("\n", lines) + "\n").getBytes(cs));
  }

  private static List<String> rows(String[][] rows, String delimiter) {
    List<String> out = new ArrayList<>();
    for (String[] r : rows) out.add(String.join(delimiter, r));
    return out;
  }

  private static String genresOrNone(String g) {
    return g.isEmpty() ? MovieLensReader.NO_GENRES : g;
  }

  private Path layoutCsv() throws IOException {
    Path d = tmp.resolve("ml-latest");
    List<String> movies = new ArrayList<>(List.of("movieId,title,genres"));
    for (String[] m : MOVIES) movies.add(m[0] + ",\"" + m[1] + "\"," + genresOrNone(m[2]));
    List<String> ratings = new ArrayList<>(List.of("userId,movieId,rating,timestamp"));
    ratings.addAll(rows(RATINGS, ","));
    List<String> tags = new ArrayList<>(List.of("userId,movieId,tag,timestamp"));
    tags.addAll(rows(TAGS, ","));
    write(d, "movies.csv", movies, StandardCharsets.UTF_8);
    write(d, "ratings.csv", ratings, StandardCharsets.UTF_8);
    write(d, "tags.csv", tags, StandardCharsets.UTF_8);
    return d;
  }

  private Path layoutDat(boolean tenM) throws IOException {
    Path d = tmp.resolve(tenM ? "ml-10m" : "ml-1m");
    List<String> movies = new ArrayList<>();
    for (String[] m : MOVIES) movies.add(m[0] + "::" + m[1] + "::" + genresOrNone(m[2]));
    write(d, "movies.dat", movies, tenM ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    write(d, "ratings.dat", rows(RATINGS, "::"), StandardCharsets.UTF_8);
    if (tenM) write(d, "tags.dat", rows(TAGS, "::"), StandardCharsets.UTF_8);
    else write(d, "users.dat", List.of("1::F::1::10::48067"), StandardCharsets.UTF_8);
    return d;
  }

  private Path layout100k() throws IOException {
    Path d = tmp.resolve("ml-100k");
    List<String> items = new ArrayList<>();
    for (String[] m : MOVIES) {
      StringBuilder flags = new StringBuilder();
      for (String g : GENRES) {
        boolean set = m[2].isEmpty() ? g.equals("unknown") : List.of(m[2].split("\\|")).contains(g);
        flags.append('|').append(set ? 1 : 0);
      }
      items.add(m[0] + "|" + m[1] + "|01-Jan-1995||http://example.org/" + m[0] + flags);
    }
    write(d, "u.item", items, StandardCharsets.ISO_8859_1);
    List<String> genre = new ArrayList<>();
    for (int i = 0; i < GENRES.size(); i++) genre.add(GENRES.get(i) + "|" + i);
    genre.add("");
    write(d, "u.genre", genre, StandardCharsets.UTF_8);
    write(d, "u.data", rows(RATINGS, "\t"), StandardCharsets.UTF_8);
    return d;
  }

  private static SourceData read(Path dir, ReadOptions ro) {
    return MovieLensReader.read(dir, 10, ro, new BadRows(false), null);
  }

  private static void assertSameData(SourceData d, boolean tags) {
    assertEquals(3, d.items().size());
    assertEquals(3, d.events().size());
    String toy = "Toy Story (1995). Genres: Animation, Comedy" + (tags ? ". Tags: pixar." : ".");
    assertEquals(toy, d.itemTexts().get(d.items().find("1")));
    assertEquals(CAFE + ". Genres: Drama" + (tags ? ". Tags: coffee." : "."), d.itemTexts().get(d.items().find("2")));
    assertEquals("Nothing Known (1990).", d.itemTexts().get(d.items().find("3")));
    for (String t : d.itemTexts()) assertFalse(t.contains("\uFFFD"), t);
    int[] none = d.itemCategories().get(d.items().find("3"));
    assertEquals(MovieLensReader.NO_GENRES, d.categories().raw(none[0]));
    assertEquals(List.of("r3.0", "r4.0", "r5.0"), d.behaviors());
    assertEquals(964982703L, d.events().ts(0));
  }

  @Test
  void everyLayoutGivesTheSameEventsCategoriesAndText() throws IOException {
    ReadOptions ro = ReadOptions.defaults();
    assertSameData(read(layoutCsv(), ro), true);
    assertSameData(read(layoutDat(true), ro), true);
    SourceData oneM = read(layoutDat(false), ro);
    assertSameData(oneM, false);
    assertTrue(String.valueOf(oneM.notes().get("layout")).contains("movies.dat read as ISO-8859-1"), oneM.notes().toString());
    SourceData hundredK = read(layout100k(), ro);
    assertSameData(hundredK, false);
    assertTrue(String.valueOf(hundredK.notes().get("layout")).startsWith("100k (u.data, u.item, u.genre"), hundredK.notes().toString());
    assertEquals(List.of(tmp.resolve("ml-100k/u.data"), tmp.resolve("ml-100k/u.item"), tmp.resolve("ml-100k/u.genre")),
        MovieLensReader.inputFiles(tmp.resolve("ml-100k"), ro));
  }

  @Test
  void latin1TitlesUnderUtf8AreBadRowsNamingLineAndByteOffset() throws IOException {
    Path d = layoutDat(false);
    // 1M movies.dat is Latin-1 by default; forcing UTF-8 must not store U+FFFD but name the byte
    BadInputException e = assertThrows(BadInputException.class, () -> read(d, new ReadOptions("UTF-8", TimestampUnit.AUTO)));
    assertEquals("movies.dat", e.file());
    assertEquals(2, e.line());
    int offset = ("1::Toy Story (1995)::Animation|Comedy\n2::Caf").length();
    assertTrue(e.problem().startsWith("undecodable byte 0xE9 at byte offset " + offset + " (not valid UTF-8; if the file is"
        + " Latin-1, read it with --encoding ISO-8859-1)"), e.problem());
    assertFalse(e.getMessage().contains("Input length"), e.getMessage());
    assertSameData(read(d, new ReadOptions("ISO-8859-1", TimestampUnit.AUTO)), false);
  }

  @Test
  void unknownLayoutListsTheFilesLookedForAndSuggestsCsv() {
    Path d = tmp.resolve("odd");
    Fixtures.write(d, "ratings.txt", "1,1,4,5");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(d, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("ratings.csv + movies.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("ratings.dat + movies.dat"), e.getMessage());
    assertTrue(e.getMessage().contains("u.data + u.item + u.genre"), e.getMessage());
    assertTrue(e.getMessage().contains("found [ratings.txt]"), e.getMessage());
    assertTrue(e.getMessage().contains("--source csv"), e.getMessage());
  }
}
