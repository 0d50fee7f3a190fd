package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;

/** Bounded quotes, the skipped-row share, checked decoding, multi-character delimiters and gzip input. */
class CsvInputTest {
  @TempDir Path tmp;

  private static List<String> eventLines(int n) {
    List<String> lines = new ArrayList<>(List.of("user,item,timestamp"));
    for (int i = 0; i < n; i++) lines.add("u" + (i % 7) + ",i" + (i % 11) + "," + (1_500_000_000L + i));
    return lines;
  }

  private static SourceData read(Path events, Path items, BadRows bad, ReadOptions ro) {
    return GenericCsvReader.read(events, items, GenericCsvReader.Options.defaults(), ro, bad, null);
  }

  @Test
  void anUnterminatedQuoteCostsOneRowNotTheRestOfTheFile() {
    List<String> lines = eventLines(1200);
    lines.set(5, "u1,\"i3,1500000004");
    Path f = Fixtures.write(tmp, "events.csv", lines);
    BadRows bad = new BadRows(true);
    SourceData d = read(f, null, bad, ReadOptions.defaults());
    assertEquals(1199, d.events().size(), "every other row is kept");
    assertEquals(1, bad.count());
    assertTrue(bad.examples().get(0).startsWith("events.csv:6: quoted field opened at line 6 is not closed within "
        + CsvReader.MAX_QUOTED_LINES + " lines; the row ends with that line"), bad.examples().get(0));
    assertTrue(bad.examples().get(0).endsWith("(text: \"u1,\"i3,1500000004\")"), bad.examples().get(0));

    BadInputException strict = assertThrows(BadInputException.class, () -> read(f, null, new BadRows(false), ReadOptions.defaults()));
    assertEquals(6, strict.line());
  }

  @Test
  void aQuotedFieldMaySpanLinesUpToTheBound() throws IOException {
    StringBuilder sb = new StringBuilder("a,\"x");
    for (int i = 0; i < CsvReader.MAX_QUOTED_LINES; i++) sb.append("\nline").append(i);
    sb.append("\",b\nc,d\n");
    Path f = Files.writeString(tmp.resolve("f.csv"), sb.toString());
    try (CsvReader r = new CsvReader(f, "f.csv", ',')) {
      CsvReader.Row row = r.next();
      assertNull(row.problem());
      assertEquals(3, row.size());
      CsvReader.Row next = r.next();
      assertEquals(CsvReader.MAX_QUOTED_LINES + 2, next.line());
      assertEquals(List.of("c", "d"), next.fields());
    }
  }

  @Test
  void skippingMoreThanTheShareStopsWithCountsAndExamples() {
    List<String> lines = eventLines(100);
    lines.set(10, "u1,i1,yesterday");
    lines.set(20, "u1,i1");
    Path f = Fixtures.write(tmp, "events.csv", lines);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(f, null, new BadRows(true), ReadOptions.defaults()));
    assertTrue(e.getMessage().startsWith("events.csv: 2 of 100 rows are bad (2.00 %), more than --skip-bad-rows may drop"
        + " (--max-bad-rows-share 0.01 = 1 %)"), e.getMessage());
    assertTrue(e.getMessage().contains("\n  events.csv:11: non-numeric timestamp 'yesterday'"), e.getMessage());
    assertTrue(e.getMessage().contains("\n  events.csv:21: wrong column count: 2 (expected 3)"), e.getMessage());
    BadRows lenient = new BadRows(true, 0.05);
    assertEquals(98, read(f, null, lenient, ReadOptions.defaults()).events().size());
    assertEquals(2, lenient.count());
  }

  @Test
  void latin1UnderUtf8NamesFileLineAndByteOffsetAndIso88591ReadsIt() throws IOException {
    Path events = Fixtures.write(tmp, "events.csv", "user,item,timestamp", "u,a,1500000000", "u,b,1500000001");
    String items = "item,text\na,Plain\nb,Cr\u00e8me br\u00fbl\u00e9e\n";
    Path itemsFile = tmp.resolve("items.csv");
    Files.write(itemsFile, items.getBytes(StandardCharsets.ISO_8859_1));
    BadInputException e = assertThrows(BadInputException.class,
        () -> read(events, itemsFile, new BadRows(false), ReadOptions.defaults()));
    assertEquals("items.csv", e.file());
    assertEquals(3, e.line());
    assertTrue(e.problem().startsWith("undecodable byte 0xE8 at byte offset " + "item,text\na,Plain\nb,Cr".length()
        + " (not valid UTF-8; if the file is Latin-1, read it with --encoding ISO-8859-1)"), e.problem());
    SourceData d = read(events, itemsFile, new BadRows(false), new ReadOptions("ISO-8859-1", TimestampUnit.AUTO));
    assertEquals("Cr\u00e8me br\u00fbl\u00e9e", d.itemTexts().get(d.items().find("b")));
    assertThrows(IllegalArgumentException.class, () -> new ReadOptions("no-such-charset", TimestampUnit.AUTO));
  }

  @Test
  void undecodableBytesInARowAreSkippableAndNeverStoredAsReplacementChars() throws IOException {
    List<String> lines = eventLines(200);
    StringBuilder sb = new StringBuilder();
    for (String l : lines) sb.append(l).append('\n');
    byte[] utf8 = sb.toString().getBytes(StandardCharsets.UTF_8);
    int at = sb.indexOf("u3,i3");
    utf8[at + 1] = (byte) 0xFF; // "u3" -> "u\xFF"
    Path f = Files.write(tmp.resolve("events.csv"), utf8);
    BadRows bad = new BadRows(true);
    SourceData d = read(f, null, bad, ReadOptions.defaults());
    assertEquals(199, d.events().size());
    assertTrue(bad.examples().get(0).startsWith("events.csv:5: undecodable byte 0xFF at byte offset " + (at + 1)),
        bad.examples().get(0));
    for (int u = 0; u < d.users().size(); u++) assertFalse(d.users().raw(u).contains("\uFFFD"));
  }

  @Test
  void multiCharacterDelimitersQuotingOffAndGzip() throws IOException {
    Path f = Files.writeString(tmp.resolve("m.dat"), "1::\"Quoted\" title::a:b\n2::x::y\n");
    try (CsvReader r = new CsvReader(f, "m.dat", new CsvReader.Dialect("::", false, StandardCharsets.UTF_8))) {
      assertEquals(List.of("1", "\"Quoted\" title", "a:b"), r.next().fields());
      assertEquals(List.of("2", "x", "y"), r.next().fields());
    }
    Path q = Files.writeString(tmp.resolve("q.txt"), "a::\"b::c\"::d\n");
    try (CsvReader r = new CsvReader(q, "q.txt", new CsvReader.Dialect("::", true, StandardCharsets.UTF_8))) {
      assertEquals(List.of("a", "b::c", "d"), r.next().fields());
    }
    Path gz = tmp.resolve("e.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    }
    try (CsvReader r = new CsvReader(gz, "e.csv.gz", ',')) {
      assertEquals(List.of("a", "b"), r.next().fields());
      assertEquals(List.of("1", "2"), r.next().fields());
      assertNull(r.next());
    }
  }
}
