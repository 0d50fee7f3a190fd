package org.r2led.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long nanos;

  private void at(double seconds) {
    nanos = Math.round(seconds * 1e9);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private List<String> lines() {
    String s = printed();
    return s.isEmpty() ? List.of() : List.of(s.split("\n"));
  }

  private Progress.Builder builder(String label) {
    return Progress.builder(label).out(out).inPlace(false).clock(() -> nanos);
  }

  @Test
  void rateEtaAndFinalLineOnAFakeClock() {
    Progress p = builder("read").total(1000).unit("rows").intervalMillis(500).build();
    at(0.1);
    p.advance(100);
    assertEquals(List.of(), lines(), "nothing before the interval elapsed");
    at(2.0);
    p.advance(150);
    // 250 rows in 2 s: 125 rows/s, 750 left -> 6 s.
    assertEquals(List.of("read: 250/1,000 rows (25.0%), 125 rows/s, elapsed 0:02, ETA 0:06"), lines());
    at(2.3);
    p.advance(10);
    assertEquals(1, lines().size(), "throttled: 0.3 s after the last line");
    at(2.5);
    p.advance(0);
    assertEquals("read: 260/1,000 rows (26.0%), 104 rows/s, elapsed 0:03, ETA 0:07", lines().get(1));
    at(4.0);
    p.update(1000);
    p.finish();
    assertEquals("read: 1,000 rows in 4.0 s (250 rows/s)", lines().get(lines().size() - 1));
    int n = lines().size();
    p.finish();
    at(9.0);
    p.advance(5);
    assertEquals(n, lines().size(), "a finished progress prints nothing more");
    assertEquals(1005, p.done());
  }

  @Test
  void bytesAreShownInMegabytesWithExtraText() {
    Progress p = builder("f.csv").total(50_000_000).unit("bytes").intervalMillis(0).build();
    at(5);
    p.update(12_500_000, () -> "loss 0.5000");
    at(10);
    p.update(50_000_000);
    p.finish("3 rows");
    assertEquals(List.of(
        "f.csv: 12.5/50.0 MB (25.0%), 2.5 MB/s, elapsed 0:05, ETA 0:15, loss 0.5000",
        "f.csv: 50.0/50.0 MB (100.0%), 5.0 MB/s, elapsed 0:10, loss 0.5000",
        "f.csv: 50.0 MB in 10.0 s (5.0 MB/s), 3 rows"), lines());
  }

  @Test
  void unknownTotalAndUnfinishedWork() {
    Progress p = builder("scan").unit("events").intervalMillis(1000).build();
    at(3725);
    p.advance(7450);
    p.finish();
    assertEquals(List.of("scan: 7,450 events, 2.0 events/s, elapsed 1:02:05",
        "scan: 7,450 events in 1:02:05 (2.0 events/s)"), lines());
    Progress q = builder("part").total(10).unit("texts").intervalMillis(600_000).build();
    at(3725 + 75);
    q.advance(4);
    q.finish();
    assertEquals("part: 4/10 texts in 1:15 (0.1 texts/s)", lines().get(2));
  }

  @Test
  void durationAndClockFormats() {
    assertEquals("12.3 s", Progress.duration(12.34));
    assertEquals("1:00", Progress.duration(59.96));
    assertEquals("0:59", Progress.clock(59.4));
    assertEquals("1:00:00", Progress.clock(3599.6));
  }

  @Test
  void silentModePrintsNothingButCountsAndTimes() {
    Progress p = builder("quiet").total(10).enabled(false).intervalMillis(0).build();
    at(2);
    p.advance(3);
    p.finish("done");
    assertEquals("", printed());
    assertEquals(3, p.done());
    assertEquals(2.0, p.elapsedSeconds(), 1e-12);
    Progress nullStream = Progress.builder("x").out(null).intervalMillis(0).build();
    nullStream.advance(1);
    nullStream.finish();
    assertEquals(1, nullStream.done());
    Progress.silent().finish();
    assertEquals("", printed());
  }

  @Test
  void inPlaceModeRedrawsOneLineAndEndsItOnSuspendAndFinish() {
    Progress p = Progress.builder("epoch 1/1").total(4).unit("samples").out(out).inPlace(true)
        .intervalMillis(60_000).clock(() -> nanos).build();
    at(0.5);
    p.update(1);
    at(0.7);
    p.update(2); // throttled at 500 ms in place, whatever the line interval
    at(1.0);
    p.update(2);
    p.suspend();
    p.suspend();
    at(2.0);
    p.update(4);
    p.finish();
    assertEquals("\repoch 1/1: 1/4 samples (25.0%), 2.0 samples/s, elapsed 0:01, ETA 0:02   "
        + "\repoch 1/1: 2/4 samples (50.0%), 2.0 samples/s, elapsed 0:01, ETA 0:01   \n"
        + "\repoch 1/1: 4/4 samples (100.0%), 2.0 samples/s, elapsed 0:02   "
        + "\repoch 1/1: 4 samples in 2.0 s (2.0 samples/s)   \n", printed());
  }

  @Test
  void advanceIsThreadSafe() throws InterruptedException {
    Progress p = builder("threads").intervalMillis(0).build();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        for (int i = 0; i < 5000; i++) p.advance(1);
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) th.join();
    assertEquals(20_000, p.done());
    // Every printed line is whole (printing happens under the lock).
    for (String line : lines()) assertEquals(true, line.startsWith("threads: ") && line.endsWith("elapsed 0:00"), line);
  }

  /** A library user's console stays quiet: progress without a stream prints only where the application chose. */
  @Test
  void progressWithoutAStreamPrintsOnlyWhereTheApplicationChose() {
    try {
      Progress.printByDefaultTo(null);
      Progress quiet = Progress.builder("quiet").inPlace(false).intervalMillis(0).clock(() -> nanos).build();
      at(1.0);
      quiet.advance(3);
      quiet.finish();
      assertEquals(null, Progress.defaultOut());
      Progress.printByDefaultTo(() -> out);
      Progress shown = Progress.builder("shown").inPlace(false).intervalMillis(0).clock(() -> nanos).build();
      at(2.0);
      shown.advance(4);
      shown.finish();
      assertEquals(List.of("shown: 4 items, 4.0 items/s, elapsed 0:01", "shown: 4 items in 1.0 s (4.0 items/s)"), lines());
      assertEquals(3, quiet.done(), "a quiet progress still counts");
    } finally {
      Progress.printByDefaultTo(null);
    }
  }
}
