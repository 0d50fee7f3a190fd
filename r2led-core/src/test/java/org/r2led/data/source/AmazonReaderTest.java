package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;
import org.r2led.data.PreparedDataset;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareRequest;

/** Amazon reviews: 2014/2018 and 2023 field namings, plain and gzip files, metadata categories and text. */
class AmazonReaderTest {
  @TempDir Path tmp;

  private static Path gz(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private static SourceData read(Path input, Path items, PrintStream log) {
    return AmazonReader.read(AmazonInputs.of(input, items), ReadOptions.defaults(), new BadRows(false), log);
  }

  private static String text(SourceData d, String asin) {
    return d.itemTexts().get(d.items().find(asin));
  }

  private static String primary(SourceData d, String asin) {
    return d.categories().raw(d.itemCategories().get(d.items().find(asin))[0]);
  }

  @Test
  void release2018PlainFilesWithMetadata() {
    Path reviews = Fixtures.write(tmp, "Books_5.json",
        "{\"overall\": 5.0, \"verified\": true, \"reviewTime\": \"09 13, 2009\", \"reviewerID\": \"A1\", \"asin\": \"B001\", \"unixReviewTime\": 1252800000}",
        "{\"overall\": 2.0, \"reviewerID\": \"A1\", \"asin\": \"B002\", \"unixReviewTime\": 1252900000}",
        "",
        "{\"overall\": 4.0, \"reviewerID\": \"A2\", \"asin\": \"B001\", \"unixReviewTime\": 1253000000}");
    Path meta = Fixtures.write(tmp, "meta_Books.json",
        "{\"asin\": \"B001\", \"title\": \"Gone  Girl\", \"category\": [\"Books\", \"Literature & Fiction\", \"Mystery\"],"
            + " \"description\": [\"\", \"A  thriller\\nabout a marriage.\"], \"main_cat\": \"Books\"}",
        "{\"asin\": \"B001\", \"title\": \"Repeated\"}",
        "{\"asin\": \"B999\", \"title\": \"Nobody reviewed me\"}",
        "{\"asin\": \"B002\", \"title\": \"Cookbook\", \"category\": [], \"main_cat\": \"Kitchen\"}");
    SourceData d = read(reviews, meta, null);
    assertEquals("amazon", d.source());
    assertEquals(SourceData.Labels.RATING, d.labels());
    assertEquals(3, d.events().size());
    assertEquals(2, d.items().size(), "only reviewed items");
    assertEquals(List.of("r2.0", "r4.0", "r5.0"), d.behaviors());
    assertEquals("Gone Girl. Categories: Books, Literature & Fiction, Mystery. A thriller about a marriage.", text(d, "B001"));
    assertEquals("Mystery", primary(d, "B001"), "the most specific category is primary");
    assertEquals("Cookbook. Categories: Kitchen.", text(d, "B002"));
    assertEquals(1L, d.counts().get("metadata_items_repeated"));
    assertEquals(1L, d.counts().get("metadata_items_without_reviews"));
    assertEquals(0L, d.counts().get("items_without_metadata"));
  }

  @Test
  void release2023GzipDirectoryWithMillisecondTimestamps() throws IOException {
    Path dir = tmp.resolve("amazon23");
    gz(dir.resolve("All_Beauty.jsonl.gz"),
        "{\"rating\": 5.0, \"title\": \"Great\", \"asin\": \"B0X1\", \"parent_asin\": \"P1\", \"user_id\": \"U1\", \"timestamp\": 1588687728923}",
        "{\"rating\": 3.0, \"asin\": \"B0X2\", \"parent_asin\": \"P2\", \"user_id\": \"U1\", \"timestamp\": 1588687729000}",
        "{\"rating\": 1.0, \"asin\": \"B0X3\", \"parent_asin\": \"P1\", \"user_id\": \"U2\", \"timestamp\": 1588687730500}");
    gz(dir.resolve("meta_All_Beauty.jsonl.gz"),
        "{\"main_category\": \"All Beauty\", \"title\": \"Shampoo\", \"categories\": [], \"description\": [], \"parent_asin\": \"P1\"}");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SourceData d = read(dir, null, new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(2, d.items().size(), "items are parent_asin");
    assertEquals(1588687728L, d.events().ts(0));
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("All_Beauty.jsonl.gz: timestamps look like milliseconds"), log.toString());
    assertEquals("Shampoo. Categories: All Beauty.", text(d, "P1"));
    assertEquals("", text(d, "P2"));
    assertEquals(1L, d.counts().get("items_without_metadata"));
    assertEquals(Map.of("All_Beauty.jsonl.gz", "ms (detected)"), d.notes().get("timestamp_units"));
  }

  @Test
  void release2014MetadataInPythonLiteralsAndBadLines() {
    Path reviews = Fixtures.write(tmp, "reviews_Toys_5.json",
        "{\"reviewerID\": \"A1\", \"asin\": \"T1\", \"overall\": 4.0, \"unixReviewTime\": 1400000000}",
        "{\"reviewerID\": \"A2\", \"asin\": \"T1\", \"unixReviewTime\": 1400000001}");
    Path meta = Fixtures.write(tmp, "meta_Toys.json",
        "{'asin': 'T1', 'title': \"Rubik's Cube\", 'categories': [['Toys & Games', 'Puzzles'], ['Other']],"
            + " 'description': 'A  classic puzzle.'}");
    BadInputException e = assertThrows(BadInputException.class, () -> read(reviews, meta, null));
    assertEquals("reviews_Toys_5.json", e.file());
    assertEquals(2, e.line());
    assertEquals("missing field 'overall' (or 'rating')", e.problem());
    Fixtures.write(tmp, "reviews_Toys_5.json",
        "{\"reviewerID\": \"A1\", \"asin\": \"T1\", \"overall\": 4.0, \"unixReviewTime\": 1400000000}", "not json");
    BadInputException j = assertThrows(BadInputException.class, () -> read(reviews, meta, null));
    assertEquals(2, j.line());
    assertTrue(j.problem().startsWith("not valid JSON"), j.problem());
    Fixtures.write(tmp, "reviews_Toys_5.json",
        "{\"reviewerID\": \"A1\", \"asin\": \"T1\", \"overall\": 4.0, \"unixReviewTime\": 1400000000}");
    SourceData d = read(reviews, meta, null);
    assertEquals("Rubik's Cube. Categories: Toys & Games, Puzzles. A classic puzzle.", text(d, "T1"));
    assertEquals("Puzzles", primary(d, "T1"));
  }

  @Test
  void preparesWithTheRatingProtocol() {
    Path reviews = Fixtures.write(tmp, "Books_5.json",
        "{\"overall\": 5.0, \"reviewerID\": \"A1\", \"asin\": \"B1\", \"unixReviewTime\": 1252800000}",
        "{\"overall\": 3.0, \"reviewerID\": \"A1\", \"asin\": \"B2\", \"unixReviewTime\": 1252800001}");
    Path out = tmp.resolve("out");
    DatasetPreparer.prepare(new PrepareRequest(SourceFormat.AMAZON, reviews, null, out, false, Map.of(), false), null);
    PreparedDataset ds = PreparedDataset.open(out);
    assertEquals("amazon", ds.manifest().source());
    assertEquals("rating", ds.manifest().protocol().get("protocol"));
    assertEquals(4.0, ((Number) ds.manifest().protocol().get("rating.threshold")).doubleValue());
    assertEquals(2, ds.numEvents());
  }

  @Test
  void ambiguousDirectoriesAreRefusedNamingTheFiles() {
    Fixtures.write(tmp.resolve("two"), "a.json", "{}");
    Fixtures.write(tmp.resolve("two"), "b.json", "{}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AmazonInputs.of(tmp.resolve("two"), null));
    assertTrue(e.getMessage().contains("found reviews [a.json, b.json], metadata []"), e.getMessage());
  }
}
