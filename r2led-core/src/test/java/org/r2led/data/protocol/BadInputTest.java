package org.r2led.data.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;
import org.r2led.data.Manifest;
import org.r2led.data.PreparedDataset;
import org.r2led.data.source.BadInputException;
import org.r2led.data.source.SourceFormat;

/** Malformed rows fail with file:line and the text by default; --skip-bad-rows counts and reports them. */
class BadInputTest {
  @TempDir Path tmp;

  private RuntimeException fail(SourceFormat f, Path input, Path items) {
    return assertThrows(RuntimeException.class, () -> DatasetPreparer.prepare(
        new PrepareRequest(f, input, items, tmp.resolve("out"), false, Map.of(), false), null));
  }

  private BadInputException failTaobao(String badRow) {
    Path f = Fixtures.write(tmp, "UserBehavior.csv", "1,2,3,pv,100", badRow, "1,3,3,pv,200");
    RuntimeException e = fail(SourceFormat.TAOBAO, f, null);
    return assertInstanceOfBad(e);
  }

  private static BadInputException assertInstanceOfBad(RuntimeException e) {
    assertTrue(e instanceof BadInputException, "expected a BadInputException, got " + e);
    return (BadInputException) e;
  }

  @Test
  void taobaoRowsNameFileLineProblemAndText() {
    assertEquals("UserBehavior.csv:2: wrong column count: 4 (expected 5) (text: \"1,2,3,pv\")",
        failTaobao("1,2,3,pv").getMessage());
    assertEquals("UserBehavior.csv:2: non-numeric user_id 'x1' (expected an integer id) (text: \"x1,2,3,pv,100\")",
        failTaobao("x1,2,3,pv,100").getMessage());
    BadInputException e = failTaobao("1,2,3,click,100");
    assertEquals(2, e.line());
    assertTrue(e.problem().startsWith("unknown behavior type 'click' (expected one of pv, cart, fav, buy)"), e.problem());
    assertEquals("missing field 'timestamp'", failTaobao("1,2,3,pv,").problem());
    assertTrue(failTaobao("1,2,3,pv,12.5").problem().startsWith("non-numeric timestamp '12.5'"));
    assertTrue(failTaobao("1,\"2,3,pv,5").problem().contains("not closed"));
  }

  private Path movieLens(String rating, String tag) {
    Path d = tmp.resolve("ml");
    Fixtures.write(d, "movies.csv", "movieId,title,genres", "1,A (1990),Drama", "2,B (1991),Comedy");
    Fixtures.write(d, "ratings.csv", "userId,movieId,rating,timestamp", "1,1,4.0,10", rating);
    Fixtures.write(d, "tags.csv", "userId,movieId,tag,timestamp", tag);
    return d;
  }

  @Test
  void movieLensUnknownMovieNonNumericRatingAndHeader() {
    assertEquals("ratings.csv:3: unknown movieId 99 (not in movies.csv) (text: \"1,99,3.0,11\")",
        fail(SourceFormat.MOVIELENS, movieLens("1,99,3.0,11", "1,1,good,5"), null).getMessage());
    assertEquals("ratings.csv:3: non-numeric rating 'four' (expected a number) (text: \"1,2,four,11\")",
        fail(SourceFormat.MOVIELENS, movieLens("1,2,four,11", "1,1,good,5"), null).getMessage());
    assertTrue(fail(SourceFormat.MOVIELENS, movieLens("1,2,3.0,11", "1,7,good,5"), null).getMessage()
        .startsWith("tags.csv:2: unknown movieId 7 (not in movies.csv)"));
    Path d = movieLens("1,2,3.0,11", "1,1,good,5");
    Fixtures.write(d, "ratings.csv", "user,movie,rating,timestamp", "1,1,4.0,10");
    assertTrue(fail(SourceFormat.MOVIELENS, d, null).getMessage()
        .startsWith("ratings.csv:1: unexpected header (expected userId,movieId,rating,timestamp)"));
  }

  @Test
  void genericLabelUnknownItemAndMissingColumn() {
    Path items = Fixtures.write(tmp, "items.csv", "item,category,text", "a,c,A");
    Path ev = Fixtures.write(tmp, "events.csv", "user,item,timestamp,label", "u,a,1,1", "u,a,2,2");
    assertTrue(fail(SourceFormat.CSV, ev, items).getMessage().startsWith("events.csv:3: label '2' is not 0 or 1"));
    ev = Fixtures.write(tmp, "events.csv", "user,item,timestamp,label", "u,a,1,1", "u,zz,2,0");
    assertTrue(fail(SourceFormat.CSV, ev, items).getMessage().startsWith("events.csv:3: unknown item 'zz' (not in items.csv)"));
    ev = Fixtures.write(tmp, "events.csv", "uid,item,timestamp", "u,a,1");
    assertTrue(fail(SourceFormat.CSV, ev, items).getMessage().startsWith("events.csv:1: header has no 'user' column"));
  }

  @Test
  void skipModeCountsKeepsTheFirstFiveExamplesAndLosesNothingValid() {
    Path f = Fixtures.write(tmp, "UserBehavior.csv",
        "1,1,3,pv,100", "bad", "1,2,3,pv,x", "1,3,3,pv", "1,2,3,pv,200", "2,2,3,zap,1", ",2,3,pv,1", "2,2,3,pv,1,9",
        "2,5,3,buy,300", "2,x,3,pv,1");
    PrepareResult r = DatasetPreparer.prepare(new PrepareRequest(SourceFormat.TAOBAO, f, null, tmp.resolve("out"), true,
        Map.of("click.warmup", "0", "click.window_start", "0", "click.valid_start", "150",
            "click.test_start", "250", "click.window_end", "1000", "input.max_bad_rows_share", "1"), false), null);
    assertEquals(7, r.badRowsSkipped());
    assertEquals(5, r.badRowExamples().size());
    assertTrue(r.badRowExamples().get(0).startsWith("UserBehavior.csv:2: wrong column count: 1 (expected 5)"));
    assertTrue(r.badRowExamples().get(4).startsWith("UserBehavior.csv:7: missing field 'user_id'"));
    Manifest m = PreparedDataset.open(tmp.resolve("out")).manifest();
    assertEquals(7, m.count("bad_rows_skipped"));
    assertEquals(3, m.count("events"), "the three valid rows are kept");
    assertEquals(r.badRowExamples(), m.notes().get("bad_row_examples"));
  }

  @Test
  void emptyInputsFailClearly() {
    Path empty = Fixtures.write(tmp, "empty.csv");
    assertTrue(fail(SourceFormat.TAOBAO, empty, null).getMessage().startsWith("no events to prepare"));
    assertEquals("empty.csv:1: file is empty (expected a header row naming the columns user,item,timestamp) (text: \"\")",
        fail(SourceFormat.CSV, empty, null).getMessage());
    Path d = movieLens("1,2,3.0,11", "1,1,good,5");
    Fixtures.write(d, "ratings.csv", "userId,movieId,rating,timestamp");
    assertTrue(fail(SourceFormat.MOVIELENS, d, null).getMessage().startsWith("no events to prepare"));
    Fixtures.write(d, "ratings.csv");
    assertTrue(fail(SourceFormat.MOVIELENS, d, null).getMessage().startsWith("ratings.csv:1: file is empty"));
    Path allBad = Fixtures.write(tmp, "bad.csv", "a", "b");
    RuntimeException e = assertThrows(RuntimeException.class, () -> DatasetPreparer.prepare(
        new PrepareRequest(SourceFormat.TAOBAO, allBad, null, tmp.resolve("out"), true,
            Map.of("input.max_bad_rows_share", "1"), false), null));
    assertTrue(e.getMessage().contains("2 bad rows skipped"), e.getMessage());
  }

  @Test
  void unknownOrMalformedParametersNameTheKey() {
    Path f = Fixtures.write(tmp, "UserBehavior.csv", "1,2,3,pv,100");
    RuntimeException e = assertThrows(IllegalArgumentException.class, () -> DatasetPreparer.prepare(new PrepareRequest(
        SourceFormat.TAOBAO, f, null, tmp.resolve("out"), false, Map.of("rating.threshold", "3"), false), null));
    assertTrue(e.getMessage().startsWith("unknown parameter 'rating.threshold' for the click protocol"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DatasetPreparer.prepare(new PrepareRequest(
        SourceFormat.TAOBAO, f, null, tmp.resolve("out"), false, Map.of("click.warmup", "ten"), false), null));
    assertEquals("config key 'click.warmup' has invalid value 'ten' (--set click.warmup=ten); expected an integer in [0, 2147483647]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DatasetPreparer.prepare(new PrepareRequest(
        SourceFormat.TAOBAO, f, null, tmp.resolve("out"), false, Map.of("input.max_line_bytes", "5"), false), null));
    assertTrue(e.getMessage().startsWith("config key 'input.max_line_bytes' has invalid value '5' (--max-line-bytes 5 or --set "
        + "input.max_line_bytes=5); expected an integer in ["), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DatasetPreparer.prepare(new PrepareRequest(
        SourceFormat.TAOBAO, f, null, tmp.resolve("out"), false, Map.of("duplicates", "merge"), false), null));
    assertEquals("config key 'duplicates' has invalid value 'merge' (--set duplicates=merge); expected one of drop, keep", e.getMessage());
  }

  @Test
  void valuesThatMustAgreeNameTheKeyTheValueAndBothOrigins() {
    ProtocolParams p = ProtocolParams.defaults(SourceFormat.MOVIELENS, "rating", org.r2led.data.source.SourceData.Labels.RATING);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.with(Map.of("split.valid_fraction", "0.5", "split.test_fraction", "0.6")));
    assertEquals("config key 'split.test_fraction' has invalid value '0.6' (--set split.test_fraction=0.6); expected a fraction "
        + "below 1 - split.valid_fraction (0.5, --set split.valid_fraction=0.5)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.with(Map.of("input.timestamp_unit", "minutes")));
    assertTrue(e.getMessage().startsWith("config key 'input.timestamp_unit' has invalid value 'minutes' (--timestamp-unit minutes"
        + " or --set input.timestamp_unit=minutes); expected a valid value (timestamp unit 'minutes': expected auto, s, ms or us)"),
        e.getMessage());
    assertEquals("MS", p.with(Map.of("input.timestamp_unit", " MS ")).string("input.timestamp_unit"), "kept as given, trimmed");
  }

  @Test
  void refusesToOverwriteAForeignDirectory() {
    Path f = Fixtures.write(tmp, "UserBehavior.csv", "1,2,3,pv,100");
    Path out = tmp.resolve("notes");
    Fixtures.write(out, "my-notes.txt", "keep me");
    RuntimeException e = assertThrows(IllegalArgumentException.class, () -> DatasetPreparer.prepare(
        new PrepareRequest(SourceFormat.TAOBAO, f, null, out, false, Map.of(), false), null));
    assertTrue(e.getMessage().contains("is not empty and is not r2led dataset output (found my-notes.txt)"), e.getMessage());
    assertTrue(java.nio.file.Files.exists(out.resolve("my-notes.txt")));
  }
}
