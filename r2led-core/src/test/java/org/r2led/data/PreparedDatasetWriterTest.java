package org.r2led.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedDatasetWriterTest {
  @TempDir Path dir;

  @Test
  void writesAndReadsBackTheLayout() {
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, false)) {
      w.beginUser("u7");
      w.addEvent(1, 1, 1, 10);
      w.addEvent(2, 2, 1, 20);
      w.addSample(Split.TRAIN, 1, 2, 2, 1, 20, Float.NaN);
      w.beginUser("u9");
      w.addEvent(2, 2, 2, 5);
      w.addSample(Split.TEST, 0, 2, 2, 0, 5, Float.NaN);
      w.writeItems(List.of("<pad>", "a", "b"), List.of(new int[0], new int[] {1}, new int[] {2, 1}),
          List.of("", "first item", "second\nitem"));
      w.writeCategories(List.of("<pad>", "c1", "c2"));
      w.finish("test", List.of(), Map.of("k", 1), Map.of("items", 2L, "categories", 2L), List.of("pv", "buy"), null);
    }
    PreparedDataset ds = PreparedDataset.open(dir);
    assertEquals(2, ds.numUsers());
    assertEquals(3, ds.numEvents());
    assertEquals(2, ds.seqLength(0));
    assertEquals(1, ds.seqLength(1));
    assertEquals(2, ds.eventItem(ds.seqStart(1)));
    assertEquals(2, ds.eventBehavior(ds.seqStart(1)));
    assertEquals(1, ds.split(Split.TRAIN).size());
    assertEquals(1, ds.split(Split.TRAIN).pos(0));
    assertEquals(1, ds.split(Split.TEST).user(0));
    assertEquals(0, ds.split(Split.VALID).size());
    assertArrayEquals(new int[] {2, 1}, ds.itemCategories(2));
    assertEquals(2, ds.itemCategory(2));
    assertEquals("second item", ds.itemTexts().get(2));
    assertEquals(1L, ds.manifest().count("positives_train"));
    assertEquals(ds.manifest().fingerprint(), Manifest.read(dir).fingerprint());
  }

  @Test
  void rejectsHistoryBeyondTheSequence() {
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, false)) {
      w.beginUser("u");
      w.addEvent(1, 1, 1, 10);
      assertThrows(IllegalArgumentException.class, () -> w.addSample(Split.TRAIN, 2, 1, 1, 1, 10, 0f));
      assertThrows(IllegalArgumentException.class, () -> w.addEvent(1, 1, 1, 9));
    }
  }
}
