package org.r2led.data.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.DatasetLayout;
import org.r2led.data.Fixtures;
import org.r2led.data.source.SourceFormat;
import org.r2led.io.DirLock;
import org.r2led.io.Hashing;
import org.r2led.io.StagedDir;

/** Issue 9, cases 1-3: {@code data prepare} never loses what the output directory held. */
class OutputSafetyTest {
  @TempDir Path tmp;

  private static PrepareResult prepare(Path in, Path out, Map<String, String> set) {
    return DatasetPreparer.prepare(new PrepareRequest(SourceFormat.TAOBAO, in, null, out, false, set, false), null);
  }

  /** Relative path → sha256 of every file under {@code dir}. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) m.put(dir.relativize(p).toString(), Hashing.sha256(p));
    }
    return m;
  }

  @Test
  void aFolderOfTheUsersOwnFilesIsRefusedAndLeftAsItWas() throws IOException {
    Path out = tmp.resolve("project");
    Fixtures.write(out, "manifest.json", "{\"name\": \"my project\", \"version\": 3}");
    Fixtures.write(out.resolve("items"), "notes.txt", "mine");
    Fixtures.write(out.resolve("src"), "Main.java", "class Main {}");
    Map<String, String> before = snapshot(out);
    Path in = Fixtures.write(tmp, "ub.csv", CacheAndDeterminismTest.rows());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prepare(in, out, Map.of()));
    assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("src/"), e.getMessage());
    assertEquals(before, snapshot(out));
  }

  @Test
  void aFailedRePrepareKeepsTheGoodDataset() throws IOException {
    Path in = Fixtures.write(tmp, "ub.csv", CacheAndDeterminismTest.rows());
    Path out = tmp.resolve("ds");
    prepare(in, out, Map.of());
    Map<String, String> good = snapshot(out);
    List<String> bad = new ArrayList<>(CacheAndDeterminismTest.rows());
    bad.add("1,2,100,pv,not-a-time");
    Path badIn = Fixtures.write(tmp.resolve("b"), "ub.csv", bad);
    assertThrows(RuntimeException.class, () -> prepare(badIn, out, Map.of()));
    assertEquals(good, snapshot(out));
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("staging")), "no staging directory left");
    }
  }

  @Test
  void aSecondPrepareIntoTheSameDirectoryFailsWhileTheFirstHoldsIt() throws IOException {
    Path in = Fixtures.write(tmp, "ub.csv", CacheAndDeterminismTest.rows());
    Path out = tmp.resolve("ds");
    prepare(in, out, Map.of());
    Map<String, String> first = snapshot(out);
    try (DirLock held = DirLock.acquire(out)) {
      DirLock.LockedException e = assertThrows(DirLock.LockedException.class, () -> prepare(in, out, Map.of("seed", "9")));
      assertTrue(e.getMessage().contains("PID " + ProcessHandle.current().pid()), e.getMessage());
    }
    assertEquals(first, snapshot(out));
    // a dataset written before output markers existed is still recognised and replaced
    Files.delete(out.resolve(StagedDir.MARKER));
    PrepareResult again = prepare(in, out, Map.of("seed", "9"));
    assertEquals("dataset", StagedDir.markerKind(out));
    assertTrue(Files.isRegularFile(out.resolve(DatasetLayout.MANIFEST)));
    assertEquals(9L, ((Number) again.manifest().protocol().get("seed")).longValue());
  }
}
