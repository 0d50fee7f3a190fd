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

/**
 * Issue 20, case 3c: an output named through a symbolic link is locked, staged and swapped at its real
 * path, so the link stays a link to the new content and two writers through different names collide.
 */
class SymlinkOutputTest {
  @TempDir Path tmp;
  static final StagedDir.Kind KIND = StagedDir.Kind.of("thing");

  private static void write(Path target, String content) throws IOException {
    try (StagedDir d = StagedDir.open(target, KIND)) {
      Files.writeString(d.stage().resolve("a.txt"), content);
      d.commit();
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aLinkedOutputStaysALinkToTheNewContent() throws IOException {
    Path real = tmp.resolve("data/real");
    write(real, "one");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("data/real"));
    write(link, "two");
    assertTrue(Files.isSymbolicLink(link), "the link is not replaced by a directory");
    assertEquals(Path.of("data/real"), Files.readSymbolicLink(link));
    assertEquals("two", Files.readString(real.resolve("a.txt")));
    assertEquals(List.of("data", "link"), names(tmp), "no lock, staging or copy beside the link");
    assertEquals(List.of(".real.lock", "real"), names(tmp.resolve("data")));
  }

  @Test
  void writersThroughALinkAndTheRealPathShareOneLock() throws IOException {
    Path real = tmp.resolve("real");
    write(real, "one");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    Path viaParent = Files.createSymbolicLink(tmp.resolve("parent-link"), tmp).resolve("real");
    assertEquals(DirLock.lockFile(real), DirLock.lockFile(link));
    try (StagedDir first = StagedDir.open(link, KIND)) {
      assertThrows(DirLock.LockedException.class, () -> StagedDir.open(real, KIND));
      assertThrows(DirLock.LockedException.class, () -> StagedDir.open(viaParent, KIND));
      assertThrows(DirLock.LockedException.class, () -> DirLock.acquire(real), "train run directories lock the same file");
      assertEquals(real.toRealPath(), first.target());
    }
    try (DirLock runLock = DirLock.acquire(real)) {
      assertThrows(DirLock.LockedException.class, () -> DirLock.acquire(link));
    }
  }

  @Test
  void aDanglingLinkIsFollowedToWhereItPoints() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("later/out"));
    write(link, "new");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(tmp.resolve("later/out/a.txt")));
    assertEquals(tmp.toRealPath().resolve("later/out/x"), DirLock.realPath(link.resolve("x")));
    assertFalse(Files.exists(tmp.resolve(".link.lock")));
  }
}
