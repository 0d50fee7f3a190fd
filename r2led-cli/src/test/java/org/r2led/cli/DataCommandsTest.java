package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandsTest {
  @TempDir Path tmp;


  @Test
  void prepareThenStatsThenUpToDate() throws Exception {
    Path events = Files.writeString(tmp.resolve("events.csv"),
        "user,item,timestamp,rating\nu1,a,10,5\nu1,b,20,2\nu2,a,15,4\n");
    Path out = tmp.resolve("ds");
    CliRun r = CliRun.of("data", "prepare", "--source", "csv", "--input", events.toString(), "--out", out.toString(),
        "--set", "rating.threshold=4.5");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("prepared: "), r.out());
    assertTrue(r.err().contains("preparing csv (rating protocol)"), r.err());
    CliRun s = CliRun.of("data", "stats", out.toString(), "--json");
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("\"users\" : 2"), s.out());
    assertTrue(Files.isRegularFile(out.resolve("stats.md")));
    CliRun again = CliRun.of("data", "prepare", "--source", "csv", "--input", events.toString(), "--out", out.toString(),
        "--set", "rating.threshold=4.5");
    assertTrue(again.out().startsWith("up to date: "), again.out());
  }

  @Test
  void badRowsFailWithFileAndLineOrAreSkipped() throws Exception {
    Path events = Files.writeString(tmp.resolve("events.csv"), "user,item,timestamp\nu1,a,10\nu1,b,yesterday\nu2,b,30\n");
    CliRun r = CliRun.of("data", "prepare", "--source", "csv", "--input", events.toString(), "--out", tmp.resolve("x").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("error: events.csv:3: non-numeric timestamp 'yesterday'"), r.err());
    CliRun skip = CliRun.of("data", "prepare", "--source", "csv", "--input", events.toString(), "--out", tmp.resolve("y").toString(),
        "--skip-bad-rows", "--max-bad-rows-share", "0.5", "--set", "click.warmup=0");
    assertEquals(0, skip.code(), skip.err() + skip.out());
    assertTrue(skip.err().contains("skipped 1 bad rows"), skip.err());
    CliRun stats = CliRun.of("data", "stats", tmp.resolve("nothing").toString());
    assertEquals(2, stats.code());
    assertTrue(stats.err().contains("not a prepared dataset"), stats.err());
  }
}
