package org.r2led.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedDirTest {
  @TempDir Path tmp;
  static final StagedDir.Kind KIND = StagedDir.Kind.of("thing");

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void write(Path target, String content) throws IOException {
    try (StagedDir d = StagedDir.open(target, KIND)) {
      Files.writeString(d.stage().resolve("a.txt"), content);
      d.commit();
    }
  }

  @Test
  void commitSwapsTheStagedContentInAndMarksItsKind() throws IOException {
    Path t = tmp.resolve("out");
    write(t, "one");
    assertEquals("one", Files.readString(t.resolve("a.txt")));
    assertEquals("thing", StagedDir.markerKind(t));
    write(t, "two");
    assertEquals("two", Files.readString(t.resolve("a.txt")));
    // only the target and its lock file remain beside it
    assertEquals(List.of(".out.lock", "out"), names(tmp));
  }

  @Test
  void aFailureLeavesThePreviousContentUntouched() throws IOException {
    Path t = tmp.resolve("out");
    write(t, "good");
    RuntimeException e = assertThrows(RuntimeException.class, () -> {
      try (StagedDir d = StagedDir.open(t, KIND)) {
        Files.writeString(d.stage().resolve("a.txt"), "half");
        throw new IllegalStateException("boom");
      }
    });
    assertEquals("boom", e.getMessage());
    assertEquals("good", Files.readString(t.resolve("a.txt")));
    assertEquals(List.of(".out.lock", "out"), names(tmp));
  }

  @Test
  void foreignContentIsRefusedAndKeptWithWhatWasFoundNamed() throws IOException {
    Path t = tmp.resolve("mine");
    Files.createDirectories(t.resolve("src"));
    Files.writeString(t.resolve("manifest.json"), "{\"name\":\"my app\"}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StagedDir.open(t, KIND));
    assertTrue(e.getMessage().contains("manifest.json") && e.getMessage().contains("src/"), e.getMessage());
    assertEquals(List.of("manifest.json", "src"), names(t));
    // a lock that failed to open is released
    write(tmp.resolve("other"), "x");
    try (StagedDir d = StagedDir.open(tmp.resolve("empty"), KIND)) {
      assertFalse(d.hasOutput());
    }
  }

  @Test
  void anotherKindOfOutputIsRefused() throws IOException {
    Path t = tmp.resolve("out");
    write(t, "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StagedDir.open(t, StagedDir.Kind.of("dataset")));
    assertTrue(e.getMessage().contains("holds r2led thing output, not dataset"), e.getMessage());
  }

  @Test
  void aSecondWriterFailsAtOnceNamingTheHolder() {
    Path t = tmp.resolve("out");
    try (StagedDir first = StagedDir.open(t, KIND)) {
      DirLock.LockedException e = assertThrows(DirLock.LockedException.class, () -> StagedDir.open(t, KIND));
      assertEquals(String.valueOf(ProcessHandle.current().pid()), e.holderPid());
      assertTrue(e.getMessage().contains("PID " + ProcessHandle.current().pid()), e.getMessage());
    }
    StagedDir.open(t, KIND).close(); // released
  }

  @Test
  void aSwapKilledBetweenItsRenamesIsCompletedOrUndoneOnTheNextOpen() throws IOException {
    Path t = tmp.resolve("out");
    write(t, "old");
    // killed after moving the target aside, with a complete staging directory: rolled forward
    Files.move(t, tmp.resolve(".out.old-999999"));
    Path staged = Files.createDirectories(tmp.resolve(".out.staging-999999"));
    Files.writeString(staged.resolve("a.txt"), "new");
    StagedDir.writeMarker(staged, KIND);
    StagedDir.open(t, KIND).close();
    assertEquals("new", Files.readString(t.resolve("a.txt")));
    assertEquals(List.of(".out.lock", "out"), names(tmp));

    // killed after moving the target aside, staging incomplete: the previous content comes back
    Files.move(t, tmp.resolve(".out.old-999999"));
    Files.createDirectories(tmp.resolve(".out.staging-999999")).resolve("partial");
    StagedDir.open(t, KIND).close();
    assertEquals("new", Files.readString(t.resolve("a.txt")));
    assertEquals(List.of(".out.lock", "out"), names(tmp));
  }

  @Test
  void legacyOutputsOfTheKindAreReplaced() throws IOException {
    Path t = tmp.resolve("out");
    Files.createDirectories(t);
    Files.writeString(t.resolve("thing.json"), "{}");
    StagedDir.Kind legacy = new StagedDir.Kind("thing", d -> Files.isRegularFile(d.resolve("thing.json")));
    try (StagedDir d = StagedDir.open(t, legacy)) {
      assertTrue(d.hasOutput());
      Files.writeString(d.stage().resolve("a.txt"), "v2");
      d.commit();
    }
    assertEquals(List.of(".r2led-output.json", "a.txt"), names(t));
  }
}
