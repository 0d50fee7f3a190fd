package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;

/** The accepted timestamp range and the unit rule: bad values are rows named by file and line, ms files are converted. */
class TimestampColumnTest {
  @TempDir Path tmp;

  private Path events(List<Long> ts, int badLine, String badValue) {
    List<String> lines = new ArrayList<>(List.of("user,item,timestamp"));
    for (int i = 0; i < ts.size(); i++) {
      lines.add("u" + (i % 3) + ",i" + (i % 5) + "," + (lines.size() + 1 == badLine ? badValue : ts.get(i)));
    }
    return Fixtures.write(tmp, "events.csv", lines);
  }

  private static List<Long> seconds(int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(1_416_000_000L + 60L * i);
    return out;
  }

  private static SourceData read(Path f, TimestampUnit unit, PrintStream log) {
    return GenericCsvReader.read(f, null, GenericCsvReader.Options.defaults(), new ReadOptions("auto", unit),
        new BadRows(false), log);
  }

  private BadInputException bad(String value, TimestampUnit unit) {
    Path f = events(seconds(20), 8, value);
    return assertThrows(BadInputException.class, () -> read(f, unit, null));
  }

  @Test
  void negativeAndHugeValuesAreBadRowsNamingFileLineValueAndRange() {
    for (String v : List.of("-5", "9000000000000000000", "0")) {
      BadInputException e = bad(v, TimestampUnit.AUTO);
      assertEquals("events.csv", e.file());
      assertEquals(8, e.line());
      assertTrue(e.problem().startsWith("timestamp " + v + " is out of the accepted range: expected seconds since"
          + " 1970-01-01 in (0, 4102444800), i.e. 1970-01-01 .. 2100-01-01"), e.problem());
      assertTrue(e.getMessage().startsWith("events.csv:8: timestamp " + v), e.getMessage());
    }
  }

  @Test
  void oneMillisecondValueAmongSecondsIsABadRowUnderUnitSAndAuto() {
    for (TimestampUnit unit : List.of(TimestampUnit.S, TimestampUnit.AUTO)) {
      BadInputException e = bad("1416000000000", unit);
      assertEquals(8, e.line());
      assertTrue(e.problem().startsWith("timestamp 1416000000000 is out of the accepted range"), e.problem());
      assertTrue(e.problem().endsWith("it looks like milliseconds — see --timestamp-unit"), e.problem());
    }
  }

  @Test
  void aFileOfMillisecondsIsDetectedConvertedAndWarnedAbout() {
    List<Long> ms = new ArrayList<>();
    for (long s : seconds(12)) ms.add(s * 1000 + 999);
    Path f = events(ms, -1, null);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SourceData d = read(f, TimestampUnit.AUTO, new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(1_416_000_000L, d.events().ts(0), "floor of ms / 1000");
    assertEquals(1_416_000_060L, d.events().ts(1));
    String warning = log.toString(StandardCharsets.UTF_8);
    assertTrue(warning.contains("warning: events.csv: timestamps look like milliseconds"), warning);
    assertTrue(warning.contains("--timestamp-unit"), warning);
    assertEquals(Map.of("events.csv", "ms (detected)"), d.notes().get("timestamp_units"));

    BadInputException e = assertThrows(BadInputException.class, () -> read(f, TimestampUnit.S, null));
    assertEquals(2, e.line(), "with unit s the first ms value is a bad row");
    SourceData explicit = read(f, TimestampUnit.MS, null);
    assertEquals(1_416_000_000L, explicit.events().ts(0));
  }

  @Test
  void unitDetectionByMedian() {
    assertEquals(TimestampUnit.S, TimestampColumn.detect(1_500_000_000L));
    assertEquals(TimestampUnit.MS, TimestampColumn.detect(1_500_000_000_000L));
    assertEquals(TimestampUnit.US, TimestampColumn.detect(1_500_000_000_000_000L));
    assertEquals(TimestampUnit.S, TimestampColumn.detect(-3), "nothing fits: seconds, values become bad rows");
    assertThrows(IllegalArgumentException.class, () -> TimestampUnit.parse("minutes"));
  }
}
