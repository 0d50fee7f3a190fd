package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;
import org.r2led.data.Ids;

/**
 * Every raw id every reader reads (users, items, categories, behaviors) obeys {@link Ids}: a bad id is
 * a bad row naming file, line, field, the escaped value and the rule, never substituted; valid ids
 * are kept exactly (surrounding spaces aside).
 */
class RawIdsTest {
  @TempDir Path tmp;

  private static List<String> events(String... extra) {
    List<String> lines = new ArrayList<>(List.of("user,item,timestamp"));
    for (int i = 0; i < 200; i++) lines.add("u" + (i % 5) + ",i" + (i % 7) + "," + (1_500_000_000L + i));
    lines.addAll(List.of(extra));
    return lines;
  }

  private static SourceData csv(Path events, Path items, BadRows bad) {
    return GenericCsvReader.read(events, items, GenericCsvReader.Options.defaults(), ReadOptions.defaults(), bad, null);
  }

  private static BadInputException strict(Path events, Path items) {
    return assertThrows(BadInputException.class, () -> csv(events, items, new BadRows(false)));
  }

  @Test
  void aQuotedIdWithANewlineIsABadRowNeverMergedWithTheSpacedId() {
    Path f = Fixtures.write(tmp, "events.csv", events("u1,\"a\nb\",1600000000", "u1,a b,1600000001"));
    BadInputException e = strict(f, null);
    assertEquals(202, e.line());
    assertEquals("item \"a\\u000ab\" contains a control character U+000A at index 1; ids may not hold control characters",
        e.problem());
    assertTrue(e.getMessage().startsWith("events.csv:202: item \"a\\u000ab\""), e.getMessage());

    BadRows skip = new BadRows(true);
    SourceData d = csv(f, null, skip);
    assertEquals(1, skip.count(), "the --skip-bad-rows policy applies as to other bad rows");
    assertEquals(201, d.events().size());
    assertTrue(d.items().find("a b") >= 0);
    assertEquals(-1, d.items().find("a\nb"));
    assertEquals(8, d.items().size(), "\"a b\" is one item of its own, nothing was merged into it");
  }

  @Test
  void validIdsAreKeptExactlyOnlySurroundingSpacesAreRemoved() {
    String longest = "x".repeat(Ids.MAX_BYTES - 2) + "é";   // 1,024 bytes
    Path f = Fixtures.write(tmp, "events.csv", events(
        "  café 🎬 ,\"say \"\"hi\"\"\",1600000000",
        "u1," + longest + ",1600000001",
        "U1,a  b,1600000002"));
    SourceData d = csv(f, null, new BadRows(false));
    assertTrue(d.users().find("café 🎬") >= 0);
    assertTrue(d.users().find("U1") >= 0 && d.users().find("u1") >= 0, "no case folding");
    assertTrue(d.items().find("say \"hi\"") >= 0);
    assertTrue(d.items().find(longest) >= 0);
    assertTrue(d.items().find("a  b") >= 0, "inner spaces are kept");
  }

  @Test
  void everyIdColumnOfTheGenericFormatIsChecked() {
    String header = "user,item,timestamp,behavior,category";
    for (String[] c : new String[][] {
        {"u\u00011,i1,1600000000,pv,c1", "user \"u\\u00011\" contains a control character U+0001"},
        {"u1,i\t1,1600000000,pv,c1", "item \"i\\u00091\" contains a control character U+0009"},
        {"u1,i1\t,1600000000,pv,c1", "item \"i1\\u0009\" contains a control character U+0009"},
        {"u1,i1,1600000000,p\u007fv,c1", "behavior \"p\\u007fv\" contains a control character U+007F"},
        {"u1,i1,1600000000,pv,c\u00851", "category \"c\\u00851\" contains a control character U+0085"}}) {
      Path f = Fixtures.write(tmp, "events.csv", header, "u1,i1,1500000000,pv,c1", c[0]);
      BadInputException e = strict(f, null);
      assertEquals(3, e.line());
      assertTrue(e.problem().startsWith(c[1]), e.problem());
    }
    Path f = Fixtures.write(tmp, "events.csv", header, "u1," + "y".repeat(1025) + ",1600000000,pv,c1");
    assertTrue(strict(f, null).problem().endsWith("is 1025 bytes long in UTF-8; ids are at most 1024 bytes"));

    Path events = Fixtures.write(tmp, "ev.csv", "user,item,timestamp", "u1,i1,1600000000");
    Path items = Fixtures.write(tmp, "items.csv", "item,category", "i1,ok|b\u0000d");
    BadInputException e = strict(events, items);
    assertEquals("items.csv", e.file());
    assertTrue(e.problem().startsWith("category \"b\\u0000d\" contains a control character U+0000"), e.problem());
    items = Fixtures.write(tmp, "items.csv", "item,category", "\"i\r1\",c");
    assertTrue(strict(events, items).problem().startsWith("item \"i\\u000d1\""));
  }

  @Test
  void movieLensGenresAreChecked() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("ml"));
    Fixtures.write(d, "movies.csv", "movieId,title,genres", "1,Toy Story (1995),Animation|Com\u001bedy");
    Fixtures.write(d, "ratings.csv", "userId,movieId,rating,timestamp", "1,1,4.0,964982703");
    BadInputException e = assertThrows(BadInputException.class,
        () -> MovieLensReader.read(d, 10, ReadOptions.defaults(), new BadRows(false), null));
    assertEquals("movies.csv", e.file());
    assertEquals(2, e.line());
    assertTrue(e.problem().startsWith("genre \"Com\\u001bedy\" contains a control character U+001B"), e.problem());

    Path k = Files.createDirectories(tmp.resolve("ml-100k"));
    Fixtures.write(k, "u.genre", "unknown|0", "Dra\u0007ma|1");
    Fixtures.write(k, "u.item", "1|Toy Story (1995)|01-Jan-1995||http://x|0|1");
    Fixtures.write(k, "u.data", "1\t1\t4\t964982703");
    e = assertThrows(BadInputException.class, () -> MovieLensReader.read(k, 10, ReadOptions.defaults(), new BadRows(false), null));
    assertEquals("u.genre", e.file());
    assertTrue(e.problem().startsWith("genre \"Dra\\u0007ma\""), e.problem());
  }

  @Test
  void amazonUsersItemsAndMetadataCategoriesAreChecked() {
    String ok = "{\"overall\": 5.0, \"reviewerID\": \"A1\", \"asin\": \"B1\", \"unixReviewTime\": 1252800000}";
    Path reviews = Fixtures.write(tmp, "r.json", ok,
        "{\"overall\": 4.0, \"reviewerID\": \"A\\u00002\", \"asin\": \"B1\", \"unixReviewTime\": 1252800001}");
    BadInputException e = assertThrows(BadInputException.class, () -> amazon(reviews, null));
    assertEquals(2, e.line());
    assertTrue(e.problem().startsWith("reviewerID \"A\\u00002\" contains a control character U+0000"), e.problem());

    Path surrogate = Fixtures.write(tmp, "s.json", ok,
        "{\"rating\": 4.0, \"user_id\": \"A2\", \"parent_asin\": \"B\\ud800\", \"timestamp\": 1252800001}");
    e = assertThrows(BadInputException.class, () -> amazon(surrogate, null));
    assertTrue(e.problem().startsWith("parent_asin \"B\\ud800\" is not valid Unicode: unpaired surrogate U+D800"), e.problem());

    Path meta = Fixtures.write(tmp, "meta.json", "{\"asin\": \"B1\", \"title\": \"T\", \"category\": [\"Books\", \"Myst\\tery\"]}");
    e = assertThrows(BadInputException.class, () -> amazon(Fixtures.write(tmp, "ok.json", ok), meta));
    assertEquals("meta.json", e.file());
    assertTrue(e.problem().startsWith("category \"Myst\\u0009ery\""), e.problem());
  }

  @Test
  void taobaoIdsAreCanonicalIntegersAndBadOnesAreBadRows() {
    Path f = Fixtures.write(tmp, "ub.csv", "1,2,3,pv,1511539300", "1,\"2\n\",3,pv,1511539301");
    BadInputException e = assertThrows(BadInputException.class,
        () -> TaobaoReader.read(f, ReadOptions.defaults(), new BadRows(false), null));
    assertEquals(2, e.line());
    assertTrue(e.problem().startsWith("non-numeric item_id"), e.problem());
  }

  private static SourceData amazon(Path reviews, Path meta) {
    return AmazonReader.read(AmazonInputs.of(reviews, meta), ReadOptions.defaults(), new BadRows(false), null);
  }
}
