package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;

/**
 * The row limit ({@link ReadOptions#maxLineBytes()}): a longer row is a bad row naming file, line and
 * the byte offset where it starts, raised at the limit with bounded memory, and reading goes on after
 * its line; free-text fields have their own limit ({@link Fields#MAX_TEXT_BYTES}).
 */
class RowLengthLimitTest {
  @TempDir Path tmp;

  static final ReadOptions SMALL = new ReadOptions("auto", TimestampUnit.AUTO, 4096);

  /** A file of {@code head}, then {@code n} bytes of 'x' (no line break), then {@code tail}. */
  private Path withLongLine(String name, String head, long n, String tail) throws IOException {
    Path f = tmp.resolve(name);
    byte[] chunk = new byte[1 << 16];
    Arrays.fill(chunk, (byte) 'x');
    try (OutputStream out = Files.newOutputStream(f)) {
      out.write(head.getBytes(StandardCharsets.UTF_8));
      for (long left = n; left > 0; left -= chunk.length) out.write(chunk, 0, (int) Math.min(left, chunk.length));
      out.write(tail.getBytes(StandardCharsets.UTF_8));
    }
    return f;
  }

  private static SourceData csv(Path events, ReadOptions ro, BadRows bad) {
    return GenericCsvReader.read(events, null, GenericCsvReader.Options.defaults(), ro, bad, null);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  @Test
  void aLongLineIsABadRowNamingFileLineAndByteOffsetAndReadingGoesOn() throws IOException {
    String head = "user,item,timestamp\nu1,i1,1500000000\ncafé,i2,1500000001\nu2,";   // line 4 starts at byte 57
    Path f = withLongLine("events.csv", head, 3_000_000, ",1500000002\nu3,i3,1500000003\nu4,\"i4\nx\",1500000004\n");
    BadInputException e = assertThrows(BadInputException.class, () -> csv(f, SMALL, new BadRows(false)));
    assertEquals("events.csv", e.file());
    assertEquals(4, e.line());
    assertEquals("row starting at byte offset 57 is longer than 4,096 bytes, the limit for one row (raise it with"
        + " --max-line-bytes)", e.problem());
    assertEquals(200, e.text().length(), "only a prefix of the row is kept for the message");

    BadRows skip = new BadRows(true, 1);
    SourceData d = csv(f, SMALL, skip);
    assertEquals(3, d.events().size(), "the rows before and after the long one are read");
    assertEquals(2, skip.count());
    assertTrue(skip.examples().get(1).startsWith("events.csv:6: item \"i4\\u000ax\""), "line numbers stay right after it: "
        + skip.examples().get(1));

    // the default limit (1 MiB) also refuses the row; raising it lets the row through to the id rule
    assertEquals(4, assertThrows(BadInputException.class, () -> csv(f, ReadOptions.defaults(), new BadRows(false))).line());
    BadInputException id = assertThrows(BadInputException.class,
        () -> csv(f, new ReadOptions("auto", TimestampUnit.AUTO, 4 << 20), new BadRows(false)));
    assertTrue(id.problem().startsWith("item \"xxx") && id.problem().endsWith("is 3000000 bytes long in UTF-8; ids are at most"
        + " 1024 bytes"), "a 3 MB item id is never accepted: " + id.problem());
  }

  @Test
  void aQuotedFieldPastTheLimitEndsAtItsFirstLine() {
    StringBuilder sb = new StringBuilder("u1,\"stray");
    List<String> lines = new java.util.ArrayList<>(List.of("user,item,timestamp", "u0,i0,1500000000"));
    lines.add(sb.toString());
    for (int i = 0; i < 60; i++) lines.add("u" + i + "," + "i".repeat(100) + "," + (1500000001L + i));
    Path f = Fixtures.write(tmp, "q.csv", lines);
    BadRows skip = new BadRows(true, 1);
    SourceData d = csv(f, SMALL, skip);
    assertEquals(1, skip.count(), "one stray quote costs one row, also when the limit stops it");
    assertTrue(skip.examples().get(0).startsWith("q.csv:3: quoted field opened at line 3 is not closed within 4,096 bytes;"
        + " the row ends with that line"), skip.examples().get(0));
    assertEquals(61, d.events().size());
  }

  @Test
  void aFileWithoutLineBreaksFailsFastWithBoundedMemory() throws IOException {
    Path csv = withLongLine("huge.csv", "", 50L << 20, "");
    long t0 = System.nanoTime();
    long a0 = allocatedBytes();
    BadInputException e = assertThrows(BadInputException.class, () -> csv(csv, ReadOptions.defaults(), new BadRows(false)));
    long allocated = allocatedBytes() - a0;
    assertEquals(1, e.line());
    assertTrue(e.problem().startsWith("row starting at byte offset 0 is longer than 1,048,576 bytes"), e.problem());
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "fails at the limit, not at the end of the file");
    assertTrue(allocated < 64L << 20, "allocated " + allocated + " bytes reading a 50 MB line");

    // with --skip-bad-rows the rest of the line is read past without being kept
    Path taobao = withLongLine("ub.csv", "1,2,3,pv,1511539300\n", 50L << 20, "\n1,2,3,pv,1511539301\n");
    long a1 = allocatedBytes();
    IllegalArgumentException share = assertThrows(IllegalArgumentException.class,
        () -> TaobaoReader.read(taobao, ReadOptions.defaults(), new BadRows(true), null));
    long skipping = allocatedBytes() - a1;
    assertTrue(share.getMessage().startsWith("ub.csv: 1 of 3 rows are bad"), share.getMessage());
    assertTrue(share.getMessage().contains("ub.csv:2: row starting at byte offset 20 is longer"), share.getMessage());
    assertTrue(skipping < 64L << 20, "allocated " + skipping + " bytes skipping a 50 MB line");
  }

  @Test
  void jsonLinesHaveTheSameLimit() throws IOException {
    String ok = "{\"overall\": 5.0, \"reviewerID\": \"A1\", \"asin\": \"B1\", \"unixReviewTime\": 1252800000}\n";
    Path f = withLongLine("r.json", ok + "{\"overall\": 4.0, \"reviewText\": \"", 10_000, "\"}\r\n" + ok);
    BadInputException e = assertThrows(BadInputException.class,
        () -> AmazonReader.read(AmazonInputs.of(f, null), SMALL, new BadRows(false), null));
    assertEquals(2, e.line());
    assertEquals(ok.length(), Long.parseLong(e.problem().replaceAll("^row starting at byte offset (\\d+) .*$", "$1")));
    BadRows skip = new BadRows(true, 1);
    SourceData d = AmazonReader.read(AmazonInputs.of(f, null), SMALL, skip, null);
    assertEquals(2, d.events().size());
    assertEquals(1, skip.count());
  }

  @Test
  void freeTextHasItsOwnLargerLimit() {
    String title = "t".repeat(Fields.MAX_TEXT_BYTES + 1);
    Path events = Fixtures.write(tmp, "ev.csv", "user,item,timestamp", "u1,i1,1600000000");
    Path items = Fixtures.write(tmp, "items.csv", "item,text", "i1," + "t".repeat(Fields.MAX_TEXT_BYTES), "i2," + title);
    BadInputException e = assertThrows(BadInputException.class, () -> GenericCsvReader.read(events, items,
        GenericCsvReader.Options.defaults(), ReadOptions.defaults(), new BadRows(false), null));
    assertEquals(3, e.line());
    assertEquals("text is 65537 bytes long in UTF-8; text fields are at most 65536 bytes", e.problem());
  }

  @Test
  void theLimitIsAProtocolParameterWithABound() {
    assertThrows(IllegalArgumentException.class, () -> new ReadOptions("auto", TimestampUnit.AUTO, 10));
    org.r2led.data.protocol.ProtocolParams p = org.r2led.data.protocol.ProtocolParams
        .defaults(SourceFormat.CSV, "click", SourceData.Labels.NONE)
        .with(java.util.Map.of("input.max_line_bytes", "8192"));
    assertEquals(8192, p.readOptions().maxLineBytes());
    assertEquals(ReadOptions.DEFAULT_MAX_LINE_BYTES, ReadOptions.defaults().maxLineBytes());
  }
}
