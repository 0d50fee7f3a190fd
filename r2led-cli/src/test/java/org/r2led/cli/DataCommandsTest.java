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

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StringWriter picoErr = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine();
      cl.setErr(new PrintWriter(picoErr, true));
      int code = cl.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + picoErr);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void prepareThenStatsThenUpToDate() throws Exception {
    Path events = Files.writeString(tmp.resolve("events.csv"),
        "user,item,timestamp,rating\nu1,a,10,5\nu1,b,20,2\nu2,a,15,4\n");
    Path out = tmp.resolve("ds");
    Run r = run("data", "prepare", "--source", "csv", "--input", events.toString(), "--out", out.toString(),
        "--set", "rating.threshold=4.5");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("prepared: "), r.out());
    assertTrue(r.err().contains("preparing csv (rating protocol)"), r.err());
    Run s = run("data", "stats", out.toString(), "--json");
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("\"users\" : 2"), s.out());
    assertTrue(Files.isRegularFile(out.resolve("stats.md")));
    Run again = run("data", "prepare", "--source", "csv", "--input", events.toString(), "--out", out.toString(),
        "--set", "rating.threshold=4.5");
    assertTrue(again.out().startsWith("up to date: "), again.out());
  }

  @Test
  void badRowsFailWithFileAndLineOrAreSkipped() throws Exception {
    Path events = Files.writeString(tmp.resolve("events.csv"), "user,item,timestamp\nu1,a,10\nu1,b,yesterday\nu2,b,30\n");
    Run r = run("data", "prepare", "--source", "csv", "--input", events.toString(), "--out", tmp.resolve("x").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("error: events.csv:3: non-numeric timestamp 'yesterday'"), r.err());
    Run skip = run("data", "prepare", "--source", "csv", "--input", events.toString(), "--out", tmp.resolve("y").toString(),
        "--skip-bad-rows", "--set", "click.warmup=0");
    assertEquals(0, skip.code(), skip.err() + skip.out());
    assertTrue(skip.err().contains("skipped 1 bad rows"), skip.err());
    Run stats = run("data", "stats", tmp.resolve("nothing").toString());
    assertEquals(2, stats.code());
    assertTrue(stats.err().contains("not a prepared dataset"), stats.err());
  }
}
