package org.r2led.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the {@code r2led} command line in-process for tests, capturing exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
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
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + picoErr);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /**
   * Generates a small quickstart-preset dataset into {@code out} ({@code data synth}: 30 users, 200 items,
   * then {@code extra} arguments) and fails the test when that fails.
   */
  static java.nio.file.Path synthDataset(java.nio.file.Path out, String... extra) {
    String[] base = {"data", "synth", "--out", out.toString(), "--preset", "quickstart", "--users", "30", "--items", "200", "--quiet"};
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    CliRun r = of(args);
    org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.err());
    return out;
  }
}
