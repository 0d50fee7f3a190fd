package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import picocli.CommandLine;

class SynthCommandsTest {
  @TempDir Path tmp;

  @Test
  void dataSynthWritesADatasetWithTheRequestedSize() {
    Path out = tmp.resolve("ds");
    int rc = Main.commandLine().execute("data", "synth", "--out", out.toString(), "--preset", "quickstart",
        "--users", "40", "--items", "500", "--seed", "3", "--set", "max_len=300", "--quiet");
    assertEquals(0, rc);
    PreparedDataset ds = PreparedDataset.open(out);
    assertEquals(40, ds.numUsers());
    assertEquals(500, ds.numItems());
    assertEquals(3L, ((Number) ds.manifest().protocol().get("seed")).longValue());
    assertEquals(300L, ((Number) ds.manifest().protocol().get("max_len")).longValue());
    assertTrue(Files.isRegularFile(out.resolve("synth.json")));
  }

  @Test
  void badSettingsFailWithTheKeyAndExitCode2() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute("data", "synth", "--out", tmp.resolve("x").toString(), "--set", "item_zipf=-1");
    assertEquals(2, rc);
    assertTrue(err.toString().contains("config key 'item_zipf' has invalid value '-1' (--set item_zipf=-1); expected a finite number >= 0.0"),
        err.toString());
    assertTrue(Files.notExists(tmp.resolve("x")), "nothing is written for invalid settings");
  }

  @Test
  void benchEventCountsAcceptScientificAndGroupedNotation() {
    assertEquals(10_000_000L, BenchSynthCommand.parseCount("--events", "1e7"));
    assertEquals(100_000_000L, BenchSynthCommand.parseCount("--events", "100_000_000"));
    assertEquals(2_500L, BenchSynthCommand.parseCount("--events", "2,500"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchSynthCommand.parseCount("--events", "1.5"));
    assertTrue(e.getMessage().contains("'1.5'"));
  }
}
