package org.r2led.sid.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEmbedderTest {
  @TempDir Path dir;
  static final List<String> IDS = List.of("<pad>", "10", "20", "30");

  private ItemEmbeddings read(String content) throws IOException {
    Path f = dir.resolve("v.txt");
    Files.writeString(f, content);
    return FileEmbedder.read(f, IDS);
  }

  private String error(String content) {
    return assertThrows(IllegalArgumentException.class, () -> read(content)).getMessage();
  }

  @Test
  void readsSpacesTabsCommasAndComments() throws IOException {
    ItemEmbeddings e = read("# comment\n20\t1.5\t-2\n\n10 0 1\n30,3,4e-1\n");
    assertEquals(3, e.numItems());
    assertEquals(2, e.dim());
    assertArrayEquals(new float[] {0, 0}, e.row(0));
    assertArrayEquals(new float[] {0, 1}, e.row(1));
    assertArrayEquals(new float[] {1.5f, -2}, e.row(2));
    assertArrayEquals(new float[] {3, 0.4f}, e.row(3));
  }

  @Test
  void roundTripsThroughWrite() throws IOException {
    ItemEmbeddings e = read("10 0.25 1\n20 1.5 -2\n30 3 0.125\n");
    Path out = dir.resolve("w.txt");
    FileEmbedder.write(out, IDS, e);
    ItemEmbeddings back = FileEmbedder.read(out, IDS);
    assertArrayEquals(e.itemMatrix(), back.itemMatrix());
  }

  @Test
  void rejectsWrongDimension() {
    String m = error("10 1 2\n20 1 2 3\n30 1 2\n");
    assertTrue(m.contains("v.txt:2:") && m.contains("'20' has 3 values; expected 2 (the dimension of line 1)"), m);
  }

  @Test
  void rejectsNaNAndInfinity() {
    String m = error("10 1 2\n20 NaN 2\n30 1 2\n");
    assertTrue(m.contains("v.txt:2:") && m.contains("value 1 of item '20' is NaN; expected a finite number"), m);
    m = error("10 1 2\n20 1 2\n30 1 -Infinity\n");
    assertTrue(m.contains("v.txt:3:") && m.contains("-Infinity"), m);
  }

  @Test
  void rejectsNonNumbers() {
    String m = error("10 1 x2\n");
    assertTrue(m.contains("v.txt:1:") && m.contains("'x2'; expected a number"), m);
  }

  @Test
  void rejectsDuplicateIds() {
    String m = error("10 1 2\n20 1 2\n10 3 4\n30 1 1\n");
    assertTrue(m.contains("v.txt:3:") && m.contains("duplicate item id '10' (first on line 1)"), m);
  }

  @Test
  void rejectsUnknownIds() {
    String m = error("10 1 2\n99 1 2\n");
    assertTrue(m.contains("v.txt:2:") && m.contains("unknown item id '99'"), m);
  }

  @Test
  void rejectsMissingItemsAndEmptyFiles() {
    String m = error("10 1 2\n");
    assertTrue(m.contains("no vector for 2 of the dataset's 3 items, e.g. '20', '30'"), m);
    m = error("# nothing\n\n");
    assertTrue(m.contains("no vectors"), m);
  }
}
