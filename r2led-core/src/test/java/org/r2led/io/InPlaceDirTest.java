package org.r2led.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, case 4: an output written in place records every path it wrote in its marker, and a file
 * of the user's that has the name of one it writes is never overwritten: refused up front when it is
 * there already, and again at the write when it was added while the command ran.
 */
class InPlaceDirTest {
  @TempDir Path tmp;
  static final StagedDir.Kind KIND = StagedDir.Kind.of("thing");
  static final List<String> WRITES = List.of("a.txt", "b.txt", "runs/");

  private static Object recorded(Path dir) throws IOException {
    return Json.MAPPER.readValue(dir.resolve(StagedDir.MARKER).toFile(), Map.class).get("paths");
  }

  @Test
  void aFileOfTheUsersNamedLikeOneTheToolWritesIsNeverOverwritten() throws IOException {
    Path d = tmp.resolve("out");
    try (InPlaceDir o = InPlaceDir.open(d, KIND, n -> false, WRITES)) {
      o.mark();
      Files.writeString(o.claim("a.txt"), "tool");
      Files.createDirectories(o.claim("runs/"));
      Files.writeString(d.resolve("b.txt"), "mine"); // added while the command runs, before it writes its own
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.claim("b.txt"));
      assertTrue(e.getMessage().contains("r2led thing output " + d.toRealPath() + ": it holds a file r2led did not write with"
          + " the name of one it writes (b.txt); move it out"), e.getMessage());
    }
    assertEquals(List.of("a.txt", "runs/"), recorded(d));
    assertEquals("mine", Files.readString(d.resolve("b.txt")));

    IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> InPlaceDir.open(d, KIND, n -> false, WRITES));
    assertTrue(again.getMessage().contains("(b.txt)"), "refused before anything is written: " + again.getMessage());
    try (InPlaceDir o = InPlaceDir.open(d, KIND, n -> false, List.of("a.txt", "runs/"))) {
      o.mark();
      Files.writeString(o.claim("a.txt"), "tool again"); // its own files are rewritten
    }
    assertEquals("tool again", Files.readString(d.resolve("a.txt")));
    assertEquals("mine", Files.readString(d.resolve("b.txt")));
  }

  @Test
  void aFileWhereTheToolWritesADirectoryIsRefused() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("out"));
    StagedDir.writeMarker(d, KIND);
    Files.writeString(d.resolve("runs"), "a file named like the runs directory");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InPlaceDir.open(d, KIND, "a.txt"::equals, WRITES));
    assertTrue(e.getMessage().contains("(runs)"), e.getMessage());
  }

  @Test
  void anOutputOfAnEarlierVersionKeepsItsOwnFilesAndNowRecordsThem() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(d.resolve("a.txt"), "v1");
    Files.writeString(d.resolve("NOTES.txt"), "mine");
    StagedDir.writeMarker(d, KIND); // marked, no recorded paths
    try (InPlaceDir o = InPlaceDir.open(d, KIND, "a.txt"::equals, List.of("a.txt"))) {
      o.mark();
      assertEquals(List.of("a.txt"), recorded(d));
      Files.writeString(o.claim("a.txt"), "v2");
    }
    assertEquals("v2", Files.readString(d.resolve("a.txt")));
    assertEquals("mine", Files.readString(d.resolve("NOTES.txt")));
  }

  @Test
  void aFolderOfTheUsersOrAnotherKindIsRefusedAndNotMarked() throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("a.txt"), "mine");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InPlaceDir.open(mine, KIND, n -> true, WRITES));
    assertTrue(e.getMessage().contains("is not r2led thing output (found a.txt)"), e.getMessage());
    StagedDir.writeMarker(mine, StagedDir.Kind.of("dataset"));
    e = assertThrows(IllegalArgumentException.class, () -> InPlaceDir.open(mine, KIND, n -> true, WRITES));
    assertTrue(e.getMessage().contains("holds r2led dataset output, not thing"), e.getMessage());
    assertEquals("dataset", StagedDir.markerKind(mine));
  }
}
