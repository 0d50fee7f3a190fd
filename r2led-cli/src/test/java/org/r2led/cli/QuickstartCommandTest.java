package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9, case 12: a newcomer's second try of the README's first command works. */
class QuickstartCommandTest {
  @TempDir Path tmp;

  private static CliRun quickstart(Path out) {
    return CliRun.of("quickstart", "--out", out.toString(), "--models", "din", "--synth", "users=30",
        "--synth", "items=200", "--synth", "max_len=200", "--set", "epochs=1");
  }

  @Test
  void runningTheQuickstartTwiceReplacesItsOwnOutput() throws Exception {
    Path out = tmp.resolve("quickstart");
    CliRun first = quickstart(out);
    assertEquals(0, first.code(), first.err());
    String summary = Files.readString(out.resolve("summary.md"));
    CliRun second = quickstart(out);
    assertEquals(0, second.code(), second.err());
    assertTrue(second.err().contains("reusing"), "the dataset is reused: " + second.err());
    assertTrue(Files.isRegularFile(out.resolve("runs/din/metrics.json")));
    // it ends by serving the exported run briefly: events accepted, users scored, service stopped
    assertTrue(Files.isRegularFile(out.resolve("model/model.json")));
    assertTrue(second.out().contains("POST /v1/events: "), second.out());
    assertTrue(second.out().lines().filter(l -> l.startsWith("| ") && l.matches(".*\\| 0\\.\\d{4} \\|$")).count() >= 1, second.out());
    assertTrue(second.out().contains("service stopped"), second.out());
    // same seed, same data, same SIDs: the retrained run reproduces the first table's metrics
    String again = Files.readString(out.resolve("summary.md"));
    assertEquals(summary.lines().filter(l -> l.startsWith("| din")).map(l -> l.split("\\|")[2]).toList(),
        again.lines().filter(l -> l.startsWith("| din")).map(l -> l.split("\\|")[2]).toList());
  }

  @Test
  void aFolderThatIsNotAQuickstartOutputIsRefusedAndKept() throws Exception {
    Path out = tmp.resolve("mine");
    Files.createDirectories(out);
    Files.writeString(out.resolve("thesis.tex"), "keep me");
    CliRun r = quickstart(out);
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("thesis.tex"), r.err());
    assertEquals("keep me", Files.readString(out.resolve("thesis.tex")));
  }
}
