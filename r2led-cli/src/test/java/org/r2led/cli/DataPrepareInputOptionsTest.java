package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input options of {@code data prepare}: --timestamp-unit, --encoding, --delimiter/--columns/--item-text, --max-bad-rows-share. */
class DataPrepareInputOptionsTest {
  @TempDir Path tmp;

  private Path events(long scale, int msLine) throws IOException {
    List<String> lines = new ArrayList<>(List.of("user,item,timestamp"));
    for (int i = 0; i < 40; i++) {
      long ts = (1_416_000_000L + 3600L * i) * (lines.size() + 1 == msLine ? 1000 : scale);
      lines.add("u" + (i % 2) + ",i" + (i % 6) + "," + ts);
    }
    return Files.write(tmp.resolve("events.csv"), lines);
  }

  @Test
  void oneMillisecondTimestampIsABadRowAndAMillisecondFileIsConvertedWithAWarning() throws IOException {
    Path mixed = events(1, 12);
    CliRun s = CliRun.of("data", "prepare", "--source", "csv", "--input", mixed.toString(), "--out", tmp.resolve("a").toString(),
        "--timestamp-unit", "s");
    assertEquals(2, s.code(), s.err());
    assertTrue(s.err().contains("error: events.csv:12: timestamp 1416036000000 is out of the accepted range"), s.err());
    CliRun auto = CliRun.of("data", "prepare", "--source", "csv", "--input", mixed.toString(), "--out", tmp.resolve("b").toString());
    assertEquals(2, auto.code(), auto.err());
    assertTrue(auto.err().contains("events.csv:12: timestamp 1416036000000"), auto.err());

    Path ms = events(1000, -1);
    CliRun conv = CliRun.of("data", "prepare", "--source", "csv", "--input", ms.toString(), "--out", tmp.resolve("c").toString(),
        "--set", "click.warmup=0");
    assertEquals(0, conv.code(), conv.err());
    assertTrue(conv.err().contains("warning: events.csv: timestamps look like milliseconds"), conv.err());
    CliRun bad = CliRun.of("data", "prepare", "--source", "csv", "--input", ms.toString(), "--out", tmp.resolve("d").toString(),
        "--timestamp-unit", "minutes");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("timestamp unit 'minutes': expected auto, s, ms or us"), bad.err());
  }

  @Test
  void headerlessDoubleColonFilesWithATemplateAndLatin1Encoding() throws IOException {
    Path ratings = Files.writeString(tmp.resolve("ratings.dat"), "1::10::4::978300760\n1::20::3::978300761\n2::10::5::978300762\n");
    Path movies = Files.write(tmp.resolve("movies.dat"),
        "10::Caf\u00e9 (1995)::Drama\n20::Up (2009)::Animation\n".getBytes(StandardCharsets.ISO_8859_1));
    Path out = tmp.resolve("ds");
    String[] args = {"data", "prepare", "--source", "csv", "--input", ratings.toString(), "--items", movies.toString(),
        "--out", out.toString(), "--delimiter", "::", "--columns", "user,item,rating,ts", "--item-columns", "item,title,category",
        "--item-text", "{title}. Genres: {category}."};
    CliRun utf8 = CliRun.of(args);
    assertEquals(2, utf8.code(), utf8.err());
    assertTrue(utf8.err().contains("error: movies.dat:1: undecodable byte 0xE9 at byte offset 7"), utf8.err());
    assertTrue(utf8.err().contains("--encoding ISO-8859-1"), utf8.err());
    assertFalse(utf8.err().contains("Input length"), utf8.err());

    List<String> latin1 = new ArrayList<>(List.of(args));
    latin1.addAll(List.of("--encoding", "ISO-8859-1"));
    CliRun ok = CliRun.of(latin1.toArray(new String[0]));
    assertEquals(0, ok.code(), ok.err());
    String texts = Files.readString(out.resolve("items/text.txt"));
    assertTrue(texts.contains("Caf\u00e9 (1995). Genres: Drama."), texts);
    assertFalse(texts.contains("\uFFFD"), texts);

    CliRun wrongSource = CliRun.of("data", "prepare", "--source", "taobao", "--input", ratings.toString(), "--out",
        tmp.resolve("t").toString(), "--columns", "user,item");
    assertEquals(2, wrongSource.code());
    assertTrue(wrongSource.err().contains("only read with --source csv"), wrongSource.err());
  }

  @Test
  void helpListsTheInputOptions() {
    CliRun h = CliRun.of("data", "prepare", "--help");
    assertEquals(0, h.code(), h.err());
    for (String o : List.of("--encoding", "--timestamp-unit", "--max-bad-rows-share", "--delimiter", "--columns",
        "--item-columns", "--item-text", "movielens|taobao|csv|amazon", "(default 0.01 = 1")) {
      assertTrue(h.out().contains(o), o + " in\n" + h.out());
    }
  }
}
