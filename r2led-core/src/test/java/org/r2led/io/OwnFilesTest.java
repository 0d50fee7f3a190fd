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
 * Issue 20, case 3b: a staged output's marker records the paths the tool wrote; a file the user put
 * inside is never deleted by the next write over it: the write is refused and the file listed.
 */
class OwnFilesTest {
  @TempDir Path tmp;
  static final StagedDir.Kind KIND = StagedDir.Kind.of("thing");

  private static void write(Path target, String content) throws IOException {
    try (StagedDir d = StagedDir.open(target, KIND)) {
      Path s = d.stage();
      Files.writeString(s.resolve("a.txt"), content);
      Files.createDirectories(s.resolve("sub/deeper"));
      Files.writeString(s.resolve("sub/b.txt"), content);
      d.commit();
    }
  }

  @Test
  void theMarkerRecordsEveryPathTheToolWrote() throws IOException {
    Path t = tmp.resolve("out");
    write(t, "x");
    Map<?, ?> m = Json.MAPPER.readValue(t.resolve(StagedDir.MARKER).toFile(), Map.class);
    assertEquals("thing", m.get("kind"));
    assertEquals(List.of("a.txt", "sub/", "sub/b.txt", "sub/deeper/"), m.get("paths"));
  }

  @Test
  void aFileTheUserPutInsideIsNeverDeletedTheWriteIsRefusedListingIt() throws IOException {
    Path t = tmp.resolve("out");
    write(t, "one");
    Files.writeString(t.resolve("NOTES.txt"), "mine");
    Files.writeString(t.resolve("sub/deeper/more.txt"), "mine too");
    Files.createDirectories(t.resolve("mydir/x"));
    try (StagedDir d = StagedDir.open(t, KIND)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, d::stage);
      assertEquals("refusing to replace r2led thing output " + t + ": it holds 3 files r2led did not write (NOTES.txt, mydir/,"
          + " sub/deeper/more.txt); move them out of the directory (or choose another output directory) and run again", e.getMessage());
    }
    assertEquals("mine", Files.readString(t.resolve("NOTES.txt")));
    assertEquals("mine too", Files.readString(t.resolve("sub/deeper/more.txt")));
    assertEquals("one", Files.readString(t.resolve("a.txt")), "the output itself is left as it was");

    Files.delete(t.resolve("NOTES.txt"));
    Files.delete(t.resolve("sub/deeper/more.txt"));
    Files.delete(t.resolve("mydir/x"));
    Files.delete(t.resolve("mydir"));
    write(t, "two"); // once the user's files are moved out, the output is replaced as before
    assertEquals("two", Files.readString(t.resolve("a.txt")));
  }

  @Test
  void aFileAddedWhileTheOutputIsWrittenStopsTheSwap() throws IOException {
    Path t = tmp.resolve("out");
    write(t, "one");
    try (StagedDir d = StagedDir.open(t, KIND)) {
      Files.writeString(d.stage().resolve("a.txt"), "two");
      Files.writeString(t.resolve("NOTES.txt"), "written meanwhile");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, d::commit);
      assertTrue(e.getMessage().contains("(NOTES.txt)"), e.getMessage());
    }
    assertEquals("written meanwhile", Files.readString(t.resolve("NOTES.txt")));
    assertEquals("one", Files.readString(t.resolve("a.txt")));
  }

  @Test
  void tempFilesOfDeadWritersAreTheToolsOwn() throws IOException {
    Path t = tmp.resolve("out");
    write(t, "one");
    Files.writeString(t.resolve(".a.txt.999999999.1.tmp"), "half"); // PID 999999999 is not alive
    write(t, "two");
    assertEquals("two", Files.readString(t.resolve("a.txt")));
  }

  @Test
  void outputsWithoutARecordedListKeepTheLegacyRule() throws IOException {
    // unmarked output recognised by the kind's legacy rule: replaced as before
    StagedDir.Kind legacy = new StagedDir.Kind("thing", d -> Files.isRegularFile(d.resolve("thing.json")));
    Path t = tmp.resolve("legacy");
    Files.createDirectories(t);
    Files.writeString(t.resolve("thing.json"), "{}");
    try (StagedDir d = StagedDir.open(t, legacy)) {
      Files.writeString(d.stage().resolve("a.txt"), "v2");
      d.commit();
    }
    assertEquals("v2", Files.readString(t.resolve("a.txt")));

    // marked by an earlier version (no paths recorded): only what the legacy rule accepts is replaced
    Path old = tmp.resolve("old");
    Files.createDirectories(old);
    Files.writeString(old.resolve("a.txt"), "v1");
    Files.writeString(old.resolve("NOTES.txt"), "mine");
    StagedDir.writeMarker(old, KIND);
    try (StagedDir d = StagedDir.open(old, KIND)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, d::stage);
      assertTrue(e.getMessage().contains("earlier version, which did not record its files")
          && e.getMessage().contains("NOTES.txt"), e.getMessage());
    }
    assertEquals("mine", Files.readString(old.resolve("NOTES.txt")));
    StagedDir.Kind onlyA = new StagedDir.Kind("thing", d -> StagedDir.holdsOnly(d, List.of("a.txt")));
    Files.delete(old.resolve("NOTES.txt"));
    try (StagedDir d = StagedDir.open(old, onlyA)) {
      Files.writeString(d.stage().resolve("a.txt"), "v2");
      d.commit();
    }
    assertEquals("v2", Files.readString(old.resolve("a.txt")));
  }
}
