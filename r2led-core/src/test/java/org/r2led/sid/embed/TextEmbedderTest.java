package org.r2led.sid.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextEmbedderTest {
  @TempDir Path dir;

  /** Deterministic fake encoder: vector = (length, first char, call index); records what it encoded. */
  static final class FakeEncoder implements TextEncoder {
    final List<String> encoded = new ArrayList<>();

    @Override
    public String modelName() { return "fake/model v1"; }

    @Override
    public int dim() { return 2; }

    @Override
    public float[][] encode(List<String> texts) {
      encoded.addAll(texts);
      float[][] v = new float[texts.size()][];
      for (int i = 0; i < v.length; i++) v[i] = new float[] {texts.get(i).length(), texts.get(i).charAt(0)};
      return v;
    }
  }

  static final List<String> IDS = List.of("<pad>", "m1", "m2", "m3", "m4");

  @Test
  void secondRunIsServedFromTheCacheAndDuplicatesAreEncodedOnce() {
    List<String> texts = List.of("", "Toy Story", "Heat", "Toy Story", "Alien");
    FakeEncoder enc = new FakeEncoder();
    ItemEmbeddings first = new TextEmbedder(enc, dir, 2).embedTexts(texts, IDS, Path.of("text.txt"));
    assertEquals(List.of("Toy Story", "Heat", "Alien"), enc.encoded);
    assertArrayEquals(new float[] {9, 'T'}, first.row(1));
    assertArrayEquals(first.row(1), first.row(3));
    assertArrayEquals(new float[] {5, 'A'}, first.row(4));
    assertTrue(Files.isRegularFile(dir.resolve("fake_model_v1.f32")));

    FakeEncoder again = new FakeEncoder();
    ItemEmbeddings second = new TextEmbedder(again, dir, 2).embedTexts(texts, IDS, Path.of("text.txt"));
    assertEquals(List.of(), again.encoded);
    assertArrayEquals(first.itemMatrix(), second.itemMatrix());
    assertEquals(3, second.details().get("fromCache"));

    // a changed text is the only one encoded on the next run
    FakeEncoder third = new FakeEncoder();
    new TextEmbedder(third, dir, 2).embedTexts(List.of("", "Toy Story", "Heat 2", "Toy Story", "Alien"), IDS,
        Path.of("text.txt"));
    assertEquals(List.of("Heat 2"), third.encoded);
    assertEquals(4, EmbeddingCache.open(dir, "fake/model v1", 2).size());
  }

  @Test
  void tornCacheTailIsIgnored() throws Exception {
    FakeEncoder enc = new FakeEncoder();
    new TextEmbedder(enc, dir, 8).embedTexts(List.of("", "a1", "b22", "c333"), List.of("<pad>", "x", "y", "z"),
        Path.of("t"));
    Path keys = dir.resolve("fake_model_v1.keys");
    List<String> lines = Files.readAllLines(keys);
    Files.write(keys, lines.subList(0, 2)); // as if the run died before writing the last key
    EmbeddingCache c = EmbeddingCache.open(dir, "fake/model v1", 2);
    assertEquals(2, c.size());
    assertArrayEquals(new float[] {2, 'a'}, c.get(EmbeddingCache.key("a1")));
    assertEquals(null, c.get(EmbeddingCache.key("c333")));
  }

  @Test
  void emptyTextIsAnErrorNamingTheItem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        new TextEmbedder(new FakeEncoder(), null, 2).embedTexts(List.of("", "Heat", "  ", "Alien", "Up"), IDS,
            Path.of("ds/items/text.txt")));
    assertTrue(e.getMessage().contains("item m2 (dense id 2) has empty text at ds/items/text.txt:2"), e.getMessage());
  }
}
