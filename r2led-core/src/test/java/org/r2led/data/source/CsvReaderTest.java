package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private CsvReader reader(String content, char delimiter) throws IOException {
    Path f = Files.writeString(dir.resolve("f.csv"), content, StandardCharsets.UTF_8);
    return new CsvReader(f, "f.csv", delimiter);
  }

  @Test
  void quotedFieldsDoubledQuotesEmbeddedNewlinesCrlfBomAndBlankLines() throws IOException {
    String text = "\uFEFFa,b,c\n"
        + "1,\"American President, The (1995)\",\"say \"\"hi\"\"\"\r\n"
        + "\n"
        + "2,\"multi\nline\",z\n"
        + "3,,\n";
    try (CsvReader r = reader(text, ',')) {
      CsvReader.Row h = r.next();
      assertEquals(1, h.line());
      assertEquals(List.of("a", "b", "c"), h.fields());
      CsvReader.Row r1 = r.next();
      assertEquals(2, r1.line());
      assertEquals(List.of("1", "American President, The (1995)", "say \"hi\""), r1.fields());
      assertNull(r1.problem());
      CsvReader.Row r2 = r.next();
      assertEquals(4, r2.line(), "blank line 3 is skipped");
      assertEquals(List.of("2", "multi\nline", "z"), r2.fields());
      CsvReader.Row r3 = r.next();
      assertEquals(6, r3.line(), "the quoted line break counts as a line");
      assertEquals(List.of("3", "", ""), r3.fields());
      assertEquals("3,,", r3.text());
      assertNull(r.next());
    }
  }

  @Test
  void quoteInsideUnquotedFieldIsLiteralAndTextAfterClosingQuoteIsAProblem() throws IOException {
    try (CsvReader r = reader("ab\"c,d\n\"ab\"x,d\n", ',')) {
      CsvReader.Row a = r.next();
      assertEquals(List.of("ab\"c", "d"), a.fields());
      assertNull(a.problem());
      CsvReader.Row b = r.next();
      assertEquals(2, b.line());
      assertTrue(b.problem().contains("after a closing quote"), b.problem());
    }
  }

  @Test
  void unterminatedQuoteIsReportedWithItsOpeningLineAndCostsOnlyThatLine() throws IOException {
    try (CsvReader r = reader("1,2\n3,\"open\n4,5\n", ',')) {
      r.next();
      CsvReader.Row bad = r.next();
      assertEquals(2, bad.line());
      assertEquals("3,\"open", bad.text());
      assertTrue(bad.problem().contains("opened at line 2 is not closed before the end of the file"), bad.problem());
      CsvReader.Row next = r.next();
      assertEquals(3, next.line());
      assertEquals(List.of("4", "5"), next.fields());
      assertNull(next.problem());
      assertNull(r.next());
    }
  }

  @Test
  void tabDelimitedAndDelimiterDetection() throws IOException {
    assertEquals("\t", CsvReader.detectDelimiter("user\titem\ttimestamp"));
    assertEquals(",", CsvReader.detectDelimiter("user,item,timestamp"));
    assertEquals("\t", CsvReader.parseDelimiter("tab"));
    assertEquals(";", CsvReader.parseDelimiter(";"));
    assertEquals("::", CsvReader.parseDelimiter("::"));
    try (CsvReader r = reader("a\tb, c\n", '\t')) {
      assertEquals(List.of("a", "b, c"), r.next().fields());
    }
  }

  @Test
  void lastLineWithoutTerminatorAndOldMacLineEnds() throws IOException {
    try (CsvReader r = reader("a,b\rc,d\re,f", ',')) {
      assertEquals(List.of("a", "b"), r.next().fields());
      CsvReader.Row second = r.next();
      assertEquals(2, second.line());
      assertEquals(List.of("c", "d"), second.fields());
      CsvReader.Row third = r.next();
      assertEquals(3, third.line());
      assertEquals(List.of("e", "f"), third.fields());
      assertNull(r.next());
    }
  }

  @Test
  void ratingBehaviorNames() {
    assertEquals("r4.0", Fields.ratingBehavior(4.0));
    assertEquals("r0.5", Fields.ratingBehavior(0.5));
    assertEquals("r10.0", Fields.ratingBehavior(10));
    assertEquals("r3.25", Fields.ratingBehavior(3.25));
    assertEquals(3.25, Fields.ratingOf("r3.25"));
  }
}
